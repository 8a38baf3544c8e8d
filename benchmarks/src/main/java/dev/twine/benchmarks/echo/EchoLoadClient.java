package dev.twine.benchmarks.echo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The one load client every echo server is measured with: {@code connections} connections, each
 * sending a length-prefixed request of {@code frameBytes} body bytes and waiting for the whole
 * reply before it sends the next (closed-loop request/response). A warm-up comes first; then, for
 * a fixed window, every completed reply is counted and its latency — from the first byte of the
 * request being handed to the socket to the last byte of the reply read — goes into an
 * HdrHistogram.
 *
 * <p>All connections share one thread and one {@link Selector}, like the servers under test: the
 * load generator gets its own core (see {@code benchmarks/run}), and a single thread there wastes
 * nothing on handing work between threads. Every reply is compared byte for byte with its request
 * (seeded random bytes), so a server that answers quickly but wrongly fails the run instead of
 * winning it. Latency is a closed loop's service time: no request is ever scheduled that the
 * client has not sent, so there is no coordinated omission to correct.
 */
final class EchoLoadClient {

    private static final int READ_BUFFER_BYTES = 256 * 1024;
    private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** A run in which no reply completes for this long has hung: fail it rather than wait forever. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final long SEED = 0x7E1E5EEDL;

    private final InetSocketAddress server;
    private final int connections;
    /** The request every connection sends: a 4-byte length, then seeded random bytes. Read only. */
    private final ByteBuffer request;
    /** A view of {@link #request} that verification narrows to the bytes it compares. */
    private final ByteBuffer expected;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private Histogram latency;
    private long windowStart;
    private long windowEnd;
    private long completedInWindow;
    private long lastProgress;

    EchoLoadClient(InetSocketAddress server, int connections, int frameBytes) {
        this.server = server;
        this.connections = connections;
        final byte[] body = new byte[frameBytes];
        new Random(SEED + frameBytes).nextBytes(body);
        final ByteBuffer frame = ByteBuffer.allocateDirect(4 + frameBytes);
        frame.putInt(frameBytes).put(body).flip();
        this.request = frame.asReadOnlyBuffer();
        this.expected = request.duplicate();
    }

    /**
     * Connects, loads the server for {@code warmup}, then measures for {@code window}, and closes
     * every connection. Connecting is not part of either phase.
     *
     * @param serverCpu the server's CPU clock, read at both ends of the window
     * @throws IOException if a connection fails, the server closes one, or a reply is wrong
     */
    LoadResult run(Duration warmup, Duration window, ProcessCpu serverCpu) throws IOException {
        latency = new Histogram(HIGHEST_LATENCY_NANOS, 3);
        completedInWindow = 0;
        try (Selector selector = Selector.open()) {
            final List<Exchange> exchanges = connectAll(selector);
            try {
                return drive(selector, exchanges, warmup, window, serverCpu);
            } finally {
                for (Exchange exchange : exchanges) {
                    exchange.channel.close();
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private List<Exchange> connectAll(Selector selector) throws IOException {
        final List<Exchange> exchanges = new ArrayList<>(connections);
        try {
            for (int i = 0; i < connections; i++) {
                final Exchange exchange = new Exchange(SocketChannel.open());
                exchanges.add(exchange);
                exchange.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                exchange.channel.connect(server); // blocking: simplest, and loopback connects take microseconds
                exchange.channel.configureBlocking(false);
                exchange.key = exchange.channel.register(selector, SelectionKey.OP_READ, exchange);
            }
        } catch (IOException e) {
            for (Exchange exchange : exchanges) {
                exchange.channel.close();
            }
            throw new IOException("connection " + exchanges.size() + " of " + connections + " to " + server
                    + " failed: " + e.getMessage(), e);
        }
        return exchanges;
    }

    private LoadResult drive(Selector selector, List<Exchange> exchanges, Duration warmup, Duration window,
            ProcessCpu serverCpu) throws IOException {
        final long begin = System.nanoTime();
        windowStart = begin + warmup.toNanos();
        windowEnd = windowStart + window.toNanos();
        lastProgress = begin;
        for (Exchange exchange : exchanges) {
            exchange.send(begin);
        }
        boolean measuring = false;
        long clientCpuAtStart = 0;
        long serverCpuAtStart = 0;
        while (true) {
            selector.select(this::onReady, 100);
            final long now = System.nanoTime();
            if (!measuring && now >= windowStart) {
                measuring = true;
                clientCpuAtStart = threads.getCurrentThreadCpuTime();
                serverCpuAtStart = serverCpu.nanos();
            }
            if (now >= windowEnd) {
                break;
            }
            if (now - lastProgress > STALL_NANOS) {
                throw new IOException("no reply from " + server + " for "
                        + TimeUnit.NANOSECONDS.toSeconds(now - lastProgress) + " s");
            }
        }
        final long serverCpuAtEnd = serverCpu.nanos();
        return new LoadResult(completedInWindow, windowEnd - windowStart, latency,
                threads.getCurrentThreadCpuTime() - clientCpuAtStart,
                serverCpuAtStart < 0 || serverCpuAtEnd < 0 ? -1 : serverCpuAtEnd - serverCpuAtStart);
    }

    private void onReady(SelectionKey key) {
        final Exchange exchange = (Exchange) key.attachment();
        try {
            if (key.isWritable()) {
                exchange.sendMore();
            }
            if (key.isReadable()) {
                exchange.receive();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One connection's request in flight and how much of its reply has come back. */
    private final class Exchange {
        final SocketChannel channel;
        final ByteBuffer out = request.duplicate();
        SelectionKey key;
        long sentAt;
        int replied;
        int interest = SelectionKey.OP_READ;

        Exchange(SocketChannel channel) {
            this.channel = channel;
        }

        void send(long now) throws IOException {
            sentAt = now;
            replied = 0;
            out.clear();
            sendMore();
        }

        void sendMore() throws IOException {
            channel.write(out);
            // A large request may not fit the socket at once: finish it when the socket has room.
            want(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        void receive() throws IOException {
            while (true) {
                readBuffer.clear();
                final int n = channel.read(readBuffer);
                if (n < 0) {
                    throw new IOException("the server closed a connection in the middle of a reply");
                }
                if (n == 0) {
                    return;
                }
                verify(n);
                replied += n;
                if (replied == request.capacity()) {
                    completed(System.nanoTime());
                    return; // the next reply cannot have started: its request has only just gone
                }
            }
        }

        private void verify(int n) throws IOException {
            if (replied + n > request.capacity()) {
                throw new IOException("the server sent " + (replied + n - request.capacity())
                        + " bytes beyond the echo of a " + request.capacity() + "-byte frame");
            }
            readBuffer.flip();
            expected.limit(replied + n).position(replied);
            final int at = readBuffer.mismatch(expected);
            if (at >= 0) {
                throw new IOException("the reply differs from the request at byte " + (replied + at)
                        + " of " + request.capacity());
            }
        }

        private void completed(long now) throws IOException {
            lastProgress = now;
            if (now >= windowStart && now < windowEnd) {
                latency.recordValue(Math.min(now - sentAt, HIGHEST_LATENCY_NANOS));
                completedInWindow++;
            }
            send(now);
        }

        private void want(int ops) {
            if (ops != interest) {
                interest = ops;
                key.interestOps(ops);
            }
        }
    }
}
