package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code byte[]}, {@code String} or {@code List} component whose length in bytes is given by an
 * earlier integer component of the same record, with simple arithmetic: the value of
 * {@link #value()}, minus each of {@link #minus()}, plus {@link #plus()}. The encoder does not
 * write the named components — they are ordinary components the caller fills in — but checks that
 * they agree with the data.
 *
 * <pre>{@code
 * record Packet(short totalLength, byte keyLength,
 *               @LengthFrom("keyLength") String key,
 *               @LengthFrom(value = "totalLength", minus = "keyLength", plus = -3) byte[] value)
 *
 *   00 09 | 02 | 6b 31 | 76 76 76 76       totalLength 9, key "k1", value 4 bytes (9 - 2 - 3)
 * }</pre>
 *
 * A result that is negative or larger than what is left of the frame is a corrupt frame, detected
 * before anything is allocated — the arithmetic is done in {@code long}, so it cannot wrap.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface LengthFrom {

    /** The earlier integer component whose value is the length. */
    String value();

    /** Earlier integer components subtracted from it. */
    String[] minus() default {};

    /** A constant added to it; may be negative. */
    int plus() default 0;
}
