package dev.twine.runtime;

import static dev.twine.runtime.Loopback.anyPort;
import static dev.twine.runtime.Loopback.await;
import static dev.twine.runtime.Loopback.connect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reactor over real loopback sockets, stepped on the test thread: no threads, no sleeps. */
class ReactorLoopbackTest {

    private final Reactor reactor = Reactor.open();

    @AfterEach
    void closeReactor() {
        reactor.close();
    }

    @Test
    void echoRoundTrip() {
        ListeningPort port = reactor.listenTcp(anyPort(), Echo::new);
        Recorder client = connect(reactor, port, new Recorder("hello, reactor"));
        await(reactor, "the echo comes back", () -> client.received.size() == 14);
        assertEquals("hello, reactor", client.text());
        assertNotNull(client.transport.localAddress());
        assertEquals(port.localAddress(), client.transport.remoteAddress());
    }

    @Test
    void thousandConcurrentConnectionsOnOneReactor() {
        int[] live = new int[2]; // current, max
        ListeningPort port = reactor.listenTcp(anyPort(), () -> new Echo() {
            @Override
            public void onConnect(Transport transport) {
                super.onConnect(transport);
                live[1] = Math.max(live[1], ++live[0]);
            }

            @Override
            public void onClose(CloseReason reason) {
                live[0]--;
            }
        });
        List<Recorder> clients = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            clients.add(connect(reactor, port, new Recorder("client " + i + " says hi")));
        }
        await(reactor, "every client has its own echo", () -> clients.stream()
                .allMatch(c -> c.received.size() == ("client " + clients.indexOf(c) + " says hi").length()));
        for (int i = 0; i < clients.size(); i++) {
            assertEquals("client " + i + " says hi", clients.get(i).text());
        }
        assertEquals(1000, live[1], "all 1000 were connected at once");
        clients.forEach(c -> c.transport.close());
        await(reactor, "the server saw every close", () -> live[0] == 0);
        assertTrue(clients.stream().allMatch(c -> c.closeReason.kind() == CloseReason.Kind.CLOSED));
    }

    @Test
    void closeSendsEverythingQueuedFirst() {
        byte[] payload = randomBytes(4 << 20, 1);
        Echo[] server = new Echo[1];
        ListeningPort port = reactor.listenTcp(anyPort(), () -> server[0] = new Echo() {
            @Override
            public void onConnect(Transport transport) {
                super.onConnect(transport);
                transport.setWriteBufferLimit(64 << 20);
                transport.write(payload);
                transport.close();
                transport.write(new byte[] {1, 2, 3}); // after close: ignored
            }
        });
        Recorder client = connect(reactor, port, new Recorder());
        await(reactor, "the client sees the end", client::isClosed);
        assertArrayEquals(payload, client.received.toByteArray());
        assertEquals(CloseReason.Kind.PEER_CLOSED, client.closeReason.kind());
        await(reactor, "the server hears its own close", () -> server[0].closeReason != null);
        assertEquals(CloseReason.closed(), server[0].closeReason);
    }

    @Test
    void abortDropsWhatIsQueued() {
        Echo[] server = new Echo[1];
        ListeningPort port = reactor.listenTcp(anyPort(), () -> server[0] = new Echo() {
            @Override
            public void onConnect(Transport transport) {
                super.onConnect(transport);
                transport.write(new byte[1 << 20]);
                transport.abort();
                assertFalse(transport.isOpen());
            }
        });
        Recorder client = connect(reactor, port, new Recorder());
        await(reactor, "the client sees the end", client::isClosed);
        assertEquals(0, client.received.size(), "nothing queued before the abort was sent");
        assertEquals(CloseReason.peerClosed(), client.closeReason, "over loopback, with nothing unread: a FIN");
        assertEquals(CloseReason.aborted(), server[0].closeReason);
    }

    @Test
    void aThrowingHandlerClosesOnlyItsOwnConnection() {
        List<Echo> servers = new ArrayList<>();
        ListeningPort port = reactor.listenTcp(anyPort(), () -> {
            Echo echo = new Echo() {
                @Override
                public void onBytes(ByteBuffer data) {
                    if (StandardCharsets.UTF_8.decode(data.duplicate()).toString().contains("X")) {
                        throw new IllegalArgumentException("X is not allowed");
                    }
                    super.onBytes(data);
                }
            };
            servers.add(echo);
            return echo;
        });
        Recorder bad = connect(reactor, port, new Recorder("X"));
        Recorder good = connect(reactor, port, new Recorder("one "));
        await(reactor, "the bad client is dropped", bad::isClosed);
        await(reactor, "the good one is echoed", () -> good.received.size() == 4);

        Echo badServer = servers.stream().filter(s -> s.closeReason != null).findFirst().orElseThrow();
        assertEquals(CloseReason.Kind.FAILED, badServer.closeReason.kind());
        assertInstanceOf(IllegalArgumentException.class, badServer.closeReason.cause());

        good.transport.write("two".getBytes(StandardCharsets.UTF_8));
        await(reactor, "the good client is still served", () -> good.received.size() == 7);
        assertEquals("one two", good.text());
        assertFalse(good.isClosed());
    }

    @Test
    void pausingInsideOnBytesKeepsTheRestForResume() {
        List<String> reads = new ArrayList<>();
        ListeningPort port = reactor.listenTcp(anyPort(), () -> new Echo() {
            @Override
            public void onBytes(ByteBuffer data) {
                if (reads.isEmpty()) {
                    reads.add(String.valueOf((char) data.get())); // take one byte, leave the rest
                    transport.pauseReading();
                    reactor.callLater(Duration.ofMillis(20), transport::resumeReading);
                } else {
                    reads.add(StandardCharsets.UTF_8.decode(data).toString());
                }
            }
        });
        connect(reactor, port, new Recorder("abcdef"));
        await(reactor, "all six bytes arrive", () -> String.join("", reads).length() == 6);
        assertEquals("a", reads.get(0));
        assertEquals("abcdef", String.join("", reads), "kept bytes come back first, in order");
    }

    @Test
    void aFactoryReturningNullRefusesTheConnection() {
        ListeningPort port = reactor.listenTcp(anyPort(), () -> null);
        Recorder client = connect(reactor, port, new Recorder("anyone?"));
        await(reactor, "the refused client sees the end", client::isClosed);
        assertTrue(client.closeReason.kind() == CloseReason.Kind.PEER_CLOSED
                || client.closeReason.kind() == CloseReason.Kind.LOST, client.closeReason.toString());
    }

    @Test
    void listeningTwiceOnOnePortFails() {
        ListeningPort port = reactor.listenTcp(anyPort(), Echo::new);
        assertThrows(UncheckedIOException.class, () -> reactor.listenTcp(port.localAddress(), Echo::new));
        port.close();
        assertFalse(port.isOpen());
    }

    @Test
    void connectingToAClosedPortCallsTheFailureHandlerOnly() throws IOException {
        InetSocketAddress nobodyThere;
        try (ServerSocketChannel probe = ServerSocketChannel.open().bind(anyPort())) {
            nobodyThere = (InetSocketAddress) probe.getLocalAddress();
        }
        Recorder client = new Recorder("never sent");
        Exception[] failure = new Exception[1];
        ConnectAttempt attempt = reactor.connectTcp(nobodyThere, client, e -> failure[0] = e);
        await(reactor, "the connect fails", () -> failure[0] != null);
        assertInstanceOf(java.net.ConnectException.class, failure[0], String.valueOf(failure[0]));
        assertFalse(attempt.isPending());
        assertNull(client.transport, "the protocol is never called");
    }

    @Test
    void shutdownClosesConnectionsWithShutdownReason() {
        Echo[] server = new Echo[1];
        ListeningPort port = reactor.listenTcp(anyPort(), () -> server[0] = new Echo());
        Recorder client = connect(reactor, port, new Recorder("x"));
        await(reactor, "connected and echoed", () -> client.received.size() == 1);
        reactor.close();
        assertEquals(CloseReason.shutdown(), server[0].closeReason);
        assertEquals(CloseReason.shutdown(), client.closeReason);
        assertEquals(1, client.closeCalls, "onClose runs exactly once");
        assertFalse(port.isOpen());
        assertTrue(reactor.isClosed());
        assertThrows(IllegalStateException.class, () -> reactor.callFromThread(() -> {}));
    }

    @Test
    void writesFromOneCallbackLeaveAfterItReturns() {
        List<Long> pendingInsideCallback = new ArrayList<>();
        ListeningPort port = reactor.listenTcp(anyPort(), () -> new Echo() {
            @Override
            public void onBytes(ByteBuffer data) {
                super.onBytes(data);
                pendingInsideCallback.add(transport.pendingWriteBytes());
            }
        });
        Recorder client = connect(reactor, port, new Recorder("12345"));
        await(reactor, "echoed", () -> client.received.size() == 5);
        assertEquals(List.of(5L), pendingInsideCallback, "queued during the callback, sent after it");
    }

    @Test
    void whatOneReadWroteLeavesBeforeTheNextReadIsHandedOver() {
        List<Long> pendingOnEntry = new ArrayList<>();
        ListeningPort port = reactor.listenTcp(anyPort(), () -> new Echo() {
            @Override
            public void onBytes(ByteBuffer data) {
                pendingOnEntry.add(transport.pendingWriteBytes());
                super.onBytes(data);
            }
        });
        byte[] payload = randomBytes(1 << 20, 3);
        Recorder client = connect(reactor, port, new Recorder(payload));
        await(reactor, "the megabyte comes back", () -> client.received.size() == payload.length);
        assertArrayEquals(payload, client.received.toByteArray());
        assertTrue(pendingOnEntry.size() > 1, "took several reads: " + pendingOnEntry.size());
        assertTrue(pendingOnEntry.stream().allMatch(p -> p == 0), "echoes were sent between reads: " + pendingOnEntry);
    }

    @Test
    void aConnectWithANonPositiveTimeoutIsRefusedBeforeAnythingHappens() {
        ListeningPort port = reactor.listenTcp(anyPort(), Echo::new);
        Recorder client = new Recorder("x");
        assertThrows(IllegalArgumentException.class,
                () -> reactor.connectTcp(port.localAddress(), Duration.ofSeconds(-1), client, e -> {}));
        for (int i = 0; i < 5; i++) {
            reactor.runOnce(Duration.ofMillis(10));
        }
        assertNull(client.transport, "no connection was made");
    }

    @Test
    void theSameReadBufferIsReusedAcrossCalls() {
        List<ByteBuffer> views = new ArrayList<>();
        ListeningPort port = reactor.listenTcp(anyPort(), () -> new Echo() {
            @Override
            public void onBytes(ByteBuffer data) {
                views.add(data);
                super.onBytes(data);
            }
        });
        Recorder client = connect(reactor, port, new Recorder("a"));
        await(reactor, "first echo", () -> client.received.size() == 1);
        client.transport.write(new byte[] {'b'});
        await(reactor, "second echo", () -> client.received.size() == 2);
        assertSame(views.get(0), views.get(1), "a view valid only during the call: no copy per read");
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
