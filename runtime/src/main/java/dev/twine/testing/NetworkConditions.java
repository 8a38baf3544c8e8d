package dev.twine.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * How badly a {@link SimulatedNetwork} treats its connections. Every value is a bound: the network
 * draws each actual cut, delay and reset from its seed.
 *
 * <pre>{@code
 * NetworkConditions flaky = NetworkConditions.defaults()
 *         .withLatency(Duration.ofMillis(1), Duration.ofMillis(800))  // some answers come late
 *         .withResets(0.2, Duration.ofSeconds(2));                     // one connection in five breaks
 * }</pre>
 *
 * @param maxSegmentSize the most bytes the sender hands the network at once: writes are cut into
 *                       segments of 1 to this many bytes
 * @param maxReadSize    the most bytes one {@code onBytes} call gets: what has arrived is read in
 *                       pieces of 1 to this many bytes
 * @param minLatency     the least time a segment takes to arrive (positive: a network takes time,
 *                       so a conversation that never ends still moves the clock)
 * @param maxLatency     the most time a segment takes to arrive, before waiting for the segments
 *                       ahead of it (a stream never overtakes itself)
 * @param receiveWindow  how many bytes may be in flight or arrived-but-unread in one direction;
 *                       beyond that, written bytes wait in the writer's transport, where they count
 *                       against its watermarks — a reader that pauses pushes back on its writer
 * @param resetProbability the chance, from 0 to 1, that a connection is reset
 * @param resetWithin    a connection that is reset is reset at a uniformly random time this long or
 *                       less after it opens, at one end chosen at random (a reset due after the
 *                       traffic has stopped waits for the clock to reach it:
 *                       {@link SimulatedNetwork#runUntilIdle()} does not wait for it)
 */
public record NetworkConditions(int maxSegmentSize, int maxReadSize, Duration minLatency, Duration maxLatency,
        int receiveWindow, double resetProbability, Duration resetWithin) {

    public NetworkConditions {
        positive(maxSegmentSize, "maxSegmentSize");
        positive(maxReadSize, "maxReadSize");
        positive(receiveWindow, "receiveWindow");
        Objects.requireNonNull(minLatency, "minLatency");
        Objects.requireNonNull(maxLatency, "maxLatency");
        Objects.requireNonNull(resetWithin, "resetWithin");
        if (minLatency.isNegative() || minLatency.isZero() || maxLatency.compareTo(minLatency) < 0) {
            throw new IllegalArgumentException("need 0 < minLatency <= maxLatency, got " + minLatency + " and "
                    + maxLatency);
        }
        if (!(resetProbability >= 0 && resetProbability <= 1)) {
            throw new IllegalArgumentException("resetProbability must be between 0 and 1, got " + resetProbability);
        }
        if (resetWithin.isNegative()) {
            throw new IllegalArgumentException("resetWithin must not be negative, got " + resetWithin);
        }
    }

    /**
     * A network that cuts hard and delays a little and never resets: segments of up to 1460 bytes
     * (an Ethernet TCP segment), reads of up to 4096, 50 µs to 5 ms of latency, a 64 KiB window.
     */
    public static NetworkConditions defaults() {
        return new NetworkConditions(1460, 4096, Duration.ofNanos(50_000), Duration.ofMillis(5), 64 * 1024, 0,
                Duration.ZERO);
    }

    /** These conditions with each segment taking {@code min} to {@code max} to arrive. */
    public NetworkConditions withLatency(Duration min, Duration max) {
        return new NetworkConditions(maxSegmentSize, maxReadSize, min, max, receiveWindow, resetProbability,
                resetWithin);
    }

    /** These conditions with segments of at most {@code bytes}. */
    public NetworkConditions withMaxSegmentSize(int bytes) {
        return new NetworkConditions(bytes, maxReadSize, minLatency, maxLatency, receiveWindow, resetProbability,
                resetWithin);
    }

    /** These conditions with reads of at most {@code bytes}. */
    public NetworkConditions withMaxReadSize(int bytes) {
        return new NetworkConditions(maxSegmentSize, bytes, minLatency, maxLatency, receiveWindow, resetProbability,
                resetWithin);
    }

    /** These conditions with a receive window of {@code bytes}. */
    public NetworkConditions withReceiveWindow(int bytes) {
        return new NetworkConditions(maxSegmentSize, maxReadSize, minLatency, maxLatency, bytes, resetProbability,
                resetWithin);
    }

    /** These conditions with each connection reset, with {@code probability}, within {@code within}. */
    public NetworkConditions withResets(double probability, Duration within) {
        return new NetworkConditions(maxSegmentSize, maxReadSize, minLatency, maxLatency, receiveWindow, probability,
                within);
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
