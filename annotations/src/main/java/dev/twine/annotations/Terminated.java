package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code byte[]} or {@code String} component that ends at a terminator byte, 0 by default (a C
 * string). The terminator is consumed but not part of the value; the encoder appends it and
 * refuses a value that contains it.
 *
 * <pre>{@code
 * @Terminated String name            // "bob" -> 62 6f 62 00
 * @Terminated('\n') String line      // "ok"  -> 6f 6b 0a
 * }</pre>
 *
 * No terminator before the end of the frame is a corrupt frame; the search is bounded by the
 * frame, which is bounded by {@link Protocol#maxFrameLength()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Terminated {

    /** The terminator byte. */
    byte value() default 0;
}
