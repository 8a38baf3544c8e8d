package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a {@link Protocol}'s header says how long the frame is, with the same meaning as Netty's
 * {@code LengthFieldBasedFrameDecoder}: the frame spans
 * {@code offset + (field width) + value + adjustment} bytes from its first byte. The value is
 * unsigned.
 *
 * <pre>
 * length counts what follows it (adjustment 0):
 *   @LengthField(offset = 0, width = 2)
 *   00 03 | 41 42 43              frame = 2 + 3 + 0 = 5 bytes
 *
 * length counts the whole frame, itself included (adjustment = -width):
 *   @LengthField(offset = 0, width = 2, adjustment = -2)
 *   00 05 | 41 42 43              frame = 2 + 5 - 2 = 5 bytes
 *
 * length after a 1-byte type, as a varint (MQTT's fixed header):
 *   @LengthField(offset = 1, varint = Varint.MQTT)
 *   30 | 05 | 00 01 74 68 69      frame = 2 + 5 = 7 bytes
 * </pre>
 *
 * A length whose frame would end inside the header, or before the length field's own end, is a
 * corrupt frame; one over {@link Protocol#maxFrameLength()} is too long. Both are decided from the
 * header alone.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface LengthField {

    /** The field's first byte, counted from the frame's first byte. */
    int offset();

    /** The field's width in bytes: 1 to 8. Leave 0 when {@link #varint()} is set. */
    int width() default 0;

    /** A variable-length field instead of a fixed width; it must be the last byte the header owns. */
    Varint varint() default Varint.NONE;

    /** Added to the value to get the bytes that follow the field; may be negative. */
    int adjustment() default 0;

    /** The field's byte order, when it differs from the protocol's. */
    Order order() default Order.PROTOCOL;
}
