package dev.twine.it.review;

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
import dev.twine.annotations.Protocol;
import dev.twine.annotations.Rest;
import dev.twine.annotations.TagField;
import dev.twine.annotations.Terminated;
import dev.twine.annotations.Varint;
import java.util.List;

/**
 * Values at the edges of their encodings, in a little-endian protocol whose length counts the
 * whole frame (a negative adjustment) and whose magic sits after the tag:
 *
 * <pre>
 *   0       2     3             6
 *   | length | tag | magic c0ffee | components ...
 * </pre>
 */
@Protocol(length = @LengthField(offset = 0, width = 2, adjustment = -2),
          tag = @TagField(offset = 2, width = 1),
          magic = @Magic(offset = 3, width = 3, value = 0xC0FFEE),
          order = Order.LITTLE_ENDIAN, maxFrameLength = 300)
public sealed interface Edges permits Edges.Ints, Edges.Codes, Edges.Sized, Edges.Texts, Edges.Varints {

    enum E1 { @Code(0) ZERO, @Code(0x80) HIGH, @Code(0xFF) TOP }

    enum E2 { @Code(0) ZERO, @Code(0x8000) HIGH, @Code(0xFFFF) TOP }

    enum E3 { @Code(0) ZERO, @Code(0x80_0000) HIGH, @Code(0xFF_FFFF) TOP }

    enum E4 { @Code(0) ZERO, @Code(0x8000_0000L) HIGH, @Code(0xFFFF_FFFFL) TOP }

    @Frame(tag = 1)
    record Ints(@Field(width = 3) int s3, @Field(width = 3, unsigned = true) int u3,
                @Field(width = 5) long s5, @Field(width = 7, unsigned = true) long u7,
                @Field(width = 1, unsigned = true) short u1, @Field(width = 2, unsigned = true) int u2,
                @Field(width = 4, unsigned = true) long u4, @Field(width = 6) long s6,
                @Field(unsigned = true) byte ub, @Field(unsigned = true) short us,
                @Field(unsigned = true) int ui, @Field(unsigned = true) long ul,
                @Field(width = 2, unsigned = true, order = Order.BIG_ENDIAN) int u2b) implements Edges {}

    @Frame(tag = 2)
    record Codes(E1 e1, @Field(width = 2) E2 e2, @Field(width = 3) E3 e3, @Field(width = 4) E4 e4,
                 @Field(width = 4, order = Order.BIG_ENDIAN) E4 e4b, @CountPrefix(width = 1) List<E1> list)
            implements Edges {}

    @Frame(tag = 3)
    record Sized(@Field(unsigned = true) byte total, @Field(unsigned = true) byte keyLength,
                 @LengthFrom("keyLength") String key,
                 @LengthFrom(value = "total", minus = "keyLength", plus = -1) byte[] value,
                 @Field(unsigned = true) byte count, @CountFrom("count") List<Byte> items) implements Edges {}

    @Frame(tag = 4)
    record Texts(@FixedLength(7) String name, @Terminated((byte) 0xFF) byte[] raw,
                 @LengthPrefix(width = 1) String empty, @CountPrefix(width = 1) List<Short> none,
                 @Rest byte[] rest) implements Edges {}

    @Frame(tag = 5)
    record Varints(@Field(varint = Varint.LEB128) int leb, @Field(varint = Varint.MQTT) int mqtt) implements Edges {}
}
