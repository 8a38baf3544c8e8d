package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code List} component preceded by its number of elements: an unsigned integer of 1, 2 or 4
 * bytes, or a {@link Varint}. The encoder writes the count.
 *
 * <pre>{@code
 * @CountPrefix(width = 1) List<Point> points    // 2 points -> 02 | point | point
 * }</pre>
 *
 * A count that could not fit in what is left of the frame, even at each element's smallest size,
 * is a corrupt frame, detected before the list is allocated; one above {@link #max()} (when set)
 * is too long.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface CountPrefix {

    /** The prefix's width in bytes: 1, 2 or 4. Leave 0 when {@link #varint()} is set. */
    int width() default 0;

    /** A variable-length prefix instead of a fixed width. */
    Varint varint() default Varint.NONE;

    /** The most elements accepted; 0 means only the frame's own length bounds them. */
    int max() default 0;

    /** The prefix's byte order, when it differs from the protocol's. */
    Order order() default Order.PROTOCOL;
}
