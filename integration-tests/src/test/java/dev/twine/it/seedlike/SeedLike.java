package dev.twine.it.seedlike;

import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.LengthPrefix;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.Rest;
import dev.twine.annotations.TagField;

/**
 * The seed's framing, big-endian: a 4-byte length counting what follows it, a 4-byte tag, then
 * the frame's components.
 *
 * <pre>
 *   00 00 00 08 | 00 00 00 02 | 00 02 | 68 69
 *   length 8      tag 2 (Say)   text "hi"
 * </pre>
 */
@Protocol(length = @LengthField(offset = 0, width = 4),
        tag = @TagField(offset = 4, width = 4),
        maxFrameLength = SeedLike.MAX_FRAME_LENGTH)
public sealed interface SeedLike {

    int MAX_FRAME_LENGTH = 1 << 16;

    @Frame(tag = 0)
    record Count() implements SeedLike {}

    @Frame(tag = 1)
    record Total(long total) implements SeedLike {}

    @Frame(tag = 2)
    record Say(@LengthPrefix(width = 2) String text) implements SeedLike {}

    @Frame(tag = 3)
    record Blob(@Rest byte[] data) implements SeedLike {}
}
