package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component that is on the wire only when an earlier integer component of the same record says
 * so: when bit {@link #bit()} of it is set, when any bit of {@link #mask()} is, or, with neither,
 * when it has the value {@link #equals()}. An
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
 *
 * record Publish(@TagFlags int flags, ...,                        // MQTT: QoS in bits 1-2
 *                @PresentIf(field = "flags", mask = 0b0110) Short packetId, ...)
 * }</pre>
 *
 * A {@code boolean} field is a condition by itself: the component is present when it is true.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface PresentIf {

    /** The earlier integer (or boolean) component the condition reads. */
    String field();

    /** The bit, 0 (least significant) to 63, that must be set; -1 for none. */
    int bit() default -1;

    /** Bits of which at least one must be set; 0 for none. Use either this or {@link #bit()}. */
    long mask() default 0;

    /** The value the field must have, when neither {@link #bit()} nor {@link #mask()} is set. */
    long equals() default 0;
}
