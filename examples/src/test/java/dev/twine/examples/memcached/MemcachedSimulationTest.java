package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.runtime.Deferred;
import dev.twine.testing.NetworkConditions;
import dev.twine.testing.SimulatedConnection;
import dev.twine.testing.SimulatedNetwork;
import dev.twine.testing.Simulations;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The memcached client and server in whole conversations over a simulated network: thousands of
 * seeds per protocol, each a different cutting, timing and breaking of the conversation (see
 * {@link BinaryConversation} and {@link TextConversation} for what each checks), and two seeds
 * picked apart by hand. A failing seed is named in the failure; {@code -Dtwine.sim.seed=N} replays
 * it alone, and {@code -Dtwine.sim.trace=true} prints every segment, read and reset.
 */
class MemcachedSimulationTest {

    private static final Duration TIMEOUT = BinaryConversation.REQUEST_TIMEOUT;

    /** The sweep's totals say something only for a sweep, not for one replayed seed. */
    private static boolean sweeping() {
        return System.getProperty(Simulations.SEED_PROPERTY) == null;
    }

    @Test
    void binaryConversationsMatchTheModelWhateverTheNetworkDoes() {
        int[] answered = {0};
        int[] timedOut = {0};
        int[] lost = {0};
        Simulations.forEachSeed(0, 2_000, seed -> {
            BinaryConversation.Tally tally = BinaryConversation.run(seed);
            answered[0] += tally.answered();
            timedOut[0] += tally.timedOut();
            lost[0] += tally.lost();
        });
        if (sweeping()) {
            assertTrue(answered[0] > 10_000 && timedOut[0] > 100 && lost[0] > 100, "the sweep exercised answers ("
                    + answered[0] + "), timeouts (" + timedOut[0] + ") and resets (" + lost[0] + ")");
        }
    }

    @Test
    void textConversationsMatchTheModelWhateverTheNetworkDoes() {
        int[] reset = {0};
        Simulations.forEachSeed(0, 1_000, seed -> {
            if (new TextConversation(seed).run()) {
                reset[0]++;
            }
        });
        if (sweeping()) {
            assertTrue(reset[0] > 50, "the sweep reset conversations: " + reset[0]);
        }
    }

    /** Notes how each request ended, with the simulated moment it did. */
    private static final class Timed {
        final SimulatedNetwork network;
        final List<String> log = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();

        Timed(SimulatedNetwork network) {
            this.network = network;
        }

        void note(Deferred<McResult> request) {
            request.addCallbacks(result -> log.add(Outcomes.describe(result) + " at " + now()), failure -> {
                failures.add(failure);
                return log.add(failure.getClass().getSimpleName() + " at " + now());
            });
        }

        private Duration now() {
            return Duration.ofNanos(network.clock().nanoTime());
        }
    }

    @Test
    void aRequestDelayedPastItsTimeoutFailsAtTheTimeoutOnSimulatedTime() {
        Duration latency = Duration.ofMillis(600);
        SimulatedNetwork network = new SimulatedNetwork(1, NetworkConditions.defaults().withLatency(latency, latency));
        MemcachedServer server = new MemcachedServer(network.clock(), 64L << 20, 1 << 20);
        MemcachedClient client = new MemcachedClient(network.clock(), TIMEOUT);
        network.connect(client, server.factory().newProtocol());
        Timed outcomes = new Timed(network);

        outcomes.note(client.get("k"));
        network.runUntilIdle();

        assertEquals(List.of("TimeoutException at PT1S"), outcomes.log, "the answer came at 1.2 s, too late");
        assertInstanceOf(TimeoutException.class, outcomes.failures.get(0));
        assertEquals(Duration.ofMillis(1200).toNanos(), network.clock().nanoTime(), "the late answer was dropped");
        assertTrue(client.isConnected());
    }

    @Test
    void aResetFailsEveryOutstandingRequestInsteadOfLeavingThemToHang() {
        Duration latency = Duration.ofMillis(10);
        SimulatedNetwork network = new SimulatedNetwork(2, NetworkConditions.defaults().withLatency(latency, latency));
        MemcachedServer server = new MemcachedServer(network.clock(), 64L << 20, 1 << 20);
        MemcachedClient client = new MemcachedClient(network.clock(), TIMEOUT);
        SimulatedConnection connection = network.connect(client, server.factory().newProtocol());
        Timed outcomes = new Timed(network);

        outcomes.note(client.set("k", "v".getBytes(US_ASCII), 0, 0, 0));
        outcomes.note(client.getq("k"));
        outcomes.note(client.increment("n", 1, 0, 0));
        outcomes.note(client.noop());
        network.advance(Duration.ofMillis(5));
        connection.reset(connection.server());
        network.runUntilIdle();

        assertEquals(List.of("IOException at PT0.015S", "IOException at PT0.015S", "IOException at PT0.015S",
                "IOException at PT0.015S"), outcomes.log, "as the reset arrives, long before any timeout");
        for (Throwable failure : outcomes.failures) {
            assertInstanceOf(IOException.class, failure);
            assertInstanceOf(SocketException.class, failure.getCause());
        }
        assertEquals(0, client.pendingRequests());
        assertFalse(client.isConnected());
        assertEquals(0, server.stats().currConnections(), "the server forgot the connection");
        assertEquals(0, network.clock().pendingCalls(), "the timeout timer was cancelled");
    }
}
