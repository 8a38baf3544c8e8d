package dev.twine.it.review;

import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.Tag;
import dev.twine.annotations.TagField;

/**
 * An 8-byte tag field whose low byte is flags, read through an {@code int} {@code @Tag}: the tag
 * fits the int, the tag shifted above the flags does not.
 */
@Protocol(length = @LengthField(offset = 8, width = 1), tag = @TagField(offset = 0, width = 8, shift = 8),
          maxFrameLength = 255)
public sealed interface TagComponents permits TagComponents.Op {

    @Frame(tag = {1, 0x0100_0000})
    record Op(@Tag int opcode, byte value) implements TagComponents {}
}
