package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a {@link Protocol}'s header says which {@link Frame} this is: an unsigned integer of 1 to 8
 * bytes at any offset, optionally only its high bits.
 *
 * <pre>
 * a 4-byte tag after a 4-byte length:   @TagField(offset = 4, width = 4)
 *   00 00 00 04 | 00 00 00 01            tag 1
 *
 * MQTT's packet type, the high nibble of byte 0 (the low nibble is flags):
 *   @TagField(offset = 0, width = 1, shift = 4)
 *   32 | ...                              tag 3 (PUBLISH), flags 0b0010
 * </pre>
 *
 * The bits below {@code shift} are the frame's "tag flags": a record reads them through a
 * component marked {@link TagFlags}, or else they must equal {@link Frame#tagFlags()}. A tag that
 * names no frame is a corrupt frame, rejected from the header alone.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface TagField {

    /** The field's first byte, counted from the frame's first byte. */
    int offset();

    /** The field's width in bytes, 1 to 8; 0 for a protocol with a single frame and no tag. */
    int width();

    /** How many low bits of the field are not the tag but {@linkplain TagFlags flags}. */
    int shift() default 0;

    /** The field's byte order, when it differs from the protocol's. */
    Order order() default Order.PROTOCOL;
}
