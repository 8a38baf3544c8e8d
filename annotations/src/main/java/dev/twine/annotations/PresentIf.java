package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component that is on the wire only when an earlier integer component of the same record says
 * so: when bit {@link #bit()} of it is set, or, with {@link #equals()}, when it has that value. An
 * absent component is {@code null}, so its type must be a reference type (a boxed number, a
 * {@code String}, {@code byte[]}, {@code List}, record or enum). The encoder refuses a frame whose
 * component is present when the condition is false, or {@code null} when it is true.
 *
 * <pre>{@code
 * record Connect(..., byte flags,
 *                @PresentIf(field = "flags", bit = 7) @LengthPrefix(width = 2) String userName,
 *                @PresentIf(field = "flags", bit = 6) @LengthPrefix(width = 2) byte[] password)
 *
 *   ... | c0 | 00 03 62 6f 62 | 00 02 70 77    flags 0xc0: both present
 *   ... | 80 | 00 03 62 6f 62                  flags 0x80: userName only, password null
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface PresentIf {

    /** The earlier integer (or boolean) component the condition reads. */
    String field();

    /** The bit, 0 (least significant) to 63, that must be set; -1 when {@link #equals()} is used. */
    int bit() default -1;

    /** The value the field must have, when {@link #bit()} is -1. */
    long equals() default 0;
}
