package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a sealed interface as a wire protocol: the frames it permits, and how the stream is cut
 * into them. Every permitted type must be a record annotated {@link Frame}.
 *
 * <p>The protocol owns its header's framing bytes: the {@link #length()} field, the {@link #tag()}
 * field and any {@link #magic()} bytes. The frames' record components fill all the other bytes, in
 * order. A frame's total length is always known from its header, so the generated framer resumes
 * inside the header byte by byte, then waits for the rest of the frame (holding only what has
 * arrived) and decodes it in one straight pass — the same code whether the frame arrived whole or in
 * pieces.
 *
 * <p>Example, memcached's binary request header (24 bytes; the total body length at offset 8, the
 * opcode at offset 1, the magic byte 0x80 at offset 0):
 *
 * <pre>{@code
 * @Protocol(magic = @Magic(offset = 0, width = 1, value = 0x80),
 *           tag = @TagField(offset = 1, width = 1),
 *           length = @LengthField(offset = 8, width = 4, adjustment = 12),
 *           maxFrameLength = 1024 * 1024 + 24)
 * public sealed interface Request permits Get, Set, ... {}
 *
 *  byte/     0       |       1       |       2       |       3       |
 *     +---------------+---------------+---------------+---------------+
 *    0| magic (owned) | opcode (tag)  | key length (a component)      |
 *     +---------------+---------------+---------------+---------------+
 *    4| extras length | data type     | vbucket id                    |
 *     +---------------+---------------+---------------+---------------+
 *    8| total body length (owned length field)                        |
 *     +---------------+---------------+---------------+---------------+
 *   12| opaque ...                                                    |
 * }</pre>
 *
 * <p>The processor generates, in the interface's package, with {@code P} its simple name
 * (prefixed with its enclosing types' names when it is nested, as in {@code OuterP}):
 * {@code PFramer} (the incremental framer), {@code PEncoder} (exact-size encoder),
 * {@code PHandler} (one method per frame, with the dispatch table) and {@code PConnections}
 * (serving a connection table with one line).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Protocol {

    /**
     * Where the frame's length is: required, since it is what lets the framer wait for a whole
     * frame and reject an oversized one from the header alone.
     */
    LengthField length();

    /**
     * Where the tag that says which {@link Frame} follows is. The default, width 0, means the
     * protocol has no tag and exactly one frame type.
     */
    TagField tag() default @TagField(offset = 0, width = 0);

    /** Constant bytes the header must carry; a frame with other bytes there is corrupt. */
    Magic[] magic() default {};

    /**
     * The longest frame accepted, header included, in bytes. Required: a declared length above it
     * is rejected as soon as the header has arrived, before anything is allocated for the body.
     * At most {@code Integer.MAX_VALUE - 16}.
     */
    int maxFrameLength() default 0;

    /** The byte order of the header fields and of every component that does not override it. */
    Order order() default Order.BIG_ENDIAN;
}
