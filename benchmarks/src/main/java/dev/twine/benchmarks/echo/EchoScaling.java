package dev.twine.benchmarks.echo;

import dev.twine.benchmarks.harness.RunMode;
import dev.twine.benchmarks.harness.Scaling;
import java.time.Duration;

/**
 * The Twine echo example with {@code --threads N}, for {@link Scaling}: each measurement a fresh
 * server on its N CPUs, loaded as echo-rr loads it ({@value EchoComparisons#CONNECTIONS}
 * connections, {@value EchoComparisons#FRAME_BYTES}-byte frames, closed loop) from each load
 * thread. This JVM is the load generator: it moves itself to the load CPUs first.
 */
public final class EchoScaling {

    private EchoScaling() {}

    /** Requests per second with N reactors; a short warm-up and window in {@code quick}. */
    public static Scaling.Measure requestsPerSecond(RunMode mode) {
        final Duration warmup = mode.full() ? Duration.ofSeconds(10) : Duration.ofSeconds(2);
        final Duration window = mode.full() ? Duration.ofSeconds(5) : Duration.ofSeconds(3);
        return (reactors, cpus) -> {
            try (RunningPeer server = RunningPeer.start(EchoPeer.TWINE, port -> EchoPeer.twine(port, reactors), cpus)) {
                cpus.pinThisProcessToLoad();
                return server.requestsPerSecond(cpus.loadThreads(), EchoComparisons.CONNECTIONS * cpus.loadThreads(),
                        EchoComparisons.FRAME_BYTES, warmup, window);
            }
        };
    }
}
