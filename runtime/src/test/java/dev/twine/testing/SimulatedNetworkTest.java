package dev.twine.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Echo;
import dev.twine.runtime.Recorder;
import dev.twine.runtime.Transport;
import java.io.ByteArrayOutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedNetworkTest {

    private static final Duration MS = Duration.ofMillis(1);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static NetworkConditions fixedLatency(Duration latency) {
        return NetworkConditions.defaults().withLatency(latency, latency);
    }

    /** A client that writes each message at its own simulated moment, and keeps what comes back. */
    private static final class Chatter extends Recorder {
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();

        void writeLater(SimulatedNetwork network, Duration delay, byte[] message) {
            network.clock().callLater(delay, () -> {
                transport.write(message);
                sent.writeBytes(message);
            });
        }
    }

    /** A conversation of a few messages each way at random moments; returns its trace. */
    private static List<String> conversation(long seed) {
        List<String> trace = new ArrayList<>();
        SimulatedNetwork network = new SimulatedNetwork(seed).traceTo(trace::add);
        Chatter client = new Chatter();
        network.connect(client, new Echo());
        for (int i = 0; i < 5; i++) {
            client.writeLater(network, Duration.ofMillis(network.random().nextInt(10)), bytes("message " + i + ";"));
        }
        network.advance(Duration.ofMillis(10));
        network.runUntilIdle();
        client.transport.close();
        network.runUntilIdle();
        return trace;
    }

    @Test
    void theSameSeedReplaysTheSameEventsAtTheSameMoments() {
        List<String> first = conversation(42);
        assertTrue(first.size() > 20, "a trace of every segment, read and close: " + first);
        assertEquals(first, conversation(42));
        assertNotEquals(first, conversation(43));
    }

    @Test
    void differentSeedsCutTheStreamDifferently() {
        String message = "a message long enough to be cut in many different places, both ways";
        Set<List<Integer>> cuttings = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            SimulatedNetwork network = new SimulatedNetwork(seed);
            Recorder server = new Recorder();
            network.connect(new Recorder(message), server);
            network.runUntilIdle();
            assertEquals(message, server.text());
            assertTrue(server.reads.stream().allMatch(n -> n >= 1), server.reads.toString());
            cuttings.add(server.reads);
        }
        assertTrue(cuttings.size() >= 9, "ten seeds, nearly ten cuttings: " + cuttings);
    }

    @Test
    void everyByteArrivesOnceAndInOrderWhateverTheCutsAndDelays() {
        NetworkConditions wild = NetworkConditions.defaults().withLatency(Duration.ofNanos(1), Duration.ofMillis(20))
                .withMaxSegmentSize(64).withMaxReadSize(64);
        Simulations.forEachSeed(0, 300, seed -> {
            SimulatedNetwork network = new SimulatedNetwork(seed, wild);
            SplittableRandom random = network.random();
            Chatter client = new Chatter();
            network.connect(client, new Echo());
            for (int i = 0; i < 20; i++) {
                byte[] message = new byte[1 + random.nextInt(300)];
                random.nextBytes(message);
                client.writeLater(network, Duration.ofNanos(random.nextLong(30_000_000)), message);
            }
            network.advance(Duration.ofMillis(30));
            network.runUntilIdle();
            assertArrayEquals(client.sent.toByteArray(), client.received.toByteArray());
        });
    }

    @Test
    void nothingMovesUntilTheTestLetsTimeRun() {
        SimulatedNetwork network = new SimulatedNetwork(1, fixedLatency(Duration.ofMillis(10)));
        Recorder server = new Recorder();
        network.connect(new Recorder("ping"), server);
        assertFalse(network.isIdle(), "the greeting waits to be sent");
        assertEquals(0, network.clock().nanoTime());
        assertEquals("", server.text());

        network.advance(Duration.ofMillis(10).minusNanos(1));
        assertEquals("", server.text(), "on its way");
        network.advance(Duration.ofNanos(1));
        assertEquals("ping", server.text(), "arrived after exactly the latency");
        assertTrue(network.isIdle());
    }

    @Test
    void runUntilIdleMovesTheClockOnlyAsFarAsTheLastDelivery() {
        SimulatedNetwork network = new SimulatedNetwork(1, fixedLatency(Duration.ofMillis(10)));
        Recorder client = new Recorder("ping");
        network.connect(client, new Echo());
        network.runUntilIdle();
        assertEquals("ping", client.text());
        assertEquals(Duration.ofMillis(20).toNanos(), network.clock().nanoTime(), "one round trip");
        network.runUntilIdle();
        assertEquals(Duration.ofMillis(20).toNanos(), network.clock().nanoTime(), "idle: time stands still");
    }

    @Test
    void timersOfTheCodeUnderTestRunOnSimulatedTime() {
        SimulatedNetwork network = new SimulatedNetwork(1, fixedLatency(Duration.ofMillis(10)));
        Chatter client = new Chatter();
        Recorder server = new Recorder();
        network.connect(client, server);
        client.writeLater(network, Duration.ofSeconds(5), bytes("late"));

        network.runUntilIdle();
        assertEquals(0, network.clock().nanoTime(), "nothing was on its way, so no time passed");
        network.advance(Duration.ofSeconds(5));
        assertEquals("", server.text(), "written at 5 s, still on its way");
        network.runUntilIdle();
        assertEquals("late", server.text());
        assertEquals(Duration.ofMillis(5010).toNanos(), network.clock().nanoTime());
    }

    @Test
    void closeDeliversEverythingWrittenThenThePeerSeesTheEnd() {
        SimulatedNetwork network = new SimulatedNetwork(3);
        Recorder client = new Recorder("last words, which take a few segments to arrive");
        Recorder server = new Recorder();
        SimulatedConnection connection = network.connect(client, server);
        client.transport.close();
        client.transport.write(bytes("ignored"));
        network.runUntilIdle();
        assertEquals("last words, which take a few segments to arrive", server.text());
        assertEquals(CloseReason.closed(), client.closeReason);
        assertEquals(CloseReason.peerClosed(), server.closeReason);
        assertEquals(1, server.closeCalls);
        assertTrue(connection.isClosed());
    }

    @Test
    void abortDropsWhatWasNotSentAndThePeerSeesTheEnd() {
        SimulatedNetwork network = new SimulatedNetwork(3);
        Recorder client = new Recorder("never sent");
        Recorder server = new Recorder();
        network.connect(client, server);
        client.transport.abort();
        network.runUntilIdle();
        assertEquals("", server.text());
        assertEquals(CloseReason.aborted(), client.closeReason);
        assertEquals(CloseReason.peerClosed(), server.closeReason);
    }

    @Test
    void aResetReachesTheSideItHitsAtOnceAndThePeerWhenItArrives() {
        SimulatedNetwork network = new SimulatedNetwork(5, fixedLatency(Duration.ofMillis(10)));
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        SimulatedConnection connection = network.connect(client, server);
        network.advance(MS);
        client.transport.write(bytes("in flight"));
        network.advance(MS);

        connection.reset(connection.server());
        network.advance(Duration.ZERO);
        assertEquals(CloseReason.Kind.LOST, server.closeReason.kind());
        assertInstanceOf(SocketException.class, server.closeReason.cause());
        assertNull(client.closeReason, "the reset is on its way");
        assertEquals("", server.text(), "what was in flight reached a reset side");

        network.runUntilIdle();
        assertEquals(CloseReason.Kind.LOST, client.closeReason.kind());
        assertEquals(Duration.ofMillis(12).toNanos(), network.clock().nanoTime(), "one latency after the reset");
        assertTrue(connection.isClosed());
        assertTrue(connection.wasReset());
        assertThrows(IllegalArgumentException.class, () -> connection.reset(new RecordingTransport()));
    }

    @Test
    void plannedResetsBreakConnectionsAtRandomMomentsAtEitherEnd() {
        NetworkConditions flaky = NetworkConditions.defaults().withResets(0.5, Duration.ofMillis(100));
        SimulatedNetwork network = new SimulatedNetwork(11, flaky);
        List<Recorder> clients = new ArrayList<>();
        List<Recorder> servers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Recorder client = new Recorder("hello");
            Recorder server = new Recorder();
            network.connect(client, server);
            clients.add(client);
            servers.add(server);
        }
        network.advance(Duration.ofMillis(200));
        int reset = 0;
        for (int i = 0; i < 40; i++) {
            Recorder client = clients.get(i);
            Recorder server = servers.get(i);
            if (client.isClosed()) {
                reset++;
                assertEquals(CloseReason.Kind.LOST, client.closeReason.kind());
                assertEquals(CloseReason.Kind.LOST, server.closeReason.kind());
            } else {
                assertFalse(server.isClosed());
                assertEquals("hello", server.text());
            }
        }
        assertTrue(reset > 10 && reset < 30, "about half of 40: " + reset);
        assertEquals(0, network.clock().pendingCalls(), "every planned reset fired within 100 ms");
    }

    @Test
    void aConnectionThatClosesBeforeItsPlannedResetIsNotReset() {
        SimulatedNetwork network = new SimulatedNetwork(12, NetworkConditions.defaults()
                .withResets(1, Duration.ofHours(1)));
        Recorder client = new Recorder("bye");
        Recorder server = new Recorder();
        SimulatedConnection connection = network.connect(client, server);
        client.transport.close();
        network.runUntilIdle();
        assertEquals(CloseReason.closed(), client.closeReason);
        assertEquals(CloseReason.peerClosed(), server.closeReason);
        assertEquals(0, network.clock().pendingCalls(), "the planned reset was cancelled");
        assertFalse(connection.wasReset());
        connection.reset(connection.client());
        assertFalse(connection.wasReset(), "a closed connection has nothing left to break");
    }

    @Test
    void aReaderThatStopsPushesBackOnItsWriterThroughTheWindow() {
        SimulatedNetwork network = new SimulatedNetwork(9, NetworkConditions.defaults().withReceiveWindow(4096));
        List<Boolean> writability = new ArrayList<>();
        Recorder client = new Recorder() {
            @Override
            public void onWritabilityChanged(boolean writable) {
                writability.add(writable);
            }
        };
        Recorder server = new Recorder();
        network.connect(client, server);
        server.transport.pauseReading();
        client.transport.setWriteBufferWatermarks(1024, 8192);
        byte[] data = new byte[64 * 1024];
        new SplittableRandom(9).nextBytes(data);
        client.transport.write(data);
        network.runUntilIdle();

        long taken = data.length - client.transport.pendingWriteBytes();
        assertTrue(taken <= 4096 && taken > 4096 - 1460, "the window is full, give or take a segment: " + taken);
        assertEquals(List.of(false), writability);
        assertEquals(0, server.received.size());

        server.transport.resumeReading();
        network.runUntilIdle();
        assertArrayEquals(data, server.received.toByteArray());
        assertEquals(List.of(false, true), writability);
    }

    @Test
    void bytesAPausedProtocolLeavesWaitForItInOrder() {
        List<String> seen = new ArrayList<>();
        Recorder server = new Recorder() {
            @Override
            public void onBytes(ByteBuffer data) {
                if (seen.isEmpty()) {
                    seen.add(String.valueOf((char) data.get()));
                    transport.pauseReading();
                } else {
                    seen.add(StandardCharsets.UTF_8.decode(data).toString());
                }
            }
        };
        SimulatedNetwork network = new SimulatedNetwork(2, NetworkConditions.defaults().withMaxReadSize(100));
        network.connect(new Recorder("abcdef"), server);
        network.runUntilIdle();
        assertEquals(List.of("a"), seen);
        server.transport.resumeReading();
        network.runUntilIdle();
        assertEquals("abcdef", String.join("", seen));
    }

    @Test
    void manyConnectionsRunAtOnceEachWithItsOwnBytes() {
        SimulatedNetwork network = new SimulatedNetwork(4);
        List<Recorder> clients = new ArrayList<>();
        Set<Object> clientAddresses = new HashSet<>();
        for (int i = 1; i <= 5; i++) {
            Recorder client = new Recorder("client " + i + " says hello");
            SimulatedConnection connection = network.connect(client, new Echo());
            assertEquals(i, connection.id());
            clientAddresses.add(connection.client().localAddress());
            assertEquals(connection.client().localAddress(), connection.server().remoteAddress());
            clients.add(client);
        }
        network.runUntilIdle();
        for (int i = 1; i <= 5; i++) {
            assertEquals("client " + i + " says hello", clients.get(i - 1).text());
        }
        assertEquals(5, clientAddresses.size());
    }

    @Test
    void callbacksNeverNestNotEvenAConnectionMadeInsideOne() {
        SimulatedNetwork network = new SimulatedNetwork(6, NetworkConditions.defaults().withMaxReadSize(1));
        int[] depth = {0};
        int[] deepest = {0};
        class Nested extends Recorder {
            final boolean connectsAnother;

            Nested(String greeting, boolean connectsAnother) {
                super(greeting);
                this.connectsAnother = connectsAnother;
            }

            @Override
            public void onConnect(Transport transport) {
                deepest[0] = Math.max(deepest[0], ++depth[0]);
                super.onConnect(transport);
                depth[0]--;
            }

            @Override
            public void onBytes(ByteBuffer data) {
                deepest[0] = Math.max(deepest[0], ++depth[0]);
                super.onBytes(data);
                if (connectsAnother && received.size() == 3) {
                    network.connect(new Nested("second", false), new Echo());
                }
                depth[0]--;
            }
        }
        Nested first = new Nested("first", true);
        network.connect(first, new Echo());
        network.runUntilIdle();
        assertEquals("first", first.text());
        assertEquals(List.of(1, 1, 1, 1, 1), first.reads, "reads of at most one byte");
        assertEquals(1, deepest[0], "the second connection opened after the read that made it");
    }

    @Test
    void anExceptionFromACallbackFailsThatSideOnly() {
        IllegalStateException boom = new IllegalStateException("boom");
        Recorder server = new Recorder() {
            @Override
            public void onBytes(ByteBuffer data) {
                throw boom;
            }
        };
        Recorder client = new Recorder("x");
        SimulatedNetwork network = new SimulatedNetwork(8);
        network.connect(client, server);
        network.runUntilIdle();
        assertEquals(CloseReason.failed(boom), server.closeReason);
        assertEquals(CloseReason.peerClosed(), client.closeReason);
    }

    @Test
    void aConversationThatNeverEndsFailsWithItsSeedInsteadOfHanging() {
        SimulatedNetwork network = new SimulatedNetwork(7, fixedLatency(MS));
        network.connect(new Echo() {
            @Override
            public void onConnect(Transport transport) {
                super.onConnect(transport);
                transport.write(bytes("ping"));
            }
        }, new Echo());
        IllegalStateException busy = assertThrows(IllegalStateException.class,
                () -> network.runUntilIdle(Duration.ofSeconds(1)));
        assertTrue(busy.getMessage().startsWith("seed 7:"), busy.getMessage());
        assertEquals(Duration.ofSeconds(1).toNanos(), network.clock().nanoTime());
    }
}
