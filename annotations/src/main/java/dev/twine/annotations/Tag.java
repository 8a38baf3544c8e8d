package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An integer component that holds which of its {@link Frame#tag()} values the frame carries. It
 * takes no bytes of its own: it is read from, and written to, the protocol's {@link TagField}. Its
 * type must hold every one of the frame's tags (a {@code byte} holds up to 127); the encoder refuses
 * a value that is not one of them.
 *
 * <pre>{@code
 * @Frame(tag = {0x00, 0x09})                        // memcached GET and GETQ
 * record Get(@Tag int opcode, ..., @Rest String key)
 *
 *   80 09 ...   decodes to Get(opcode = 9, ...)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Tag {}
