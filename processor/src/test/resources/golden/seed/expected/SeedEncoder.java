package demo.seed;

import dev.twine.framing.FrameEncoder;
import dev.twine.framing.Wire;
import dev.twine.runtime.Transport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Encodes {@link Seed} frames: each frame's exact size, and its bytes written in one
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
public final class SeedEncoder implements FrameEncoder<Seed> {
    /**
     * The exact number of bytes {@code frame} takes on the wire, header included.
     */
    public int sizeOf(Seed frame) {
        if (frame instanceof Seed.Count count) {
            return sizeOf(count);
        } else if (frame instanceof Seed.Total total) {
            return sizeOf(total);
        } else if (frame instanceof Seed.Say say) {
            return sizeOf(say);
        } else {
            throw new IllegalArgumentException("not a Seed frame: " + frame);
        }
    }

    /**
     * Writes {@code frame} at {@code out}'s position, advancing it by
     * {@link #sizeOf(Seed) sizeOf(frame)} bytes.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has
     *     too little room; nothing is written then
     */
    public void encode(Seed frame, ByteBuffer out) {
        if (frame instanceof Seed.Count count) {
            encode(count, out);
        } else if (frame instanceof Seed.Total total) {
            encode(total, out);
        } else if (frame instanceof Seed.Say say) {
            encode(say, out);
        } else {
            throw new IllegalArgumentException("not a Seed frame: " + frame);
        }
    }

    /**
     * Queues {@code frame}'s bytes on {@code transport}.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed; nothing is written
     *     then
     */
    @Override
    public void write(Transport transport, Seed frame) {
        if (frame instanceof Seed.Count count) {
            write(transport, count);
        } else if (frame instanceof Seed.Total total) {
            write(transport, total);
        } else if (frame instanceof Seed.Say say) {
            write(transport, say);
        } else {
            throw new IllegalArgumentException("not a Seed frame: " + frame);
        }
    }

    /**
     * {@code frame}'s bytes in a new array: for tests, logs and one-off sends.
     */
    public byte[] toByteArray(Seed frame) {
        final byte[] bytes = new byte[sizeOf(frame)];
        encode(frame, ByteBuffer.wrap(bytes));
        return bytes;
    }

    /**
     * The exact number of bytes a {@link Seed.Count} frame takes on the wire.
     */
    public int sizeOf(Seed.Count frame) {
        return sizeFor(measureCount(frame));
    }

    /**
     * Writes a {@link Seed.Count} frame at {@code out}'s position:
     *
     * <pre>
     * offset  size  field
     *      0     4  (length) bytes that follow it, 4-byte unsigned, big-endian
     *      4     4  (tag) 0
     * </pre>
     *
     * @throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has
     *     too little room; nothing is written then
     */
    public void encode(Seed.Count frame, ByteBuffer out) {
        final int measured = measureCount(frame);
        final long length = lengthValue(measured);
        Wire.checkRoom(out, sizeFor(measured), "Count");
        // The put methods write multi-byte values in big-endian buffer order.
        final ByteOrder order = out.order();
        putCount(frame, out.order(ByteOrder.BIG_ENDIAN), length);
        out.order(order);
    }

    /**
     * Queues a {@link Seed.Count} frame on {@code transport}.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed; nothing is written
     *     then
     */
    public void write(Transport transport, Seed.Count frame) {
        final int measured = measureCount(frame);
        final long length = lengthValue(measured);
        final ByteBuffer out = transport.claim(sizeFor(measured));
        putCount(frame, out, length);
        transport.commit(out);
    }

    /**
     * Checks that {@code frame} can be written, and returns its size.
     */
    private int measureCount(Seed.Count frame) {
        return 8;
    }

    private void putCount(Seed.Count frame, ByteBuffer out, long length) {
        out.putInt((int) length);
        out.putInt(0);
    }

    /**
     * The exact number of bytes a {@link Seed.Total} frame takes on the wire.
     */
    public int sizeOf(Seed.Total frame) {
        return sizeFor(measureTotal(frame));
    }

    /**
     * Writes a {@link Seed.Total} frame at {@code out}'s position:
     *
     * <pre>
     * offset  size  field
     *      0     4  (length) bytes that follow it, 4-byte unsigned, big-endian
     *      4     4  (tag) 1
     *      8     8  total: long, big-endian
     * </pre>
     *
     * @throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has
     *     too little room; nothing is written then
     */
    public void encode(Seed.Total frame, ByteBuffer out) {
        final int measured = measureTotal(frame);
        final long length = lengthValue(measured);
        Wire.checkRoom(out, sizeFor(measured), "Total");
        // The put methods write multi-byte values in big-endian buffer order.
        final ByteOrder order = out.order();
        putTotal(frame, out.order(ByteOrder.BIG_ENDIAN), length);
        out.order(order);
    }

    /**
     * Queues a {@link Seed.Total} frame on {@code transport}.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed; nothing is written
     *     then
     */
    public void write(Transport transport, Seed.Total frame) {
        final int measured = measureTotal(frame);
        final long length = lengthValue(measured);
        final ByteBuffer out = transport.claim(sizeFor(measured));
        putTotal(frame, out, length);
        transport.commit(out);
    }

    /**
     * Checks that {@code frame} can be written, and returns its size.
     */
    private int measureTotal(Seed.Total frame) {
        return 16;
    }

    private void putTotal(Seed.Total frame, ByteBuffer out, long length) {
        out.putInt((int) length);
        out.putInt(1);
        out.putLong(frame.total());
    }

    /**
     * The exact number of bytes a {@link Seed.Say} frame takes on the wire.
     */
    public int sizeOf(Seed.Say frame) {
        return sizeFor(measureSay(frame));
    }

    /**
     * Writes a {@link Seed.Say} frame at {@code out}'s position:
     *
     * <pre>
     * offset  size  field
     *      0     4  (length) bytes that follow it, 4-byte unsigned, big-endian
     *      4     4  (tag) 2
     *      8   2+n  text: String, UTF-8, after its length (2 bytes)
     *    ...   1+n  points: List&lt;Point&gt;, after its count (1 byte)
     *    ...     n  rest: byte[], the rest of the frame
     * </pre>
     *
     * @throws IllegalArgumentException if the frame cannot be expressed, or {@code out} has
     *     too little room; nothing is written then
     */
    public void encode(Seed.Say frame, ByteBuffer out) {
        final int measured = measureSay(frame);
        final long length = lengthValue(measured);
        Wire.checkRoom(out, sizeFor(measured), "Say");
        // The put methods write multi-byte values in big-endian buffer order.
        final ByteOrder order = out.order();
        putSay(frame, out.order(ByteOrder.BIG_ENDIAN), length);
        out.order(order);
    }

    /**
     * Queues a {@link Seed.Say} frame on {@code transport}.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed; nothing is written
     *     then
     */
    public void write(Transport transport, Seed.Say frame) {
        final int measured = measureSay(frame);
        final long length = lengthValue(measured);
        final ByteBuffer out = transport.claim(sizeFor(measured));
        putSay(frame, out, length);
        transport.commit(out);
    }

    /**
     * Checks that {@code frame} can be written, and returns its size.
     */
    private int measureSay(Seed.Say frame) {
        long size = 0;
        final String text = Objects.requireNonNull(frame.text(), "Say.text");
        final int textSize = Wire.utf8Length(text);
        Wire.checkFits(textSize, 2, true, "Say.text");
        size += textSize;
        final List<Seed.Point> points = Objects.requireNonNull(frame.points(), "Say.points");
        long pointsSize = 0;
        for (final Seed.Point each : points) {
            pointsSize += measureSeedPoint(Objects.requireNonNull(each, "Say.points"));
        }
        Wire.checkFits(points.size(), 1, true, "Say.points");
        size += pointsSize;
        final byte[] rest = Objects.requireNonNull(frame.rest(), "Say.rest");
        final int restSize = rest.length;
        size += restSize;
        return Wire.toSize(size + 11, "Say");
    }

    private void putSay(Seed.Say frame, ByteBuffer out, long length) {
        out.putInt((int) length);
        out.putInt(2);
        out.putShort((short) Wire.utf8Length(frame.text()));
        Wire.putUtf8(out, frame.text());
        out.put((byte) frame.points().size());
        for (final Seed.Point each : frame.points()) {
            putSeedPoint(each, out);
        }
        out.put(frame.rest());
    }

    /**
     * Checks that {@code element} can be written, and returns its size.
     */
    private int measureSeedPoint(Seed.Point element) {
        Wire.checkFits(element.y(), 3, true, "Point.y");
        return 5;
    }

    private void putSeedPoint(Seed.Point element, ByteBuffer out) {
        out.putShort(element.x());
        Wire.putInteger(out, element.y(), 3, true);
    }

    /**
     * The length field's value: the bytes after it (it ends at 4), less the
     * adjustment (0).
     */
    private static long lengthValue(int measured) {
        final long value = (long) measured - 4;
        Wire.checkFits(value, 4, true, "the length field");
        return value;
    }

    private static int sizeFor(int measured) {
        return measured;
    }
}
