package dev.twine.it.limits;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Slowloris clients on one thread of their own: each connection sends the first byte of a request
 * at once, then one more byte every interval — {@code get kkkk…}, a line that never ends — and
 * notes when the server closes it. Every loop is bounded by the deadline given to {@link #start}.
 */
final class Slowloris implements AutoCloseable {

    private static final byte[] REQUEST_START = "get ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final InetSocketAddress server;
    private final int count;
    private final Duration interval;
    private final long deadline;
    private final Thread thread;
    private final CountDownLatch allOpen = new CountDownLatch(1);
    private final CountDownLatch allClosed = new CountDownLatch(1);
    private final List<Drip> drips = new ArrayList<>();
    private volatile int open;
    private volatile long shortestLifeNanos = Long.MAX_VALUE;
    private volatile IOException failure;
    private volatile boolean stopped;

    /** One connection: its socket, when it began to connect, how many bytes it has sent. */
    private static final class Drip {
        final SocketChannel channel;
        final long connectingAt;
        int sent = 1;

        Drip(SocketChannel channel, long connectingAt) {
            this.channel = channel;
            this.connectingAt = connectingAt;
        }
    }

    private Slowloris(InetSocketAddress server, int count, Duration interval, Duration runFor) {
        this.server = server;
        this.count = count;
        this.interval = interval;
        this.deadline = System.nanoTime() + runFor.toNanos();
        this.thread = new Thread(this::run, "slowloris");
    }

    /** Opens {@code count} connections and drips on them, for at most {@code runFor}. */
    static Slowloris start(InetSocketAddress server, int count, Duration interval, Duration runFor) {
        Slowloris slowloris = new Slowloris(server, count, interval, runFor);
        slowloris.thread.start();
        return slowloris;
    }

    private void run() {
        try {
            for (int i = 0; i < count && !stopped; i++) {
                // Before connecting: the server may accept, and start its timers, before open returns.
                long connectingAt = System.nanoTime();
                SocketChannel channel = SocketChannel.open(server);
                channel.configureBlocking(false);
                channel.write(ByteBuffer.wrap(REQUEST_START, 0, 1));
                drips.add(new Drip(channel, connectingAt));
                open = drips.size();
            }
            allOpen.countDown();
            ByteBuffer scratch = ByteBuffer.allocate(1024);
            while (open > 0 && !stopped && System.nanoTime() < deadline) {
                Thread.sleep(interval.toMillis());
                int stillOpen = 0;
                for (Drip drip : drips) {
                    if (drip.channel.isOpen() && dripOnce(drip, scratch)) {
                        stillOpen++;
                    }
                }
                open = stillOpen;
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            allOpen.countDown();
            allClosed.countDown();
            for (Drip drip : drips) {
                closeQuietly(drip.channel);
            }
        }
    }

    /** Sends the next byte unless the server has closed; returns whether the connection is still open. */
    private boolean dripOnce(Drip drip, ByteBuffer scratch) {
        try {
            if (drip.channel.read(scratch.clear()) < 0) {
                return ended(drip);
            }
            byte next = drip.sent < REQUEST_START.length ? REQUEST_START[drip.sent] : (byte) 'k';
            drip.channel.write(ByteBuffer.wrap(new byte[] {next}));
            drip.sent++;
            return true;
        } catch (IOException resetByTheServer) {
            return ended(drip);
        }
    }

    private boolean ended(Drip drip) {
        shortestLifeNanos = Math.min(shortestLifeNanos, System.nanoTime() - drip.connectingAt);
        closeQuietly(drip.channel);
        return false;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket the server has reset: nothing to report.
        }
    }

    /** Waits until every connection is open and dripping; false if that took longer than {@code timeout}. */
    boolean awaitAllOpen(Duration timeout) throws InterruptedException {
        return allOpen.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && open == count && failure == null;
    }

    /** Waits until the server has closed every connection; false if that took longer than {@code timeout}. */
    boolean awaitAllClosed(Duration timeout) throws InterruptedException {
        return allClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && open == 0;
    }

    /** Connections the server has not closed yet. */
    int open() {
        return open;
    }

    /**
     * The shortest time from a connection's beginning to connect to the client seeing it closed: at
     * least as long as the server held it, whether its timers count from the connection or from its
     * first byte.
     */
    Duration shortestLife() {
        return Duration.ofNanos(shortestLifeNanos);
    }

    /** Why opening the connections failed, if it did. */
    IOException failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(Duration.ofSeconds(20).toMillis());
    }
}
