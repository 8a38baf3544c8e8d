package dev.twine.benchmarks.echo;

import java.util.ArrayList;
import java.util.List;

/**
 * The measurement windows of one server in the echo-rr comparison. Throughput is their median, so
 * one window that another process on the shared machine disturbed does not drag the figure;
 * latency percentiles and CPU use are pooled over all of them.
 */
final class Windows {

    private final List<LoadResult> windows = new ArrayList<>();
    private LoadResult pooled;

    void add(LoadResult window) {
        windows.add(window);
        pooled = pooled == null ? window : pooled.plus(window);
    }

    double requestsPerSecond() {
        final double[] sorted = windows.stream().mapToDouble(LoadResult::requestsPerSecond).sorted().toArray();
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The lowest and highest window's throughput: how much the machine moved during the run. */
    double slowest() {
        return windows.stream().mapToDouble(LoadResult::requestsPerSecond).min().orElse(Double.NaN);
    }

    double fastest() {
        return windows.stream().mapToDouble(LoadResult::requestsPerSecond).max().orElse(Double.NaN);
    }

    /** All windows as one, for latency and CPU. */
    LoadResult pooled() {
        return pooled;
    }
}
