package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code byte[]}, {@code String} or {@code List} component preceded by its length in bytes: an
 * unsigned integer of 1, 2 or 4 bytes, or a {@link Varint}. The encoder writes the prefix.
 *
 * <pre>{@code
 * @LengthPrefix(width = 2) String topic             // "a/b" -> 00 03 61 2f 62
 * @LengthPrefix(varint = Varint.LEB128) byte[] blob  // 200 bytes -> c8 01 ...
 * @LengthPrefix(width = 1) List<Point> points        // byte count, then the elements
 * }</pre>
 *
 * A prefix larger than the bytes left in the frame is a corrupt frame, detected before anything is
 * allocated for it; one larger than {@link #max()} (when set) is too long.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface LengthPrefix {

    /** The prefix's width in bytes: 1, 2 or 4. Leave 0 when {@link #varint()} is set. */
    int width() default 0;

    /** A variable-length prefix instead of a fixed width. */
    Varint varint() default Varint.NONE;

    /** The most bytes accepted; 0 means only the frame's own length bounds it. */
    int max() default 0;

    /** The prefix's byte order, when it differs from the protocol's. */
    Order order() default Order.PROTOCOL;
}
