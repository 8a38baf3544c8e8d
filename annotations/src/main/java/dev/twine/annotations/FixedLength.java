package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code byte[]} or {@code String} component of exactly this many bytes. A shorter string is
 * padded with zero bytes, and trailing zero bytes are dropped when decoding; a longer one, or a
 * {@code byte[]} of another length, is refused by the encoder.
 *
 * <pre>{@code
 * @FixedLength(4) String code     // "GB" -> 47 42 00 00
 * @FixedLength(16) byte[] uuid    // exactly 16 bytes
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface FixedLength {

    /** The length in bytes, at least 1. */
    int value();
}
