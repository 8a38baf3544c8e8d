package dev.twine.benchmarks.harness;

/**
 * How long and how often to measure. {@code quick} keeps the whole {@code benchmarks/run quick}
 * under four minutes for regular checks; {@code full} is for publication (more forks, iterations
 * and sizes).
 */
public enum RunMode {
    QUICK,
    FULL;

    /** The mode named by the first program argument, {@code quick} when there is none. */
    public static RunMode of(String[] args) {
        return args.length == 0 ? QUICK : valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
    }

    public boolean full() {
        return this == FULL;
    }
}
