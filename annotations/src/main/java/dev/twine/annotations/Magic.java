package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Constant bytes a {@link Protocol}'s header must carry: the encoder writes them, the framer checks
 * them as soon as the header has arrived — before anything of the body — and rejects the frame as
 * corrupt if they differ.
 *
 * <pre>
 * memcached's request magic:  @Magic(offset = 0, width = 1, value = 0x80)
 *   80 | 00 | ...              accepted
 *   81 | 00 | ...              CorruptFrameException: bad magic
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Magic {

    /** The first byte, counted from the frame's first byte. */
    int offset();

    /** The width in bytes, 1 to 8. */
    int width();

    /** The unsigned value; it must fit in {@code width} bytes. */
    long value();

    /** The byte order, when it differs from the protocol's. */
    Order order() default Order.PROTOCOL;
}
