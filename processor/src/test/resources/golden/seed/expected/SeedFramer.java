package demo.seed;

import dev.twine.framing.FrameHeader;
import dev.twine.framing.HeaderFramer;
import dev.twine.framing.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The incremental framer of {@link Seed}: bytes in, whole frames out, each delivered
 * with its kind ({@code KIND_...}).
 *
 * <p>It reads a frame's header as its bytes arrive, decides from the header alone whether
 * the frame is acceptable (length at most 65536 bytes, a known tag), then waits
 * for the rest of the frame, holding only what has arrived, and decodes it in one pass.
 * A frame that arrives whole is decoded straight from the input. See
 * {@link HeaderFramer} for the state it exposes to tests.
 *
 * <p>One instance per connection; not thread-safe.
 */
@Generated("dev.twine.processor.TwineProcessor")
public final class SeedFramer extends HeaderFramer<Seed> {
    /**
     * The kind of {@link Seed.Count} frames, as delivered to
     * {@link dev.twine.framing.FrameSink#onFrameOfKind}.
     */
    public static final int KIND_COUNT = 0;

    /**
     * The kind of {@link Seed.Total} frames, as delivered to
     * {@link dev.twine.framing.FrameSink#onFrameOfKind}.
     */
    public static final int KIND_TOTAL = 1;

    /**
     * The kind of {@link Seed.Say} frames, as delivered to
     * {@link dev.twine.framing.FrameSink#onFrameOfKind}.
     */
    public static final int KIND_SAY = 2;

    private static final FrameHeader HEADER = FrameHeader.builder("Seed")
            .length(0, 4, true, 0)
            .tag(4, 4, 0, true)
            .maxFrameLength(65536)
            .build();

    /**
     * A framer for one connection: it holds that connection's partial frame.
     */
    public SeedFramer() {
        super(HEADER);
    }

    @Override
    protected long lengthAt(ByteBuffer frame, int start) {
        // Fixed width and order, so the JIT can fold the read.
        return Integer.toUnsignedLong(frame.getInt(start));
    }

    @Override
    protected long rawTagAt(ByteBuffer frame, int start) {
        // Fixed width and order, so the JIT can fold the read.
        return Integer.toUnsignedLong(frame.getInt(start + 4));
    }

    @Override
    protected int kindOf(long tag) {
        if (tag > Integer.MAX_VALUE) {
            // Above every tag: they all fit an int.
            return -1;
        }
        return switch ((int) tag) {
            case 0 -> KIND_COUNT;
            case 1 -> KIND_TOTAL;
            case 2 -> KIND_SAY;
            default -> -1;
        };
    }

    @Override
    protected Seed read(int kind, ByteBuffer frame) {
        return switch (kind) {
            case KIND_COUNT -> readCount(frame);
            case KIND_TOTAL -> readTotal(frame);
            case KIND_SAY -> readSay(frame);
            default -> throw new IllegalArgumentException("no Seed frame has kind " + kind);
        };
    }

    private Seed.Count readCount(ByteBuffer frame) {
        final int start = frame.position();
        // the length field, the tag field, checked by the framer
        frame.position(start + 8);
        return new Seed.Count();
    }

    private Seed.Total readTotal(ByteBuffer frame) {
        final int start = frame.position();
        // the length field, the tag field, checked by the framer
        frame.position(start + 8);
        final long total = frame.getLong();
        return new Seed.Total(total);
    }

    private Seed.Say readSay(ByteBuffer frame) {
        final int start = frame.position();
        // the length field, the tag field, checked by the framer
        frame.position(start + 8);
        final int textSize = Wire.checkLength(Short.toUnsignedLong(frame.getShort()), frame, "Say.text");
        final String text = Wire.getUtf8(frame, textSize);
        final int pointsCount = Wire.checkCount(Byte.toUnsignedLong(frame.get()), frame, 5, "Say.points");
        final List<Seed.Point> points = new ArrayList<>(pointsCount);
        for (int i = 0; i < pointsCount; i++) {
            points.add(readSeedPoint(frame));
        }
        final int restSize = frame.remaining();
        final byte[] rest = Wire.getBytes(frame, restSize);
        return new Seed.Say(text, points, rest);
    }

    private static Seed.Point readSeedPoint(ByteBuffer frame) {
        final short x = frame.getShort();
        final int y = (int) Wire.getUnsigned(frame, 3, true);
        return new Seed.Point(x, y);
    }
}
