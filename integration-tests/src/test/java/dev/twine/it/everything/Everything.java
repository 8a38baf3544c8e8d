package dev.twine.it.everything;

import dev.twine.annotations.Ascii;
import dev.twine.annotations.Code;
import dev.twine.annotations.CountFrom;
import dev.twine.annotations.CountPrefix;
import dev.twine.annotations.Field;
import dev.twine.annotations.FixedLength;
import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.LengthFrom;
import dev.twine.annotations.LengthPrefix;
import dev.twine.annotations.Magic;
import dev.twine.annotations.Order;
import dev.twine.annotations.PresentIf;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.Rest;
import dev.twine.annotations.Tag;
import dev.twine.annotations.TagField;
import dev.twine.annotations.Terminated;
import dev.twine.annotations.Varint;
import java.util.List;

/**
 * A little-endian protocol with a frame for each group of vocabulary items, so that every item is
 * proven by a decode from hand-written bytes and by the round trip.
 *
 * <p>The header spreads its owned fields around a byte of each frame's own, as memcached's does:
 *
 * <pre>
 *   0       2     3         4              6
 *   +-------+-----+---------+--------------+----------------
 *   | 54 57 | tag | channel | frame length | the frame's other components
 *   +-------+-----+---------+--------------+----------------
 *    magic         (a frame   2 bytes, little-endian, counting the whole frame
 *    "TW",         component)
 *    big-endian
 * </pre>
 */
@Protocol(order = Order.LITTLE_ENDIAN,
        magic = @Magic(offset = 0, width = 2, value = 0x5457, order = Order.BIG_ENDIAN),
        tag = @TagField(offset = 2, width = 1),
        length = @LengthField(offset = 4, width = 2, adjustment = -6),
        maxFrameLength = Everything.MAX_FRAME_LENGTH)
public sealed interface Everything {

    int MAX_FRAME_LENGTH = 4096;

    /** Nothing but the header. */
    @Frame(tag = 0)
    record Empty(byte channel) implements Everything {}

    /** Signed integers of every width, sign-extended when narrower than their type. */
    @Frame(tag = 1)
    record Signed(byte channel, byte w1, short w2, @Field(width = 3) int w3, int w4,
            @Field(width = 5) long w5, @Field(width = 6) long w6, @Field(width = 7) long w7, long w8)
            implements Everything {}

    /** Unsigned integers of every width; the 8-byte one keeps its bit pattern. */
    @Frame(tag = 2)
    record Unsigned(byte channel,
            @Field(width = 1, unsigned = true) int w1,
            @Field(width = 2, unsigned = true) int w2,
            @Field(width = 3, unsigned = true) int w3,
            @Field(width = 4, unsigned = true) long w4,
            @Field(width = 5, unsigned = true) long w5,
            @Field(width = 6, unsigned = true) long w6,
            @Field(width = 7, unsigned = true) long w7,
            @Field(unsigned = true) long w8)
            implements Everything {}

    /** The protocol's little-endian order, and per-field overrides both ways. */
    @Frame(tag = 3)
    record ByteOrders(byte channel,
            int protocolOrder,
            @Field(order = Order.BIG_ENDIAN) int big,
            @Field(order = Order.LITTLE_ENDIAN) int little,
            @Field(width = 3, unsigned = true, order = Order.BIG_ENDIAN) int big3,
            @Field(order = Order.BIG_ENDIAN) long big8,
            @Field(order = Order.BIG_ENDIAN) double bigDouble)
            implements Everything {}

    /** Booleans, floating point, enums with wire codes, and integers as varints. */
    @Frame(tag = 4)
    record Scalars(byte channel, boolean flag, float ratio, double precise, Colour colour,
            @Field(width = 2) Colour wideColour,
            @Field(varint = Varint.LEB128) long leb,
            @Field(varint = Varint.LEB128) int lebInt,
            @Field(varint = Varint.MQTT) int mqtt)
            implements Everything {}

    /** One layout for two tags, as memcached's quiet opcodes: the {@code @Tag} says which arrived. */
    @Frame(tag = {5, 6})
    record Echo(@Tag int opcode, byte channel, @Rest String text) implements Everything {}

    /** Fixed sizes: bytes exactly, strings padded with zero bytes. */
    @Frame(tag = 7)
    record FixedSizes(byte channel, @FixedLength(4) byte[] id, @FixedLength(8) String name,
            @Ascii @FixedLength(3) String code)
            implements Everything {}

    /** Length prefixes of every width and both varints. */
    @Frame(tag = 8)
    record Prefixed(byte channel,
            @LengthPrefix(width = 1) String one,
            @LengthPrefix(width = 2) byte[] two,
            @LengthPrefix(width = 4) String four,
            @LengthPrefix(varint = Varint.LEB128) byte[] leb,
            @LengthPrefix(varint = Varint.MQTT) String mqtt,
            @Ascii @LengthPrefix(width = 2, order = Order.BIG_ENDIAN) String ascii)
            implements Everything {}

    /**
     * Lengths computed from earlier fields, memcached style: the body counts extras, key, value and
     * a 2-byte checksum, so the value is {@code bodyLength - keyLength - extrasLength - 2}.
     */
    @Frame(tag = 9)
    record Derived(byte channel,
            @Field(width = 2, unsigned = true) int bodyLength,
            @Field(width = 1, unsigned = true) int keyLength,
            @Field(width = 1, unsigned = true) int extrasLength,
            @Field(width = 1, unsigned = true) int labelLengthLessOne,
            @LengthFrom("extrasLength") byte[] extras,
            @Ascii @LengthFrom("keyLength") String key,
            @LengthFrom(value = "bodyLength", minus = {"keyLength", "extrasLength"}, plus = -2) byte[] value,
            short checksum,
            @LengthFrom(value = "labelLengthLessOne", plus = 1) String label)
            implements Everything {}

    /** Values that end at a terminator, and one that takes the rest of the frame. */
    @Frame(tag = 10)
    record Delimited(byte channel,
            @Terminated String cString,
            @Ascii @Terminated('\n') String line,
            @Terminated((byte) 0xff) byte[] bytes,
            @Rest byte[] rest)
            implements Everything {}

    /** Lists by count prefix, count field, byte-length prefix and byte length from a field. */
    @Frame(tag = 11)
    record Lists(byte channel,
            @CountPrefix(width = 1) List<Point> points,
            @Field(width = 1, unsigned = true) int numberCount,
            @CountFrom("numberCount") List<Short> numbers,
            @LengthPrefix(width = 2) List<Labelled> labels,
            @Field(width = 2, unsigned = true) int colourBytes,
            @LengthFrom("colourBytes") List<Colour> colours,
            @CountPrefix(width = 4) List<Integer> wide,
            @CountPrefix(varint = Varint.LEB128) List<Long> longs)
            implements Everything {}

    /** Components present only when a bit, a mask, a value or a boolean says so. */
    @Frame(tag = 12)
    record Conditional(byte channel,
            @Field(width = 1, unsigned = true) int flags,
            byte kind,
            boolean hasNote,
            @PresentIf(field = "flags", bit = 0) Integer number,
            @PresentIf(field = "flags", bit = 7) @LengthPrefix(width = 1) String text,
            @PresentIf(field = "flags", mask = 0b0110) Short either,
            @PresentIf(field = "kind", equals = 2) Point point,
            @PresentIf(field = "kind", equals = 3) @CountPrefix(width = 1) List<Point> path,
            @PresentIf(field = "hasNote") @LengthPrefix(width = 1) String note)
            implements Everything {}

    /** Records laid out inline, nested two deep. */
    @Frame(tag = 13)
    record Nesting(byte channel, Point origin, Labelled labelled, Box box) implements Everything {}

    /** Prefixes with a declared maximum, below what the frame's own length would allow. */
    @Frame(tag = 14)
    record Capped(byte channel,
            @LengthPrefix(width = 1, max = 8) String name,
            @CountPrefix(width = 1, max = 4) List<Point> corners)
            implements Everything {}

    record Point(short x, short y) {}

    record Labelled(@LengthPrefix(width = 1) String label, Point at) {}

    record Box(Point topLeft, Point bottomRight) {}

    enum Colour {
        @Code(1) RED,
        @Code(2) GREEN,
        @Code(0xfe) BLUE
    }
}
