package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An integer component that holds the {@linkplain TagField#shift() low bits} of the tag field that
 * are not the tag. It takes no bytes of its own; the encoder refuses a value wider than the shift.
 *
 * <pre>{@code
 * @Protocol(tag = @TagField(offset = 0, width = 1, shift = 4), ...)
 * @Frame(tag = 3) record Publish(@TagFlags int flags, ...)   // MQTT: DUP, QoS, RETAIN
 *
 *   3b ...   decodes to Publish(flags = 0b1011, ...)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface TagFlags {}
