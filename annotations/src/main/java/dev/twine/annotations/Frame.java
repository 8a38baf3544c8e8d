package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as one frame type of a {@link Protocol}: the record must implement the protocol's
 * sealed interface, which must permit it. Its components fill the frame's bytes, in declaration
 * order, around the bytes the protocol owns (length, tag, magic).
 *
 * <pre>{@code
 * @Frame(tag = 1) public record Say(@LengthPrefix(width = 2) String text) implements Chat {}
 *
 * Say("hi") in a protocol with a 4-byte length and a 4-byte tag:
 *   00 00 00 08 | 00 00 00 01 | 00 02 | 68 69
 *   length 8      tag 1         text: 2 bytes, "hi"
 * }</pre>
 *
 * Several tags may share one layout, as memcached's quiet opcodes do; a component marked
 * {@link Tag} then says which one arrived, and which one to send:
 *
 * <pre>{@code
 * @Frame(tag = {0x00, 0x09}) public record Get(@Tag int opcode, ...) implements Request {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Frame {

    /**
     * The tag values that select this frame; each must fit the protocol's {@link TagField} and
     * belong to no other frame. Leave empty only in a protocol without a tag.
     */
    long[] tag() default {};

    /**
     * The value of the {@linkplain TagField#shift() tag flags} when no component is marked
     * {@link TagFlags}: the encoder writes it and the framer requires it (MQTT's SUBSCRIBE must
     * carry flags 0b0010).
     */
    int tagFlags() default 0;
}
