package dev.twine.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.support.TextClient;
import dev.twine.runtime.CloseReason;
import dev.twine.server.ConnectionTimeoutException;
import dev.twine.server.ConnectionTimeouts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 slowloris connections against the memcached example, each dripping one byte of a request
 * line every 100 ms: every byte would keep a timer that counts bytes young, but none finishes a
 * request, so the request (frame) timeout closes every one of them — while a well-behaved client
 * on the same server is answered about as fast as with nobody else there (medians, within 2×).
 */
@Timeout(120)
class SlowlorisTest {

    private static final int SLOWLORIS = 1_000;
    private static final Duration DRIP_INTERVAL = Duration.ofMillis(100);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final String GET = "get k\r\n";
    private static final String VALUE = "v".repeat(100);
    private static final String REPLY = "VALUE k 0 100\r\n" + VALUE + "\r\nEND\r\n";

    /** Request latencies, in nanoseconds. */
    private record Latencies(long[] samples) {
        long median() {
            long[] sorted = samples.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        @Override
        public String toString() {
            return samples.length + " requests, median " + median() / 1_000 + " µs";
        }
    }

    /** Up to {@code count} gets, for at most {@code budget}; each must get the whole value back. */
    private static Latencies measure(TextClient client, int count, Duration budget) throws IOException {
        long[] samples = new long[count];
        long stop = System.nanoTime() + budget.toNanos();
        int n = 0;
        while (n < count && System.nanoTime() < stop) {
            long started = System.nanoTime();
            String reply = client.call(GET, "END\r\n");
            samples[n++] = System.nanoTime() - started;
            assertEquals(REPLY, reply);
        }
        return new Latencies(Arrays.copyOf(samples, n));
    }

    /** One wave of slowloris connections, with the normal client measured before, during and after. */
    private record Wave(Latencies before, Latencies loaded, Latencies after) {
        /** The slower of the two quiet measurements: noise on a shared machine only ever slows one down. */
        long unloaded() {
            return Math.max(before.median(), after.median());
        }

        boolean withinTwiceUnloaded() {
            return loaded.median() <= 2 * unloaded();
        }

        @Override
        public String toString() {
            return "under load " + loaded + "; unloaded: before " + before + ", after " + after;
        }
    }

    private static Wave wave(ServedMemcached server, TextClient client) throws Exception {
        Latencies before = measure(client, 5_000, Duration.ofSeconds(2));
        Latencies loaded;
        try (Slowloris slowloris = Slowloris.start(server.address(), SLOWLORIS, DRIP_INTERVAL,
                REQUEST_TIMEOUT.plusSeconds(30))) {
            assertTrue(slowloris.awaitAllOpen(Duration.ofSeconds(20)), "the slowloris connections open: "
                    + slowloris.open() + " of " + SLOWLORIS + ", " + slowloris.failure());
            loaded = measure(client, 5_000, Duration.ofSeconds(1));
            int openAfterMeasuring = slowloris.open();
            assertTrue(openAfterMeasuring >= SLOWLORIS * 9 / 10,
                    "the measurement ran with (nearly) every slowloris connection open: " + openAfterMeasuring);
            assertTrue(loaded.samples().length >= 100, "enough requests under load for a median: " + loaded);

            assertTrue(slowloris.awaitAllClosed(REQUEST_TIMEOUT.plusSeconds(20)),
                    "the server closed every slowloris connection; still open: " + slowloris.open());
            assertTrue(slowloris.shortestLife().compareTo(REQUEST_TIMEOUT) >= 0,
                    "none was closed before its request timed out: " + slowloris.shortestLife());
        }
        return new Wave(before, loaded, measure(client, 5_000, Duration.ofSeconds(2)));
    }

    @Test
    void aThousandSlowlorisConnectionsAreClosedWhileANormalClientIsServedAsFast() throws Exception {
        try (ServedMemcached server = ServedMemcached.start(ConnectionTimeouts.NONE.withFrame(REQUEST_TIMEOUT));
                TextClient client = new TextClient(server.address())) {
            client.call("set k 0 0 100\r\n" + VALUE + "\r\n", "STORED\r\n");
            measure(client, 10_000, Duration.ofSeconds(5)); // warm up: the JIT, the caches

            // Latency in microseconds on a shared machine is noisy; a server that slows down under
            // the load fails every wave, a noisy neighbour rarely spoils three in a row.
            List<Wave> waves = new ArrayList<>();
            do {
                waves.add(wave(server, client));
            } while (!waves.get(waves.size() - 1).withinTwiceUnloaded() && waves.size() < 3);
            assertTrue(waves.get(waves.size() - 1).withinTwiceUnloaded(), "latency more than doubled: " + waves);

            long timedOut = server.closes().stream().filter(SlowlorisTest::requestTimedOut).count();
            assertEquals((long) SLOWLORIS * waves.size(), timedOut,
                    "each slowloris was ended by the request timeout: " + server.closes());
            assertEquals(1, server.connections(), "only the normal client is left");
            assertEquals(REPLY, client.call(GET, "END\r\n"), "and it is still served, however long it idled");
            assertTrue(server.onReactor(() -> server.transports().get(0).isOpen()), "its connection never closed");
        }
    }

    private static boolean requestTimedOut(CloseReason reason) {
        return reason.kind() == CloseReason.Kind.FAILED
                && reason.cause() instanceof ConnectionTimeoutException timeout
                && timeout.kind() == ConnectionTimeoutException.Kind.FRAME;
    }
}
