package dev.twine.benchmarks.echo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Comparison 6: how Twine and Netty hold up as the load grows — 1 to 10,000 connections at the
 * echo-rr frame size, and 16-byte to 1 MiB frames at the echo-rr connection count. At each point
 * the two servers are measured back to back, taking turns at going first, with the same
 * {@link EchoLoadClient}.
 */
final class Growth {

    static final int[] CONNECTIONS = {1, 100, 1_000, 10_000};

    static final int[] FRAME_SIZES = {16, 256, 4 << 10, 64 << 10, 1 << 20};

    /** Long enough for 10,000 connections to go round many times, and for 1 MiB frames to settle. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    /** The two axes the load grows along. */
    enum Sweep {
        CONNECTIONS("connections"),
        FRAME_SIZE("frame-size");

        final String label;

        Sweep(String label) {
            this.label = label;
        }
    }

    /**
     * One server at one load.
     *
     * @param result what was measured, or {@code null} if the run failed (its reason is on standard error)
     */
    record Point(Sweep sweep, int connections, int frameBytes, EchoPeer peer, LoadResult result) {

        /** Where the point sits on its sweep's axis. */
        int x() {
            return sweep == Sweep.CONNECTIONS ? connections : frameBytes;
        }
    }

    private Growth() {}

    /** Runs both sweeps against the Twine and Netty servers in {@code servers}, measuring {@code window} at each point. */
    static List<Point> run(Map<EchoPeer, RunningPeer> servers, Duration window) {
        final List<Point> points = new ArrayList<>();
        final List<RunningPeer> pair = new ArrayList<>(List.of(servers.get(EchoPeer.TWINE), servers.get(EchoPeer.NETTY)));
        for (int connections : CONNECTIONS) {
            measure(pair, Sweep.CONNECTIONS, connections, EchoComparisons.FRAME_BYTES, window, points);
        }
        for (int frameBytes : FRAME_SIZES) {
            measure(pair, Sweep.FRAME_SIZE, EchoComparisons.CONNECTIONS, frameBytes, window, points);
        }
        return points;
    }

    private static void measure(List<RunningPeer> pair, Sweep sweep, int connections, int frameBytes, Duration window,
            List<Point> points) {
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "growth: %,6d connections, %8s frames",
                connections, GrowthReport.bytes(frameBytes)));
        for (RunningPeer server : pair) {
            Point point;
            try {
                final LoadResult result = server.measure(connections, frameBytes, SETTLE, window);
                point = new Point(sweep, connections, frameBytes, server.peer, result);
                line.append(String.format(Locale.ROOT, "   %s %,9.0f req/s p99 %,9.0f us",
                        server.peer.label, result.requestsPerSecond(), result.p99Micros()));
            } catch (IllegalStateException e) {
                point = new Point(sweep, connections, frameBytes, server.peer, null);
                line.append("   ").append(server.peer.label).append(" FAILED");
                System.err.println("growth: " + e.getMessage());
            }
            points.add(point);
        }
        System.out.println(line);
        Collections.reverse(pair); // the other server goes first next time
    }
}
