package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code String} component in US-ASCII rather than the default UTF-8. The encoder refuses
 * characters outside ASCII; a byte above 0x7f on the wire is a corrupt frame.
 *
 * <pre>{@code
 * @Ascii @LengthPrefix(width = 1) String key    // "k1" -> 02 6b 31
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Ascii {}
