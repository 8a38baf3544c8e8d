package demo.memcached;

import dev.twine.framing.FrameEncoder;
import dev.twine.framing.Wire;
import dev.twine.runtime.Transport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Encodes {@link Request} frames: each frame's exact size, and its bytes written in one
 * pass, with the length, tag and magic header fields filled in.
 *
 * <p>{@code encode} writes into a {@code ByteBuffer} of the caller's; {@code write}
 * puts the frame straight into the transport's outgoing buffer
 * ({@link Transport#claim}), with no copy. A frame that cannot be expressed (a value too
 * wide for its field, a list whose size disagrees with its count field) is refused
 * with {@link IllegalArgumentException} before anything is written. It keeps no
 * state: one instance may serve every connection, of every reactor.
 */
@Generated("dev.twine.processor.TwineProcessor")
public final class RequestEncoder implements FrameEncoder<Request> {
    /**
     * The exact number of bytes {@code frame} takes on the wire, header included.
     */
    public int sizeOf(Request frame) {
        if (frame instanceof Get get) {
            return sizeOf(get);
        } else if (frame instanceof Set set) {
            return sizeOf(set);
        } else {
            throw new IllegalArgumentException("not a Request frame: " + frame);
        }
    }

    /**
     * Writes {@code frame} at {@code out}'s position, advancing it by
     * {@link #sizeOf(Request) sizeOf(frame)} bytes.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has
     *     too little room; nothing is written then
     */
    public void encode(Request frame, ByteBuffer out) {
        if (frame instanceof Get get) {
            encode(get, out);
        } else if (frame instanceof Set set) {
            encode(set, out);
        } else {
            throw new IllegalArgumentException("not a Request frame: " + frame);
        }
    }

    /**
     * Queues {@code frame}'s bytes on {@code transport}.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed; nothing is written
     *     then
     */
    @Override
    public void write(Transport transport, Request frame) {
        if (frame instanceof Get get) {
            write(transport, get);
        } else if (frame instanceof Set set) {
            write(transport, set);
        } else {
            throw new IllegalArgumentException("not a Request frame: " + frame);
        }
    }

    /**
     * {@code frame}'s bytes in a new array: for tests, logs and one-off sends.
     */
    public byte[] toByteArray(Request frame) {
        final byte[] bytes = new byte[sizeOf(frame)];
        encode(frame, ByteBuffer.wrap(bytes));
        return bytes;
    }

    /**
     * The exact number of bytes a {@link Get} frame takes on the wire.
     */
    public int sizeOf(Get frame) {
        return sizeFor(measureGet(frame));
    }

    /**
     * Writes a {@link Get} frame at {@code out}'s position:
     *
     * <pre>
     * offset  size  field
     *      0     1  (magic) 0x80
     *      1     1  (tag) 0 or 9 (opcode)
     *      2     2  header.keyLength: short, unsigned, big-endian
     *      4     1  header.extrasLength: byte, unsigned
     *      5     1  header.dataType: byte
     *      6     2  header.vbucket: short, big-endian
     *      8     4  (length) bytes that follow it, less 12, 4-byte unsigned, big-endian
     *     12     4  header.opaque: int, big-endian
     *     16     8  header.cas: long, big-endian
     *     24     n  key: String, ASCII, byte length = header.keyLength
     * </pre>
     *
     * @throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has
     *     too little room; nothing is written then
     */
    public void encode(Get frame, ByteBuffer out) {
        final int measured = measureGet(frame);
        final long length = lengthValue(measured);
        Wire.checkRoom(out, sizeFor(measured), "Get");
        // The put methods write multi-byte values in big-endian buffer order.
        final ByteOrder order = out.order();
        putGet(frame, out.order(ByteOrder.BIG_ENDIAN), length);
        out.order(order);
    }

    /**
     * Queues a {@link Get} frame on {@code transport}.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed; nothing is written
     *     then
     */
    public void write(Transport transport, Get frame) {
        final int measured = measureGet(frame);
        final long length = lengthValue(measured);
        final ByteBuffer out = transport.claim(sizeFor(measured));
        putGet(frame, out, length);
        transport.commit(out);
    }

    /**
     * Checks that {@code frame} can be written, and returns its size.
     */
    private int measureGet(Get frame) {
        long size = 0;
        if (frame.opcode() != 0 && frame.opcode() != 9) {
            throw new IllegalArgumentException("Get.opcode must be one of [0, 9], not " + frame.opcode());
        }
        final Header header = Objects.requireNonNull(frame.header(), "Get.header");
        final String key = Objects.requireNonNull(frame.key(), "Get.key");
        Wire.checkAscii(key, "Get.key");
        final int keySize = key.length();
        Wire.checkAgrees(keySize, Short.toUnsignedLong(header.keyLength()), "Get.key length", "header.keyLength");
        size += keySize;
        return Wire.toSize(size + 24, "Get");
    }

    private void putGet(Get frame, ByteBuffer out, long length) {
        out.put((byte) 0x80);
        out.put((byte) frame.opcode());
        final Header header = frame.header();
        out.putShort(header.keyLength());
        out.put(header.extrasLength());
        out.put(header.dataType());
        out.putShort(header.vbucket());
        out.putInt((int) length);
        out.putInt(header.opaque());
        out.putLong(header.cas());
        Wire.putAscii(out, frame.key());
    }

    /**
     * The exact number of bytes a {@link Set} frame takes on the wire.
     */
    public int sizeOf(Set frame) {
        return sizeFor(measureSet(frame));
    }

    /**
     * Writes a {@link Set} frame at {@code out}'s position:
     *
     * <pre>
     * offset  size  field
     *      0     1  (magic) 0x80
     *      1     1  (tag) 1 or 17 (opcode)
     *      2     2  header.keyLength: short, unsigned, big-endian
     *      4     1  header.extrasLength: byte, unsigned
     *      5     1  header.dataType: byte
     *      6     2  header.vbucket: short, big-endian
     *      8     4  (length) bytes that follow it, less 12, 4-byte unsigned, big-endian
     *     12     4  header.opaque: int, big-endian
     *     16     8  header.cas: long, big-endian
     *     24     4  flags: int, big-endian
     *     28     4  expiry: int, big-endian
     *     32     n  key: String, ASCII, byte length = header.keyLength
     *    ...     n  value: byte[], the rest of the frame
     * </pre>
     *
     * @throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has
     *     too little room; nothing is written then
     */
    public void encode(Set frame, ByteBuffer out) {
        final int measured = measureSet(frame);
        final long length = lengthValue(measured);
        Wire.checkRoom(out, sizeFor(measured), "Set");
        // The put methods write multi-byte values in big-endian buffer order.
        final ByteOrder order = out.order();
        putSet(frame, out.order(ByteOrder.BIG_ENDIAN), length);
        out.order(order);
    }

    /**
     * Queues a {@link Set} frame on {@code transport}.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed; nothing is written
     *     then
     */
    public void write(Transport transport, Set frame) {
        final int measured = measureSet(frame);
        final long length = lengthValue(measured);
        final ByteBuffer out = transport.claim(sizeFor(measured));
        putSet(frame, out, length);
        transport.commit(out);
    }

    /**
     * Checks that {@code frame} can be written, and returns its size.
     */
    private int measureSet(Set frame) {
        long size = 0;
        if (frame.opcode() != 1 && frame.opcode() != 17) {
            throw new IllegalArgumentException("Set.opcode must be one of [1, 17], not " + frame.opcode());
        }
        final Header header = Objects.requireNonNull(frame.header(), "Set.header");
        final String key = Objects.requireNonNull(frame.key(), "Set.key");
        Wire.checkAscii(key, "Set.key");
        final int keySize = key.length();
        Wire.checkAgrees(keySize, Short.toUnsignedLong(header.keyLength()), "Set.key length", "header.keyLength");
        size += keySize;
        final byte[] value = Objects.requireNonNull(frame.value(), "Set.value");
        final int valueSize = value.length;
        size += valueSize;
        return Wire.toSize(size + 32, "Set");
    }

    private void putSet(Set frame, ByteBuffer out, long length) {
        out.put((byte) 0x80);
        out.put((byte) frame.opcode());
        final Header header = frame.header();
        out.putShort(header.keyLength());
        out.put(header.extrasLength());
        out.put(header.dataType());
        out.putShort(header.vbucket());
        out.putInt((int) length);
        out.putInt(header.opaque());
        out.putLong(header.cas());
        out.putInt(frame.flags());
        out.putInt(frame.expiry());
        Wire.putAscii(out, frame.key());
        out.put(frame.value());
    }

    /**
     * The length field's value: the bytes after it (it ends at 12), less the
     * adjustment (12).
     */
    private static long lengthValue(int measured) {
        final long value = (long) measured - 24;
        Wire.checkFits(value, 4, true, "the length field");
        return value;
    }

    private static int sizeFor(int measured) {
        return measured;
    }
}
