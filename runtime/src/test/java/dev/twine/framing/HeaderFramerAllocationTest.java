package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** In steady state the engine allocates nothing: only {@link HeaderFramer#read} may. */
class HeaderFramerAllocationTest {

    private static final Object FRAME = new Object();

    /** Reads every frame to its end and returns the same object: the engine's allocations alone. */
    private static final class Constant extends HeaderFramer<Object> {
        Constant(FrameHeader header) {
            super(header);
        }

        @Override
        protected int kindOf(long tag) {
            return (int) tag & 1;
        }

        @Override
        protected Object read(int kind, ByteBuffer frame) {
            frame.position(frame.limit());
            return FRAME;
        }
    }

    private static final class Counter implements FrameSink<Object> {
        long frames;
        long kinds;

        @Override
        public void onFrame(Object frame) {
            throw new AssertionError("delivered without its kind");
        }

        @Override
        public void onFrameOfKind(int kind, Object frame) {
            frames++;
            kinds += kind;
        }
    }

    private static final int FRAMES_PER_ROUND = 64;

    /** Seed frames (length, tag, then 0 to 63 bytes) and MQTT-like ones (tag nibble, varint length). */
    private static byte[] stream(boolean mqtt) {
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < FRAMES_PER_ROUND; i++) {
            int rest = i * 3; // up to 189: MQTT lengths of one and two bytes
            if (mqtt) {
                out.put((byte) (i % 2 == 0 ? 0x20 : 0x31)); // tags 2 and 3
                if (rest < 128) {
                    out.put((byte) rest);
                } else {
                    out.put((byte) (rest & 0x7F | 0x80)).put((byte) (rest >> 7));
                }
            } else {
                out.putInt(4 + rest).putInt(i % 2);
            }
            out.put(new byte[rest]);
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static final FrameHeader SEED = FrameHeader.builder("Seed").length(0, 4, true, 0)
            .tag(4, 4, 0, true).maxFrameLength(1024).build();
    private static final FrameHeader MQTT = FrameHeader.builder("Mqtt").tag(0, 1, 4, true)
            .lengthVarint(1, true, 0).maxFrameLength(1024).build();

    @Test
    void decodingFramesWholeOrCutAllocatesNothing() {
        var threads = Allocations.counter();
        for (boolean mqtt : new boolean[] {false, true}) {
            for (int chunk : new int[] {Integer.MAX_VALUE, 7, 1}) {
                var framer = new Constant(mqtt ? MQTT : SEED);
                var sink = new Counter();
                ByteBuffer in = ByteBuffer.wrap(stream(mqtt));

                decodeRounds(framer, sink, in, chunk, 200); // warm up, and grow the holding array once
                long before = threads.getCurrentThreadAllocatedBytes();
                decodeRounds(framer, sink, in, chunk, 1000);
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;

                assertEquals(1200L * FRAMES_PER_ROUND, sink.frames);
                assertEquals(600L * FRAMES_PER_ROUND, sink.kinds, "every other frame is kind 1");
                // One allocation per frame would be at least 16 bytes a frame, a megabyte here. The
                // JIT's own work on this thread, while it compiles, can show as a kilobyte or so.
                assertTrue(allocated < 16 * 1024, (mqtt ? "MQTT" : "seed") + " in reads of " + chunk
                        + ": " + allocated + " bytes for " + 1000 * FRAMES_PER_ROUND + " frames");
            }
        }
    }

    /** Feeds the stream {@code rounds} times, in reads of {@code chunk}, moving one buffer's window. */
    private static void decodeRounds(Constant framer, Counter sink, ByteBuffer in, int chunk, int rounds) {
        int length = in.capacity();
        for (int round = 0; round < rounds; round++) {
            for (int at = 0; at < length; at += Math.min(chunk, length - at)) {
                in.limit(at + Math.min(chunk, length - at)).position(at);
                framer.decode(in, sink);
            }
        }
    }
}
