package dev.twine.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.support.TextClient;
import dev.twine.server.ConnectionTimeouts;
import dev.twine.testing.ManualClock;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 5,000 connections to the memcached example, opened and dropped in every way a client can drop
 * one — at once, after a request it does not wait for, in the middle of a request, with a reset —
 * leak nothing: afterwards the connection table is empty, the process has as many file descriptors
 * open as before, no timer is left behind, and the port, limited to fewer connections than that,
 * still accepts (every connection gave its place back).
 */
@Timeout(120)
class ConnectionChurnTest {

    private static final int ROUNDS = 50;
    private static final int PER_ROUND = 100;
    /** Far below the 5,000: a place that was not given back would soon stop the port accepting. */
    private static final int MAX_CONNECTIONS = 2 * PER_ROUND;

    private enum Drop { AT_ONCE, AFTER_A_REQUEST, MID_REQUEST, WITH_A_RESET }

    @Test
    void fiveThousandConnectionsOpenedAndDroppedLeakNothing() throws Exception {
        ConnectionTimeouts timeouts = ConnectionTimeouts.NONE.withIdle(Duration.ofMinutes(5))
                .withFrame(Duration.ofSeconds(30)).withWrite(Duration.ofSeconds(30));
        // Every connection gets a timer; on a clock that stands still none fires, and they can be counted.
        ManualClock clock = new ManualClock();
        try (ServedMemcached server = ServedMemcached.start(timeouts, clock.timers())) {
            server.onReactor(() -> {
                server.port().setMaxConnections(MAX_CONNECTIONS);
                return null;
            });
            try (TextClient setter = new TextClient(server.address())) {
                setter.call("set k 0 0 5\r\nhello\r\n", "STORED\r\n");
            }
            assertTrue(waitUntil(() -> server.connections() == 0), "the setter has gone");
            int timersAtRest = server.onReactor(clock::pendingCalls);
            long descriptorsAtRest = ServedMemcached.openFileDescriptors();

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int opened = 0;
            for (int round = 0; round < ROUNDS && System.nanoTime() < deadline; round++) {
                List<SocketChannel> clients = new ArrayList<>(PER_ROUND);
                for (int i = 0; i < PER_ROUND; i++) {
                    clients.add(connect(server, opened + i));
                }
                for (int i = 0; i < PER_ROUND; i++) {
                    drop(clients.get(i), Drop.values()[(opened + i) % Drop.values().length]);
                }
                opened += PER_ROUND;
            }
            assertEquals(ROUNDS * PER_ROUND, opened, "every round ran within the time allowed");

            assertTrue(waitUntil(() -> server.connections() == 0),
                    "the table empties; still in it: " + server.connections());
            assertTrue(waitUntil(() -> descriptorsNoMoreThan(descriptorsAtRest)),
                    "file descriptors back to " + descriptorsAtRest + ": " + ServedMemcached.openFileDescriptors());
            assertEquals(timersAtRest, server.onReactor(clock::pendingCalls), "every connection's timer went with it");
            assertEquals(opened + 1, server.closes().size(), "each connection was closed once, and told");
            try (TextClient after = new TextClient(server.address())) {
                assertEquals("VALUE k 0 5\r\nhello\r\nEND\r\n", after.call("get k\r\n", "END\r\n"),
                        "the port still accepts, and the server still answers");
            }
        }
    }

    /**
     * Connects, within a bounded time: a port that stopped accepting fills its backlog, and then
     * connecting hangs.
     */
    private static SocketChannel connect(ServedMemcached server, int openedSoFar) throws IOException {
        SocketChannel client = SocketChannel.open();
        try {
            client.socket().connect(server.address(), 5_000);
        } catch (SocketTimeoutException e) {
            client.close();
            throw new AssertionError("the port stopped accepting after " + openedSoFar + " connections", e);
        }
        return client;
    }

    private static void drop(SocketChannel client, Drop how) throws IOException {
        try (client) {
            switch (how) {
                case AT_ONCE -> { }
                case AFTER_A_REQUEST -> client.write(ascii("get k\r\n"));
                case MID_REQUEST -> client.write(ascii("set k 0 0 10\r\nhal"));
                case WITH_A_RESET -> {
                    client.write(ascii("get k\r\n"));
                    client.setOption(StandardSocketOptions.SO_LINGER, 0); // close sends a reset
                }
            }
        }
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean descriptorsNoMoreThan(long limit) {
        try {
            return ServedMemcached.openFileDescriptors() <= limit;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
