package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code List} component whose number of elements is an earlier integer component of the same
 * record. The encoder checks that the list's size equals that component.
 *
 * <pre>{@code
 * record Polygon(byte corners, @CountFrom("corners") List<Point> points)
 *   03 | point | point | point
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface CountFrom {

    /** The earlier integer component holding the count. */
    String value();
}
