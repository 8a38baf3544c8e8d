package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code byte[]}, {@code String} or {@code List} component that takes every byte left in the
 * frame; it must be the frame record's last component, and cannot be used in a nested record
 * or list element.
 *
 * <pre>{@code
 * @Frame(tag = 3) record Publish(@LengthPrefix(width = 2) String topic, @Rest byte[] payload)
 *
 *   ... | 00 03 61 2f 62 | 68 65 6c 6c 6f      topic "a/b", payload "hello" (to the frame's end)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Rest {}
