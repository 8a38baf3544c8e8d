package demo.memcached;

import dev.twine.framing.FrameHeader;
import dev.twine.framing.HeaderFramer;
import dev.twine.framing.Wire;
import java.nio.ByteBuffer;
import javax.annotation.processing.Generated;

/**
 * The incremental framer of {@link Request}: bytes in, whole frames out, each delivered
 * with its kind ({@code KIND_...}).
 *
 * <p>It reads a frame's header as its bytes arrive, decides from the header alone whether
 * the frame is acceptable (length at most 1048576 bytes, a known tag, the right magic), then waits
 * for the rest of the frame, holding only what has arrived, and decodes it in one pass.
 * A frame that arrives whole is decoded straight from the input. See
 * {@link HeaderFramer} for the state it exposes to tests.
 *
 * <p>One instance per connection; not thread-safe.
 */
@Generated("dev.twine.processor.TwineProcessor")
public final class RequestFramer extends HeaderFramer<Request> {
    /**
     * The kind of {@link Get} frames, as delivered to
     * {@link dev.twine.framing.FrameSink#onFrameOfKind}.
     */
    public static final int KIND_GET = 0;

    /**
     * The kind of {@link Set} frames, as delivered to
     * {@link dev.twine.framing.FrameSink#onFrameOfKind}.
     */
    public static final int KIND_SET = 1;

    private static final FrameHeader HEADER = FrameHeader.builder("Request")
            .length(8, 4, true, 12)
            .tag(1, 1, 0, true)
            .magic(0, 1, 0x80L, true)
            .maxFrameLength(1048576)
            .build();

    /**
     * A framer for one connection: it holds that connection's partial frame.
     */
    public RequestFramer() {
        super(HEADER);
    }

    @Override
    protected long lengthAt(ByteBuffer frame, int start) {
        // Fixed width and order, so the JIT can fold the read.
        return Integer.toUnsignedLong(frame.getInt(start + 8));
    }

    @Override
    protected long rawTagAt(ByteBuffer frame, int start) {
        // Fixed width and order, so the JIT can fold the read.
        return Byte.toUnsignedLong(frame.get(start + 1));
    }

    @Override
    protected int kindOf(long tag) {
        // The tag field is 8 bits wide, so the cast is exact.
        return switch ((int) tag) {
            case 0, 9 -> KIND_GET;
            case 1, 17 -> KIND_SET;
            default -> -1;
        };
    }

    @Override
    protected Request read(int kind, ByteBuffer frame) {
        return switch (kind) {
            case KIND_GET -> readGet(frame);
            case KIND_SET -> readSet(frame);
            default -> throw new IllegalArgumentException("no Request frame has kind " + kind);
        };
    }

    private Get readGet(ByteBuffer frame) {
        final int start = frame.position();
        final int opcode = (int) tag();
        // the magic field, the tag field, checked by the framer
        frame.position(start + 2);
        final short headerKeyLength = frame.getShort();
        final byte headerExtrasLength = frame.get();
        final byte headerDataType = frame.get();
        final short headerVbucket = frame.getShort();
        // the length field, checked by the framer
        frame.position(start + 12);
        final int headerOpaque = frame.getInt();
        final long headerCas = frame.getLong();
        final Header header = new Header(headerKeyLength, headerExtrasLength, headerDataType, headerVbucket, headerOpaque, headerCas);
        final int keySize = Wire.checkLength(Short.toUnsignedLong(headerKeyLength), frame, "Get.key");
        final String key = Wire.getAscii(frame, keySize, "Get.key");
        return new Get(opcode, header, key);
    }

    private Set readSet(ByteBuffer frame) {
        final int start = frame.position();
        final int opcode = (int) tag();
        // the magic field, the tag field, checked by the framer
        frame.position(start + 2);
        final short headerKeyLength = frame.getShort();
        final byte headerExtrasLength = frame.get();
        final byte headerDataType = frame.get();
        final short headerVbucket = frame.getShort();
        // the length field, checked by the framer
        frame.position(start + 12);
        final int headerOpaque = frame.getInt();
        final long headerCas = frame.getLong();
        final Header header = new Header(headerKeyLength, headerExtrasLength, headerDataType, headerVbucket, headerOpaque, headerCas);
        final int flags = frame.getInt();
        final int expiry = frame.getInt();
        final int keySize = Wire.checkLength(Short.toUnsignedLong(headerKeyLength), frame, "Set.key");
        final String key = Wire.getAscii(frame, keySize, "Set.key");
        final int valueSize = frame.remaining();
        final byte[] value = Wire.getBytes(frame, valueSize);
        return new Set(opcode, header, flags, expiry, key, value);
    }
}
