package dev.twine.framing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the processor would generate for the seed protocol — a 4-byte big-endian length counting
 * what follows it, a 4-byte tag, then the frame's fields — written by hand, and instrumented: it
 * keeps every buffer {@link #read} was given and what the framer held meanwhile.
 *
 * <pre>
 * +-------------+-------------+------------+-------+
 * | length      | tag 0 or 1  | Say: text  | text  |
 * | (4 + rest)  |             | length (2) | UTF-8 |
 * +-------------+-------------+------------+-------+
 * </pre>
 */
class SeedFramer extends HeaderFramer<SeedFramer.Message> {

    sealed interface Message permits Type0, Say {}

    record Type0() implements Message {}

    record Say(String text) implements Message {}

    static final FrameHeader HEADER = header(0);

    /** The seed header with the length field shifted by {@code adjustment}. */
    static FrameHeader header(int adjustment) {
        return FrameHeader.builder("Seed").length(0, 4, true, adjustment).tag(4, 4, 0, true)
                .maxFrameLength(100_000).build();
    }

    /** A seed frame as the wire has it: the length, the tag, then {@code rest}. */
    static byte[] frame(int tag, byte... rest) {
        return ByteBuffer.allocate(8 + rest.length).putInt(4 + rest.length).putInt(tag).put(rest).array();
    }

    /** A {@code Say} frame carrying {@code text} as UTF-8. */
    static byte[] say(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return frame(1, ByteBuffer.allocate(2 + utf8.length).putShort((short) utf8.length).put(utf8).array());
    }

    final List<ByteBuffer> views = new ArrayList<>();
    final List<Integer> bufferedDuringRead = new ArrayList<>();

    SeedFramer() {
        this(HEADER);
    }

    SeedFramer(FrameHeader header) {
        super(header);
    }

    @Override
    protected int kindOf(long tag) {
        return tag == 0 ? 0 : tag == 1 ? 1 : -1;
    }

    @Override
    protected Message read(int kind, ByteBuffer frame) {
        views.add(frame);
        bufferedDuringRead.add(bufferedBytes());
        frame.position(frame.position() + 8);
        if (kind == 0) {
            return new Type0();
        }
        int length = (int) Wire.getUnsigned(frame, 2, true);
        String text = Wire.getUtf8(frame, length);
        if (text.equals("corrupt")) {
            throw new CorruptFrameException("Say refuses to say \"corrupt\"");
        }
        return new Say(text);
    }
}
