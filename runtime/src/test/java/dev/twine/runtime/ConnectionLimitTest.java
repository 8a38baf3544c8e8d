package dev.twine.runtime;

import static dev.twine.runtime.Loopback.anyPort;
import static dev.twine.runtime.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ListeningPort#setMaxConnections}: at the limit the port stops accepting — the kernel's
 * backlog holds the next connections — and it accepts again when one of its connections closes.
 * Real loopback sockets; the clients are plain blocking sockets, which connect through the backlog
 * whether or not the reactor accepts.
 */
@Timeout(60)
class ConnectionLimitTest {

    private final Reactor reactor = Reactor.open();
    private final List<SocketChannel> clients = new ArrayList<>();
    private final List<Echo> served = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (SocketChannel client : clients) {
            client.close();
        }
        reactor.close();
    }

    private SocketChannel client(ListeningPort port) throws IOException {
        SocketChannel client = SocketChannel.open(port.localAddress());
        clients.add(client);
        return client;
    }

    /** Turns the loop for a while, so that whatever the reactor would accept, it has accepted. */
    private void settle() {
        for (int i = 0; i < 10; i++) {
            reactor.runOnce(Duration.ofMillis(10));
        }
    }

    private long openServed() {
        return served.stream().filter(echo -> echo.closeReason == null).count();
    }

    @Test
    void atTheLimitAcceptingPausesAndAClosedConnectionMakesRoomForTheNext() throws IOException {
        ListeningPort port = reactor.listenTcp(anyPort(), () -> {
            Echo echo = new Echo();
            served.add(echo);
            return echo;
        });
        port.setMaxConnections(2);
        TcpListener listener = (TcpListener) port;

        SocketChannel first = client(port);
        client(port);
        client(port);
        client(port);
        await(reactor, "two are accepted", () -> served.size() == 2);
        settle();
        assertEquals(2, served.size(), "the third and fourth wait in the backlog");
        assertFalse(listener.isAccepting());
        assertEquals(2, listener.openConnections());

        first.close();
        await(reactor, "the first closes and the third takes its place", () -> served.size() == 3);
        settle();
        assertEquals(3, served.size(), "one place freed, one connection accepted");
        assertEquals(2, openServed());
        assertFalse(listener.isAccepting());

        port.setMaxConnections(3);
        await(reactor, "a higher limit lets the fourth in", () -> served.size() == 4);
        assertEquals(3, listener.openConnections());
    }

    @Test
    void aLowerLimitClosesNothingAndWaitsForConnectionsToGo() throws IOException {
        ListeningPort port = reactor.listenTcp(anyPort(), () -> {
            Echo echo = new Echo();
            served.add(echo);
            return echo;
        });
        SocketChannel a = client(port);
        SocketChannel b = client(port);
        await(reactor, "both are accepted", () -> served.size() == 2);

        port.setMaxConnections(1);
        client(port);
        settle();
        assertEquals(2, openServed(), "nothing open was closed");
        assertEquals(2, served.size());

        a.close();
        await(reactor, "the first has gone", () -> openServed() == 1);
        settle();
        assertEquals(2, served.size(), "still at the limit of one");
        b.close();
        await(reactor, "the waiting one is accepted once below the limit", () -> served.size() == 3);
        assertEquals(1, port.maxConnections());
    }

    @Test
    void aRefusedConnectionDoesNotHoldAPlace() throws IOException {
        int[] offered = new int[1];
        ListeningPort port = reactor.listenTcp(anyPort(), () -> {
            offered[0]++;
            if (offered[0] == 2) {
                throw new IllegalStateException("a factory that fails refuses too");
            }
            if (offered[0] <= 3) {
                return null;
            }
            Echo echo = new Echo();
            served.add(echo);
            return echo;
        });
        port.setMaxConnections(1);
        for (int i = 0; i < 4; i++) {
            client(port);
        }
        await(reactor, "past three refusals, the fourth is served", () -> served.size() == 1);
        assertEquals(4, offered[0]);
        assertEquals(1, ((TcpListener) port).openConnections());
    }

    @Test
    void theLimitMustAllowAConnection() {
        ListeningPort port = reactor.listenTcp(anyPort(), Echo::new);
        assertThrows(IllegalArgumentException.class, () -> port.setMaxConnections(0));
        assertEquals(Integer.MAX_VALUE, port.maxConnections(), "unlimited by default");
    }

    @Test
    void aGroupsAcceptorCountsConnectionsServedOnOtherReactors() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ReactorGroup group = ReactorGroup.start(2, "limit-test")) {
            ListeningPort port = group.listenTcp(anyPort(), AcceptStrategy.ACCEPTOR, r -> () -> {
                accepted.incrementAndGet();
                return new Echo();
            });
            port.setMaxConnections(2);
            // The limit reaches the acceptor on its thread: a round trip through it makes sure.
            CompletableFuture.runAsync(() -> {}, group.reactor(0)).get(10, TimeUnit.SECONDS);
            SocketChannel first = SocketChannel.open(port.localAddress());
            SocketChannel second = SocketChannel.open(port.localAddress());
            SocketChannel third = SocketChannel.open(port.localAddress());
            try {
                assertTrue(eventually(group, () -> accepted.get() == 2), "two are accepted, one per reactor");
                // The third is connected in the kernel's backlog. Two turns of the acceptor, then of
                // the reactor it would hand the socket to, would have accepted and adopted it.
                turnEach(group);
                turnEach(group);
                assertEquals(2, accepted.get(), "the third waits, though its reactor has room");
                // The second went to the other reactor: its close is counted across threads.
                second.close();
                assertTrue(eventually(group, () -> accepted.get() == 3), "the third is accepted after a close");
            } finally {
                first.close();
                third.close();
            }
        }
    }

    /**
     * Turns the group's reactors, each in order, until {@code condition} holds: what the sockets
     * did reaches a reactor at its next select, so no sleeping is needed, only turns.
     */
    private static boolean eventually(ReactorGroup group, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Loopback.PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            turnEach(group);
        }
        return true;
    }

    /** One turn of every reactor of the group, in order: a task through each, waited for. */
    private static void turnEach(ReactorGroup group) throws Exception {
        for (Reactor reactor : group.reactors()) {
            CompletableFuture.runAsync(() -> {}, reactor).get(10, TimeUnit.SECONDS);
        }
    }
}
