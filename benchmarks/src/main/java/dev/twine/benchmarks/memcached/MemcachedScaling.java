package dev.twine.benchmarks.memcached;

import dev.twine.benchmarks.harness.RunMode;
import dev.twine.benchmarks.harness.Scaling;
import java.time.Duration;

/**
 * The Twine memcached example with {@code --threads N}, for {@link Scaling}: each measurement a
 * {@link Trial} of a fresh server on its N CPUs, loaded by memcaslap with the memcached
 * comparison's workload and {@value MemcachedComparisons#MAIN_CONCURRENCY} connections per load
 * thread. With N partitions most keys live on another reactor than the connection asking, so most
 * requests take a hop there and back: what this measures is the partitioned server as a whole.
 */
public final class MemcachedScaling {

    private MemcachedScaling() {}

    /** What memcaslap prints as its version, for the output's header. */
    public static String loadVersion() {
        return Memcaslap.version();
    }

    /** Operations per second with N reactors; a short warm-up and window in {@code quick}. */
    public static Scaling.Measure opsPerSecond(RunMode mode) {
        final Memcaslap memcaslap = Memcaslap.create();
        final Trial.Settings settings = mode.full()
                ? new Trial.Settings(Duration.ofSeconds(5), Duration.ofSeconds(20), MemcachedComparisons.MEMORY_MB)
                : new Trial.Settings(Duration.ofSeconds(2), Duration.ofSeconds(3), MemcachedComparisons.MEMORY_MB);
        return (reactors, cpus) -> Trial.measure(memcaslap, "twine-" + reactors + "-reactors",
                port -> Contender.twine(port, MemcachedComparisons.MEMORY_MB, reactors),
                MemcachedComparisons.MAIN_CONCURRENCY * cpus.loadThreads(), settings, cpus).opsPerSecond();
    }
}
