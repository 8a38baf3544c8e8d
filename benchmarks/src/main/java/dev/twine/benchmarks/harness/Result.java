package dev.twine.benchmarks.harness;

import java.util.Locale;

/**
 * One comparison's outcome: our figure, the peer's, and which way is better. {@link #line()} is the
 * {@code RESULT} line that {@code benchmarks/run} collects into the CSV under
 * {@code benchmarks/results/}; every comparison prints exactly one per name.
 *
 * @param name the comparison and the peer, as {@code <comparison>-<peer>} (e.g. {@code echo-rr-netty})
 * @param ours Twine's figure
 * @param peer the peer's figure, measured in the same run
 * @param unit what both figures count, e.g. {@code frames/s}, {@code B/frame}, {@code us}
 * @param higherIsBetter whether a larger figure is the better one (throughput) or a smaller one
 *     (latency, allocation)
 */
public record Result(String name, double ours, double peer, String unit, boolean higherIsBetter) {

    public Result {
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)+")) {
            throw new IllegalArgumentException("a result name is <comparison>-<peer> in lower case: " + name);
        }
        if (unit.isBlank() || unit.contains(" ")) {
            throw new IllegalArgumentException("a unit has no spaces: '" + unit + "'");
        }
    }

    /** {@code ours / peer}; infinite when the peer's figure is zero. */
    public double ratio() {
        return ours / peer;
    }

    /**
     * {@code RESULT name=… ours=… peer=… unit=… better=higher|lower ratio=…}, the line the issue
     * fixes and the run script greps.
     */
    public String line() {
        return String.format(Locale.ROOT, "RESULT name=%s ours=%s peer=%s unit=%s better=%s ratio=%.3f",
                name, number(ours), number(peer), unit, higherIsBetter ? "higher" : "lower", ratio());
    }

    /** Prints {@link #line()} on standard output and returns this result. */
    public Result print() {
        System.out.println(line());
        System.out.flush();
        return this;
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.3f", value);
    }
}
