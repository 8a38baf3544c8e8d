package dev.twine.benchmarks.memcached;

import dev.twine.benchmarks.harness.Result;
import dev.twine.benchmarks.harness.RunMode;
import dev.twine.benchmarks.harness.Processes;
import dev.twine.benchmarks.harness.ServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Comparison 4, {@code memcached-binary}: the Twine memcached example against real
 * {@code memcached -t 1} and against a Netty server of the same get/set subset over the same store
 * ({@link NettyMemcachedServer}), all loaded by {@code memcaslap --binary} with one thread and the
 * same concurrency, time and workload ({@link Memcaslap}), back to back in one run. Prints a table
 * and, for the main concurrency, the {@code RESULT} lines {@code memcached-binary-memcached} and
 * {@code memcached-binary-netty} (operations per second, higher is better), and beside them
 * {@code memcached-binary-cpu-memcached} and {@code memcached-binary-cpu-netty}: each server's CPU
 * time per operation (lower is better), which still compares the servers when a busy machine
 * starves the load generator and every server's throughput falls to what memcaslap can send.
 *
 * <p>{@code quick} measures the main concurrency once per server (under a minute in all);
 * {@code full} measures it in several rounds, each in a rotated server order so that none always
 * runs first or last, reports each server's median, and adds a lower and a higher concurrency to
 * the table.
 */
public final class MemcachedComparisons {

    /** The load the RESULT lines are measured at: connections, each with one request in flight. */
    static final int MAIN_CONCURRENCY = 64;

    /** Items for every server: far above what any run sets (about 1.1 KiB per set), so none evicts. */
    static final int MEMORY_MB = 1024;

    /** A server using less of its CPU than this was waiting for the load generator. */
    private static final double SATURATED_CPU_SHARE = 0.9;

    private record Plan(Trial.Settings settings, int mainRounds, List<Integer> otherConcurrencies) {}

    private static final Plan QUICK = new Plan(
            new Trial.Settings(Duration.ofSeconds(3), Duration.ofSeconds(12), MEMORY_MB), 1, List.of());
    private static final Plan FULL = new Plan(
            new Trial.Settings(Duration.ofSeconds(5), Duration.ofSeconds(20), MEMORY_MB), 3, List.of(8, 512));

    private MemcachedComparisons() {}

    public static void main(String[] args) {
        final RunMode mode = RunMode.of(args);
        final Plan plan = mode.full() ? FULL : QUICK;
        final Memcaslap memcaslap = Memcaslap.create();
        System.out.println("== memcached-binary (" + mode.name().toLowerCase(Locale.ROOT) + ")");
        System.out.println(ServerProcess.pinning());
        System.out.println("load: " + Memcaslap.version() + " --binary, 1 thread; per server "
                + plan.settings().warmUp().toSeconds() + " s warm-up, then " + plan.settings().measured().toSeconds()
                + " s measured; 64 B keys, 1 KiB values, 10% set / 90% get, 1% of gets verified");
        System.out.println("servers: " + Processes.firstLine(List.of("memcached", "-V")) + "; Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ") for Twine and Netty");

        final List<Trial.Outcome> rounds = new ArrayList<>();
        for (int round = 0; round < plan.mainRounds(); round++) {
            for (Contender contender : rotated(round)) {
                rounds.add(report(Trial.run(memcaslap, contender, MAIN_CONCURRENCY, plan.settings())));
            }
        }
        final List<Trial.Outcome> atMain = medians(rounds);
        final List<Trial.Outcome> rows = new ArrayList<>(atMain);
        for (int concurrency : plan.otherConcurrencies()) {
            for (Contender contender : Contender.values()) {
                rows.add(report(Trial.run(memcaslap, contender, concurrency, plan.settings())));
            }
        }
        System.out.println();
        printTable(rows, plan.mainRounds());

        warnIfUnsaturated(rows);

        final Map<Contender, Trial.Outcome> byContender = byContender(atMain);
        final Trial.Outcome twine = byContender.get(Contender.TWINE);
        for (Contender peer : List.of(Contender.MEMCACHED, Contender.NETTY)) {
            final String name = peer.name().toLowerCase(Locale.ROOT);
            final Trial.Outcome other = byContender.get(peer);
            new Result("memcached-binary-" + name, twine.opsPerSecond(), other.opsPerSecond(), "ops/s", true).print();
            if (!Double.isNaN(twine.serverCpuShare()) && !Double.isNaN(other.serverCpuShare())) {
                new Result("memcached-binary-cpu-" + name, twine.cpuMicrosPerOperation(),
                        other.cpuMicrosPerOperation(), "us/op", false).print();
            }
        }
    }

    /**
     * Says so when a server was not kept busy: then memcaslap (or other load on the machine) set
     * the pace, and the ops/s ratios understate the difference between the servers.
     */
    private static void warnIfUnsaturated(List<Trial.Outcome> rows) {
        final List<String> idle = rows.stream()
                .filter(o -> o.serverCpuShare() < SATURATED_CPU_SHARE)
                .map(o -> o.contender().label() + " at " + o.concurrency() + " (" + percent(o.serverCpuShare()) + ")")
                .toList();
        if (!idle.isEmpty()) {
            System.out.println("note: server CPU below " + percent(SATURATED_CPU_SHARE) + " for " + String.join(", ", idle)
                    + ": the load generator, not the server, limited those runs (is the machine busy?), so their"
                    + " ops/s ratios understate the servers' difference; CPU us/op still compares their cost");
        }
    }

    /** The servers in round {@code round}'s order: each round starts one further along. */
    private static List<Contender> rotated(int round) {
        final Contender[] all = Contender.values();
        final List<Contender> order = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            order.add(all[(round + i) % all.length]);
        }
        return order;
    }

    /** Per server, the round with the median throughput (the upper one of an even count). */
    private static List<Trial.Outcome> medians(List<Trial.Outcome> outcomes) {
        final List<Trial.Outcome> medians = new ArrayList<>();
        for (Contender contender : Contender.values()) {
            final List<Trial.Outcome> rounds = outcomes.stream()
                    .filter(o -> o.contender() == contender)
                    .sorted(Comparator.comparingDouble(Trial.Outcome::opsPerSecond))
                    .toList();
            medians.add(rounds.get(rounds.size() / 2));
        }
        return medians;
    }

    private static Map<Contender, Trial.Outcome> byContender(List<Trial.Outcome> outcomes) {
        final Map<Contender, Trial.Outcome> map = new EnumMap<>(Contender.class);
        outcomes.forEach(o -> map.put(o.contender(), o));
        return map;
    }

    private static Trial.Outcome report(Trial.Outcome outcome) {
        System.out.printf(Locale.ROOT, "  concurrency %4d  %-15s %10.0f ops/s   server CPU %s%n", outcome.concurrency(),
                outcome.contender().label(), outcome.opsPerSecond(), percent(outcome.serverCpuShare()));
        System.out.flush();
        return outcome;
    }

    /**
     * One row per server and concurrency: throughput, Twine's ratio to it, the server's CPU use and
     * its CPU time per operation.
     */
    private static void printTable(List<Trial.Outcome> rows, int mainRounds) {
        System.out.printf(Locale.ROOT, "%-11s  %-15s %12s %12s %11s %13s%n",
                "concurrency", "server", "ops/s", "Twine/this", "server CPU", "CPU us/op");
        for (Trial.Outcome row : rows) {
            final double twine = rows.stream()
                    .filter(o -> o.concurrency() == row.concurrency() && o.contender() == Contender.TWINE)
                    .findFirst().orElseThrow().opsPerSecond();
            System.out.printf(Locale.ROOT, "%11d  %-15s %12.0f %12.3f %11s %13.2f%n",
                    row.concurrency(), row.contender().label(), row.opsPerSecond(), twine / row.opsPerSecond(),
                    percent(row.serverCpuShare()), row.cpuMicrosPerOperation());
        }
        if (mainRounds > 1) {
            System.out.println("(concurrency " + MAIN_CONCURRENCY + ": each server's median of " + mainRounds
                    + " rounds)");
        }
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "unknown" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
