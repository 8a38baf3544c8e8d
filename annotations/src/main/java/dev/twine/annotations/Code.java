package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The wire value of an enum constant. Every constant of an enum used as a component needs one,
 * and no two may share a value; a value on the wire that names no constant is a corrupt frame.
 *
 * <pre>{@code
 * public enum QoS { @Code(0) AT_MOST_ONCE, @Code(1) AT_LEAST_ONCE, @Code(2) EXACTLY_ONCE }
 *
 * record Subscription(..., QoS qos)   // 01 -> AT_LEAST_ONCE; 03 -> CorruptFrameException
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Code {

    /** The value on the wire; it must fit the component's width. */
    long value();
}
