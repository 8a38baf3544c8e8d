package dev.twine.it.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.examples.memcached.McRequest;
import dev.twine.examples.memcached.McRequestFramer;
import dev.twine.examples.memcached.McResponse;
import dev.twine.examples.memcached.McResponseFramer;
import dev.twine.examples.memcached.MemcachedServer;
import dev.twine.examples.memcached.Session;
import dev.twine.framing.FramingProperties;
import dev.twine.framing.FuzzedStream;
import dev.twine.it.support.FrameText;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Recorder;
import dev.twine.runtime.Transport;
import dev.twine.server.Connection;
import dev.twine.testing.ManualClock;
import dev.twine.testing.MemoryPipe;
import java.nio.ByteBuffer;

/**
 * Fuzzes the memcached example: its binary framers alone, held to {@link FramingProperties}, and
 * the whole server — both protocols, the store behind them — through a connection in memory, where
 * nothing may be thrown out of the server's protocol (the reactor would close the connection; here
 * it is a crash), after every read the server holds no more for the connection than its limits
 * allow, and the connection must leave the server's table when it closes.
 */
class MemcachedFuzzTest {

    /** Small, so that the fuzzer reaches "too large" and the skipping of long requests. */
    private static final int MAX_ITEM_BYTES = 1024;
    private static final int MEMORY_LIMIT = 64 * 1024;
    /** A request's header, the longest extras, the longest key: what the server's framer shows of one it skips. */
    private static final int SHOWN_OF_SKIPPED = McRequest.HEADER_LENGTH + 20 + 250;
    /** The longest binary request the server reads whole: a set's header and extras, the largest item. */
    private static final int LONGEST_REQUEST = McRequest.HEADER_LENGTH + 8 + MAX_ITEM_BYTES;
    /**
     * The most a text connection's framer may hold: the longest line, a multi-key get's 1 MiB
     * (memcached's own limit, fixed), and a {@code \r} that may begin its end; a data block, at most
     * an item and its CRLF, is shorter.
     */
    private static final int TEXT_HELD = (1 << 20) + 1;
    /** The server's write watermarks and write-buffer limit: small, so that the fuzzer reaches them. */
    private static final int LOW_WATERMARK = 1024;
    private static final int HIGH_WATERMARK = 4 * 1024;
    private static final long WRITE_BUFFER_LIMIT = 16 * 1024;

    /** Requests, read as the server reads them when bit 0 of the configuration is set: long ones skipped. */
    @FuzzTest
    void requestFramer(byte[] input) {
        FuzzedStream in = FuzzedStream.of(input);
        boolean skipping = (in.config() & 1) != 0;
        new FramingProperties<McRequest>(
                () -> skipping ? new McRequestFramer().skipFramesLongerThan(LONGEST_REQUEST, SHOWN_OF_SKIPPED)
                        : new McRequestFramer(),
                skipping ? LONGEST_REQUEST : McRequest.MAX_FRAME_LENGTH, FrameText::of)
                .check(in);
    }

    /** Responses, as the example's client reads them. */
    @FuzzTest
    void responseFramer(byte[] input) {
        new FramingProperties<McResponse>(McResponseFramer::new, McRequest.MAX_FRAME_LENGTH, FrameText::of)
                .check(FuzzedStream.of(input));
    }

    /** The server, spoken to in text: any first byte but the binary magic. */
    @FuzzTest
    void textServer(byte[] input) {
        FuzzedStream in = FuzzedStream.of(input);
        byte[] stream = in.stream();
        if (stream.length > 0 && (stream[0] & 0xFF) == 0x80) {
            stream[0] = 'g';
        }
        serve(in, stream, TEXT_HELD);
    }

    /** The server, spoken to in binary: the stream after the first request's magic. */
    @FuzzTest
    void binaryServer(byte[] input) {
        FuzzedStream in = FuzzedStream.of(input);
        byte[] stream = new byte[in.stream().length + 1];
        stream[0] = (byte) 0x80;
        System.arraycopy(in.stream(), 0, stream, 1, stream.length - 1);
        serve(in, stream, LONGEST_REQUEST);
    }

    /**
     * Sends {@code stream} to a fresh server, cut as {@code in} says, checking after every read that
     * its framer holds at most {@code maxHeld} bytes. With bit 0 of the configuration, the client
     * reads no reply until it has sent everything, so the server's replies back up and its
     * backpressure pauses and resumes the connection.
     */
    private static void serve(FuzzedStream in, byte[] stream, int maxHeld) {
        ManualClock clock = new ManualClock();
        MemcachedServer server = new MemcachedServer(clock, MEMORY_LIMIT, MAX_ITEM_BYTES);
        Guarded guarded = new Guarded(server, maxHeld);
        Recorder client = new Recorder();
        MemoryPipe pipe = MemoryPipe.connect(client, guarded, in.cutting());
        boolean slowReader = (in.config() & 1) != 0;
        if (slowReader) {
            client.transport.pauseReading();
        }
        client.transport.write(stream);
        pipe.flush();
        client.transport.resumeReading();
        pipe.flush();
        client.transport.close();
        pipe.flush();
        guarded.check();
        if (server.stats().currConnections() != 0) {
            throw new AssertionError("the closed connection is still in the server's table");
        }
    }

    /**
     * The server's protocol, with small write limits, keeping the first exception any of its
     * callbacks throws and the first time a read left the server holding more than its bounds.
     */
    private static final class Guarded implements Protocol {
        private final MemcachedServer memcached;
        private final Protocol server;
        private final int maxHeld;
        private Transport transport;
        private Throwable thrown;
        private AssertionError overBound;

        Guarded(MemcachedServer memcached, int maxHeld) {
            this.memcached = memcached;
            this.server = memcached.factory().newProtocol();
            this.maxHeld = maxHeld;
        }

        @Override
        public void onConnect(Transport transport) {
            this.transport = transport;
            transport.setWriteBufferWatermarks(LOW_WATERMARK, HIGH_WATERMARK);
            transport.setWriteBufferLimit(WRITE_BUFFER_LIMIT);
            run(() -> server.onConnect(transport));
        }

        @Override
        public void onBytes(ByteBuffer data) {
            run(() -> server.onBytes(data));
            checkBounds();
        }

        /**
         * What the server holds for the connection after a read: in its framer, at most the longest
         * frame it reads whole; queued to send, at most the write-buffer limit, past which the
         * transport aborts the connection rather than queue more.
         */
        private void checkBounds() {
            long queued = transport.pendingWriteBytes();
            if (queued > WRITE_BUFFER_LIMIT) {
                overBound("the server queued " + queued + " bytes to send, over the write-buffer limit of "
                        + WRITE_BUFFER_LIMIT);
            }
            for (Connection<Session> connection : memcached.connections()) {
                int held = connection.framer().bufferedBytes();
                if (held > maxHeld) {
                    overBound("the server's framer holds " + held + " bytes, over the bound of " + maxHeld
                            + " (the longest frame it reads whole)");
                }
            }
        }

        private void overBound(String what) {
            if (overBound == null) {
                overBound = new AssertionError("after a read, " + what);
            }
        }

        @Override
        public void onWritabilityChanged(boolean writable) {
            run(() -> server.onWritabilityChanged(writable));
        }

        @Override
        public void onClose(CloseReason reason) {
            run(() -> server.onClose(reason));
        }

        private void run(Runnable callback) {
            try {
                callback.run();
            } catch (RuntimeException | Error e) {
                if (thrown == null) {
                    thrown = e;
                }
                throw e;
            }
        }

        void check() {
            if (overBound != null) {
                throw overBound;
            }
            if (thrown != null) {
                throw new AssertionError("the server's protocol threw", thrown);
            }
        }
    }
}
