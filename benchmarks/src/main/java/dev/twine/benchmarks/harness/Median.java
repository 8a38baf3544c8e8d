package dev.twine.benchmarks.harness;

import java.util.Arrays;

/** The median of repeated measurements: one run that a busy machine disturbed does not drag it. */
public final class Median {

    private Median() {}

    /** The middle value, or the mean of the two middle ones of an even count. */
    public static double of(double... values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
