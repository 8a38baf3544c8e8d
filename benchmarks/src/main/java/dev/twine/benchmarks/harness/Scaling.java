package dev.twine.benchmarks.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One server's throughput with 1, 2, … reactors, up to the machine's CPUs (and at least 2), each
 * count placed by {@link CpuPlan#forReactors}. Rounds go through the counts in a rotated order, so
 * that a drift of a shared machine does not land on one count; a count's figure is the median of
 * its rounds. Reports one {@code RESULT} line per count above one,
 * {@code scaling-<comparison>-<N>-reactors-1}: ours with N reactors, the peer with one.
 */
public final class Scaling {

    /** Measures the server once with {@code reactors} reactors, placed on {@code cpus}. */
    @FunctionalInterface
    public interface Measure {
        double perSecond(int reactors, CpuPlan cpus);
    }

    private Scaling() {}

    /** 1 to the number of CPUs, and at least 1 and 2. */
    public static List<Integer> reactorCounts() {
        final List<Integer> counts = new ArrayList<>();
        for (int reactors = 1; reactors <= Math.max(2, ServerProcess.onlineCpus()); reactors++) {
            counts.add(reactors);
        }
        return counts;
    }

    /**
     * Says, once per count, where the server and its load cannot each have CPUs of their own, or
     * the load has fewer threads than the server has reactors: such a point shows what the machine
     * does with more threads than it has room for, not how the server scales.
     */
    public static void printNotes(List<Integer> counts) {
        for (int reactors : counts) {
            final CpuPlan cpus = CpuPlan.forReactors(reactors);
            if (cpus.shared() || cpus.loadThreads() < reactors || reactors > ServerProcess.onlineCpus()) {
                System.out.println("NOTE: " + reactors + " reactors on " + ServerProcess.onlineCpus()
                        + " CPUs: " + cpus.describe() + " - the server "
                        + (cpus.shared() ? "shares CPUs with the load generator" : "outnumbers its load threads")
                        + ", so this point cannot show real scaling (it is still reported)");
            }
        }
    }

    /**
     * Measures every count {@code rounds} times and prints the table and the {@code RESULT} lines.
     *
     * @param comparison the middle of the result names, e.g. {@code echo-rr}
     * @param unit what the figures count per second, e.g. {@code req/s}
     */
    public static void run(String comparison, String unit, List<Integer> counts, int rounds, Measure measure) {
        final Map<Integer, List<Double>> figures = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            final List<Integer> order = new ArrayList<>(counts);
            Collections.rotate(order, -round);
            for (int reactors : order) {
                final CpuPlan cpus = CpuPlan.forReactors(reactors);
                final double figure = measure.perSecond(reactors, cpus);
                figures.computeIfAbsent(reactors, n -> new ArrayList<>()).add(figure);
                System.out.printf(Locale.ROOT, "  %s  %2d reactor(s)  %10.0f %s   (%s)%n", comparison, reactors, figure, unit,
                        cpus.describe());
                System.out.flush();
            }
        }
        final double one = median(figures.get(1));
        System.out.printf(Locale.ROOT, "%s: reactors, %s (median of %d), against 1 reactor%n", comparison, unit, rounds);
        figures.forEach((reactors, all) -> System.out.printf(Locale.ROOT, "  %2d  %10.0f  %5.2fx%n", reactors,
                median(all), median(all) / one));
        figures.forEach((reactors, all) -> {
            if (reactors > 1) {
                new Result("scaling-" + comparison + "-" + reactors + "-reactors-1", median(all), one,
                        unit, true).print();
            }
        });
    }

    private static double median(List<Double> values) {
        return Median.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
