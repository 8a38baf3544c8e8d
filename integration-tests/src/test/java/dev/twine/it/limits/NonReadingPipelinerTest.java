package dev.twine.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.examples.memcached.Session;
import dev.twine.it.support.TextClient;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.DelayedCall;
import dev.twine.runtime.Transport;
import dev.twine.server.Connection;
import dev.twine.server.ConnectionTimeoutException;
import dev.twine.server.ConnectionTimeouts;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that pipelines 100,000 gets of a 4 KiB value — 400 MB of replies — and never reads one.
 * The connection table stops reading from it once a high watermark of replies is queued, so the
 * server holds about 64 KiB for it, not 400 MB; the write timeout then ends it, with a typed reason,
 * and nothing of it is left. The server runs in this JVM, so the test reads both the server's own
 * counts and the memory the process retains.
 */
@Timeout(120)
class NonReadingPipelinerTest {

    private static final int GETS = 100_000;
    private static final int VALUE_SIZE = 4096;
    private static final String GET = "get k\r\n";
    /** What the server answers each get: the value with its header, and the end of the answer. */
    private static final int REPLY_SIZE =
            ("VALUE k 0 " + VALUE_SIZE + "\r\n").length() + VALUE_SIZE + "\r\nEND\r\n".length();
    /** Long enough to measure the process's memory while the connection is stalled, on a loaded machine too. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
    /** The table stops at the first reply over the 64 KiB watermark: that, one reply, and room to spare. */
    private static final long BOUND = 2 * Transport.DEFAULT_HIGH_WATERMARK;
    /**
     * The most the process may retain, heap and direct buffers, for the stalled connection: room for
     * the watermark, a read of requests, the JDK's socket buffers and the noise of measuring, and
     * still a small fraction of what the replies would cost if they were all queued.
     */
    private static final long RETAINED_BOUND = 16L << 20;
    /** A pipeliner that has sent nothing for this long has sent all the server will read. */
    private static final Duration NO_PROGRESS = Duration.ofMillis(500);

    @Test
    void aPipelinerThatNeverReadsIsClosedAndCostsTheServerOnlyAWatermark() throws Exception {
        long unboundedCost = (long) GETS * REPLY_SIZE;
        assertTrue(unboundedCost > 10 * RETAINED_BOUND, "the bound would tell queued replies apart");
        byte[] gets = GET.repeat(GETS).getBytes(StandardCharsets.US_ASCII);
        try (ServedMemcached server = ServedMemcached.start(ConnectionTimeouts.NONE.withWrite(WRITE_TIMEOUT))) {
            try (TextClient setter = new TextClient(server.address())) {
                setter.call("set k 0 0 " + VALUE_SIZE + "\r\n" + "v".repeat(VALUE_SIZE) + "\r\n", "STORED\r\n");
            }
            assertTrue(waitUntil(() -> server.closes().size() == 1, Duration.ofSeconds(20)), "the setter has gone");
            // The server's own counts of what it holds for the connection, sampled every millisecond.
            AtomicLong mostQueued = new AtomicLong();
            AtomicLong mostHeld = new AtomicLong();
            DelayedCall sampler = server.onReactor(() -> server.reactor().callRepeating(Duration.ofMillis(1), () -> {
                for (Transport transport : server.transports()) {
                    mostQueued.accumulateAndGet(transport.pendingWriteBytes(), Math::max);
                }
                for (Connection<Session> connection : server.memcached().connections()) {
                    mostHeld.accumulateAndGet(connection.framer().bufferedBytes(), Math::max);
                }
            }));
            long before = retainedBytes();

            AtomicLong lastProgress = new AtomicLong(); // 0 until the first write that sent something
            FutureTask<Long> pipeliner = new FutureTask<>(() -> pipelineWithoutReading(server, gets, lastProgress));
            new Thread(pipeliner, "pipeliner").start();
            // Measured at the peak: once the server stops reading, or (were it to read on and queue
            // its replies somewhere) once the pipeliner has sent all it can.
            assertTrue(waitUntil(() -> isStalled(server) || lastProgress.get() != 0
                    && System.nanoTime() - lastProgress.get() > NO_PROGRESS.toNanos(), Duration.ofSeconds(30)),
                    "the pipeliner could still send after 30 s");
            long peak = retainedBytes() - before;
            assertTrue(peak < RETAINED_BOUND, "at the peak, the process retained " + peak
                    + " bytes more than before, over the bound of " + RETAINED_BOUND + "; the " + GETS
                    + " replies of " + REPLY_SIZE + " bytes would cost " + unboundedCost + " if queued");
            assertEquals(1, server.closes().size(), "the pipeliner was still connected when the memory was measured"
                    + " (a loaded machine may take longer than the write timeout, " + WRITE_TIMEOUT + "): "
                    + server.closes());
            long sent = pipeliner.get(60, TimeUnit.SECONDS);
            assertTrue(waitUntil(() -> server.closes().size() == 2, Duration.ofSeconds(30)),
                    "the pipelining connection was closed: " + server.closes());
            server.onReactor(sampler::cancel);

            CloseReason reason = server.closes().get(1);
            assertEquals(CloseReason.Kind.FAILED, reason.kind(), reason.toString());
            ConnectionTimeoutException timeout = assertInstanceOf(ConnectionTimeoutException.class, reason.cause());
            assertEquals(ConnectionTimeoutException.Kind.WRITE, timeout.kind());
            assertTrue(mostQueued.get() > Transport.DEFAULT_HIGH_WATERMARK,
                    "replies did pile up: " + mostQueued.get());
            assertTrue(mostQueued.get() <= BOUND, "at most " + BOUND + " bytes were queued, not "
                    + mostQueued.get() + " (the client sent " + sent + " bytes of gets)");
            assertTrue(mostHeld.get() < GET.length(), "the framer held at most part of one request line, "
                    + (GET.length() - 1) + " bytes, not " + mostHeld.get());
            assertEquals(0, server.connections(), "the table is empty");
        }
    }

    /** Whether the server has stopped reading the pipeliner, its replies above the watermark. */
    private static boolean isStalled(ServedMemcached server) {
        return server.transports().size() == 2 && server.onReactor(() -> {
            Transport pipeliner = server.transports().get(1);
            return pipeliner.isReadingPaused() && !pipeliner.isWritable();
        });
    }

    /**
     * The heap and direct-buffer memory the process retains: used after collecting garbage, a few
     * times, so that what is measured is what is still referenced.
     */
    private static long retainedBytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + direct;
    }

    /**
     * Writes {@code gets} without ever reading, until they are all sent or the server ends the
     * connection, noting the time of each write that sent something in {@code lastProgress};
     * returns the bytes sent.
     */
    private static long pipelineWithoutReading(ServedMemcached server, byte[] gets, AtomicLong lastProgress)
            throws IOException, InterruptedException {
        ByteBuffer out = ByteBuffer.wrap(gets);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (SocketChannel client = SocketChannel.open()) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 4096); // and it never reads
            client.connect(server.address());
            client.configureBlocking(false);
            while (out.hasRemaining() && System.nanoTime() < deadline && server.closes().size() < 2) {
                if (client.write(out) == 0) {
                    Thread.sleep(1); // the server stopped reading: its buffers and ours are full
                } else {
                    lastProgress.set(System.nanoTime());
                }
            }
            // Stay connected, still not reading, until the server gives up on us.
            waitUntil(() -> server.closes().size() == 2, Duration.ofSeconds(30));
        } catch (IOException resetByTheServer) {
            // The server closed while we were still writing: what this test expects.
        }
        return out.position();
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
