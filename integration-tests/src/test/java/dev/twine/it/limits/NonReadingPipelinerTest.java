package dev.twine.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.support.TextClient;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.DelayedCall;
import dev.twine.runtime.Transport;
import dev.twine.server.ConnectionTimeoutException;
import dev.twine.server.ConnectionTimeouts;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that pipelines 100,000 gets of a 1 KiB value — 100 MB of replies — and never reads one.
 * The connection table stops reading from it once a high watermark of replies is queued, so the
 * server holds about 64 KiB for it, not 100 MB; the write timeout then ends it, with a typed reason,
 * and nothing of it is left.
 */
@Timeout(120)
class NonReadingPipelinerTest {

    private static final int GETS = 100_000;
    private static final int VALUE_SIZE = 1024;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);
    /** The table stops at the first reply over the 64 KiB watermark: that, one reply, and room to spare. */
    private static final long BOUND = 2 * Transport.DEFAULT_HIGH_WATERMARK;

    @Test
    void aPipelinerThatNeverReadsIsClosedAndCostsTheServerOnlyAWatermark() throws Exception {
        try (ServedMemcached server = ServedMemcached.start(ConnectionTimeouts.NONE.withWrite(WRITE_TIMEOUT))) {
            try (TextClient setter = new TextClient(server.address())) {
                setter.call("set k 0 0 " + VALUE_SIZE + "\r\n" + "v".repeat(VALUE_SIZE) + "\r\n", "STORED\r\n");
            }
            assertTrue(waitUntil(() -> server.closes().size() == 1, Duration.ofSeconds(20)), "the setter has gone");
            // The server's own count of what it holds for the connection, sampled every millisecond.
            AtomicLong mostQueued = new AtomicLong();
            DelayedCall sampler = server.onReactor(() -> server.reactor().callRepeating(Duration.ofMillis(1), () -> {
                for (Transport transport : server.transports()) {
                    mostQueued.accumulateAndGet(transport.pendingWriteBytes(), Math::max);
                }
            }));

            long sent = pipelineWithoutReading(server);
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
            assertEquals(0, server.connections(), "the table is empty");
        }
    }

    /**
     * Writes up to {@value #GETS} gets without ever reading, until they are all sent or the server
     * ends the connection; returns the bytes sent.
     */
    private static long pipelineWithoutReading(ServedMemcached server) throws IOException, InterruptedException {
        byte[] gets = "get k\r\n".repeat(GETS).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.wrap(gets);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (SocketChannel client = SocketChannel.open()) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 4096); // and it never reads
            client.connect(server.address());
            client.configureBlocking(false);
            while (out.hasRemaining() && System.nanoTime() < deadline && server.closes().size() < 2) {
                if (client.write(out) == 0) {
                    Thread.sleep(1); // the server stopped reading: its buffers and ours are full
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
