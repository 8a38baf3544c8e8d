package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A sink that keeps every frame as {@code kind:frame}, and refuses frames delivered without a kind. */
class KindRecorder<F> implements FrameSink<F> {

    final List<String> frames = new ArrayList<>();

    @Override
    public void onFrame(F frame) {
        throw new AssertionError("a HeaderFramer delivers every frame with its kind");
    }

    @Override
    public void onFrameOfKind(int kind, F frame) {
        frames.add(kind + ":" + frame);
    }

    /** Each rejected frame as {@code kind:hex bytes:message}. */
    final List<String> rejected = new ArrayList<>();

    @Override
    public void onRejectedFrame(int kind, ByteBuffer frame, FramingException error) {
        rejected.add(rejection(kind, Bytes.text(Bytes.take(frame)), error.getMessage()));
    }

    /** How {@link #rejected} lists a frame. */
    static String rejection(int kind, byte[] frame, String message) {
        return kind + ":" + HexFormat.of().formatHex(frame) + ":" + message;
    }

    /** Each skipped frame as {@code kind:hex of its start:declared length/limit}. */
    final List<String> skipped = new ArrayList<>();

    @Override
    public void onSkippedFrame(int kind, ByteBuffer start, FrameTooLongException tooLong) {
        skipped.add(skip(kind, Bytes.text(Bytes.take(start)), tooLong.declaredLength().getAsLong(), tooLong.limit()));
    }

    /** How {@link #skipped} lists a frame. */
    static String skip(int kind, byte[] start, long length, long limit) {
        return kind + ":" + HexFormat.of().formatHex(start) + ":" + length + "/" + limit;
    }

    /** Feeds every read {@code reads} cuts {@code input} into, checking each is consumed entirely. */
    void feed(Reads reads, byte[] input, Framer<? extends F> framer) {
        @SuppressWarnings("unchecked")
        Framer<F> decoder = (Framer<F>) framer;
        for (ByteBuffer read : reads.cut(input)) {
            int limit = read.limit();
            decoder.decode(read, this);
            assertEquals(limit, read.position(), "every byte of the read is consumed");
            assertEquals(limit, read.limit(), "the read's limit is restored");
        }
    }
}
