package dev.twine.benchmarks.echo;

import dev.twine.benchmarks.harness.Median;
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
        return Median.of(windows.stream().mapToDouble(LoadResult::requestsPerSecond).toArray());
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
