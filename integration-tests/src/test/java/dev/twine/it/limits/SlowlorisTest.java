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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 slowloris connections against the memcached example, each dripping one byte of a request
 * line every 100 ms: every byte would keep a timer that counts bytes young, but the idle timeout
 * counts from the last whole request (or from connecting), and a drip never finishes one — so the
 * idle timeout alone closes every one of them, none before its time. Meanwhile a well-behaved
 * client on the same server keeps its median latency within twice its unloaded value.
 *
 * <p>Each attempt is a whole, independent measurement: the client's median over up to 5,000 gets
 * with nobody else there, then, with a fresh wave of 1,000 slowloris connections open, its median
 * over up to 5,000 more; the attempt passes if the second is at most twice the first. Medians of
 * sub-millisecond latencies on a shared two-core machine are at the mercy of the scheduler, so the
 * test makes up to three attempts, as a guard against that noise only: a server that slows down
 * under the load fails every attempt, while a noisy neighbour rarely spoils three in a row. Every
 * wave, passing or not, must be closed by the idle timeout.
 */
@Timeout(120)
class SlowlorisTest {

    private static final int SLOWLORIS = 1_000;
    private static final int ATTEMPTS = 3;
    private static final Duration DRIP_INTERVAL = Duration.ofMillis(100);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);
    /** How often the normal client sends a get while it waits, so that it never idles out itself. */
    private static final Duration KEEP_ALIVE = Duration.ofMillis(200);
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
        Latencies latencies = new Latencies(Arrays.copyOf(samples, n));
        assertTrue(n >= 100, "enough requests for a median: " + latencies);
        return latencies;
    }

    /** One attempt: the normal client's median alone, then under a wave of slowloris connections. */
    private record Attempt(Latencies unloaded, Latencies loaded) {
        boolean withinTwiceUnloaded() {
            return loaded.median() <= 2 * unloaded.median();
        }

        @Override
        public String toString() {
            return "unloaded " + unloaded + ", under load " + loaded;
        }
    }

    /** Something the test waits for, at most {@code timeout} at a time. */
    @FunctionalInterface
    private interface Wait {
        boolean await(Duration timeout) throws InterruptedException;
    }

    /**
     * Waits up to {@code timeout} for {@code done}, with a get from the normal client every
     * {@link #KEEP_ALIVE} meanwhile: it is a client that keeps making requests, not one the idle
     * timeout should end.
     */
    private static boolean awaitServing(TextClient client, Wait done, Duration timeout) throws Exception {
        long stop = System.nanoTime() + timeout.toNanos();
        while (!done.await(KEEP_ALIVE)) {
            if (System.nanoTime() - stop > 0) {
                return false;
            }
            assertEquals(REPLY, client.call(GET, "END\r\n"));
        }
        return true;
    }

    private static Attempt attempt(ServedMemcached server, TextClient client) throws Exception {
        Latencies unloaded = measure(client, 5_000, Duration.ofSeconds(2));
        try (Slowloris slowloris = Slowloris.start(server.address(), SLOWLORIS, DRIP_INTERVAL,
                IDLE_TIMEOUT.plusSeconds(30))) {
            assertTrue(awaitServing(client, slowloris::awaitAllOpen, Duration.ofSeconds(20)),
                    "the slowloris connections open: " + slowloris.open() + " of " + SLOWLORIS + ", "
                            + slowloris.failure());
            Latencies loaded = measure(client, 5_000, Duration.ofSeconds(1));
            int openAfterMeasuring = slowloris.open();
            assertTrue(openAfterMeasuring >= SLOWLORIS * 9 / 10,
                    "the measurement ran with (nearly) every slowloris connection open: " + openAfterMeasuring);

            assertTrue(awaitServing(client, slowloris::awaitAllClosed, IDLE_TIMEOUT.plusSeconds(20)),
                    "the server closed every slowloris connection; still open: " + slowloris.open());
            assertTrue(slowloris.shortestLife().compareTo(IDLE_TIMEOUT) >= 0,
                    "none was closed before the idle timeout: " + slowloris.shortestLife());
            return new Attempt(unloaded, loaded);
        }
    }

    @Test
    void aThousandSlowlorisConnectionsAreClosedByTheIdleTimeoutWhileANormalClientIsServedAsFast()
            throws Exception {
        try (ServedMemcached server = ServedMemcached.start(ConnectionTimeouts.NONE.withIdle(IDLE_TIMEOUT));
                TextClient client = new TextClient(server.address())) {
            client.call("set k 0 0 100\r\n" + VALUE + "\r\n", "STORED\r\n");
            measure(client, 10_000, Duration.ofSeconds(3)); // warm up: the JIT, the caches

            List<Attempt> attempts = new ArrayList<>();
            do {
                attempts.add(attempt(server, client));
            } while (!attempts.get(attempts.size() - 1).withinTwiceUnloaded() && attempts.size() < ATTEMPTS);
            assertTrue(attempts.get(attempts.size() - 1).withinTwiceUnloaded(),
                    "latency more than doubled under load in every attempt: " + attempts);

            Map<String, Long> closes = server.closes().stream()
                    .collect(Collectors.groupingBy(String::valueOf, TreeMap::new, Collectors.counting()));
            long idledOut = server.closes().stream().filter(SlowlorisTest::idleTimedOut).count();
            assertEquals((long) SLOWLORIS * attempts.size(), idledOut,
                    "each slowloris was ended by the idle timeout; the server's closes, counted: " + closes);
            assertEquals(idledOut, server.closes().size(), "and nothing else was ended: " + closes);
            assertEquals(1, server.connections(), "only the normal client is left");
            assertTrue(server.onReactor(() -> server.transports().get(0).isOpen()), "its connection never closed");
        }
    }

    private static boolean idleTimedOut(CloseReason reason) {
        return reason.kind() == CloseReason.Kind.FAILED
                && reason.cause() instanceof ConnectionTimeoutException timeout
                && timeout.kind() == ConnectionTimeoutException.Kind.IDLE;
    }
}
