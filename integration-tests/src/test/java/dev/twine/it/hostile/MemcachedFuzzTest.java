package dev.twine.it.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.examples.memcached.McRequest;
import dev.twine.examples.memcached.McRequestFramer;
import dev.twine.examples.memcached.McResponse;
import dev.twine.examples.memcached.McResponseFramer;
import dev.twine.examples.memcached.MemcachedServer;
import dev.twine.framing.FramingProperties;
import dev.twine.framing.FuzzedStream;
import dev.twine.it.support.FrameText;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Recorder;
import dev.twine.runtime.Transport;
import dev.twine.testing.ManualClock;
import dev.twine.testing.MemoryPipe;
import java.nio.ByteBuffer;

/**
 * Fuzzes the memcached example: its binary framers alone, held to {@link FramingProperties}, and
 * the whole server — both protocols, the store behind them — through a connection in memory, where
 * nothing may be thrown out of the server's protocol (the reactor would close the connection; here
 * it is a crash), and the connection must leave the server's table when it closes.
 */
class MemcachedFuzzTest {

    /** Small, so that the fuzzer reaches "too large" and the skipping of long requests. */
    private static final int MAX_ITEM_BYTES = 1024;
    private static final int MEMORY_LIMIT = 64 * 1024;
    /** A request's header, the longest extras, the longest key: what the server's framer shows of one it skips. */
    private static final int SHOWN_OF_SKIPPED = McRequest.HEADER_LENGTH + 20 + 250;

    /** Requests, read as the server reads them when bit 0 of the configuration is set: long ones skipped. */
    @FuzzTest
    void requestFramer(byte[] input) {
        FuzzedStream in = FuzzedStream.of(input);
        boolean skipping = (in.config() & 1) != 0;
        int longest = McRequest.HEADER_LENGTH + 8 + MAX_ITEM_BYTES;   // a set's header and extras, the largest item
        new FramingProperties<McRequest>(
                () -> skipping ? new McRequestFramer().skipFramesLongerThan(longest, SHOWN_OF_SKIPPED) : new McRequestFramer(),
                skipping ? longest : McRequest.MAX_FRAME_LENGTH, FrameText::of)
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
        serve(in, stream);
    }

    /** The server, spoken to in binary: the stream after the first request's magic. */
    @FuzzTest
    void binaryServer(byte[] input) {
        FuzzedStream in = FuzzedStream.of(input);
        byte[] stream = new byte[in.stream().length + 1];
        stream[0] = (byte) 0x80;
        System.arraycopy(in.stream(), 0, stream, 1, stream.length - 1);
        serve(in, stream);
    }

    /**
     * Sends {@code stream} to a fresh server, cut as {@code in} says. With bit 0 of the
     * configuration, the client reads no reply until it has sent everything, so the server's
     * replies back up and its backpressure pauses and resumes the connection.
     */
    private static void serve(FuzzedStream in, byte[] stream) {
        ManualClock clock = new ManualClock();
        MemcachedServer server = new MemcachedServer(clock, MEMORY_LIMIT, MAX_ITEM_BYTES);
        Guarded guarded = new Guarded(server.factory().newProtocol());
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

    /** The server's protocol, keeping the first exception any of its callbacks throws. */
    private static final class Guarded implements Protocol {
        private final Protocol server;
        private Throwable thrown;

        Guarded(Protocol server) {
            this.server = server;
        }

        @Override
        public void onConnect(Transport transport) {
            run(() -> server.onConnect(transport));
        }

        @Override
        public void onBytes(ByteBuffer data) {
            run(() -> server.onBytes(data));
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
            if (thrown != null) {
                throw new AssertionError("the server's protocol threw", thrown);
            }
        }
    }
}
