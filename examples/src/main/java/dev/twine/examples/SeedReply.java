package dev.twine.examples;

import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.TagField;

/**
 * What the seed server sends back, declared for Twine's annotation processor: the other direction
 * of {@link SeedRequest}, which says why the seed protocol is two protocols. The server writes it
 * with the generated {@code SeedReplyEncoder}; a client reads it with {@code SeedReplyFramer} and a
 * {@code SeedReplyHandler}.
 *
 * <pre>
 * +-------------+-------------+-------------------------+
 * | length      | type 1      | total                   |
 * | 4 B         | 4 B         | 8 B                     |
 * +-------------+-------------+-------------------------+
 *
 * new Total(7):  00 00 00 0c | 00 00 00 01 | 00 00 00 00 00 00 00 07
 * </pre>
 */
@Protocol(length = @LengthField(offset = 0, width = 4),
        tag = @TagField(offset = 4, width = 4),
        // The one reply there is.
        maxFrameLength = 16)
public sealed interface SeedReply permits SeedReply.Total {

    /** The answer to a {@link SeedRequest.AskTotal}: type-0 frames counted so far, over every connection. */
    @Frame(tag = 1)
    record Total(long total) implements SeedReply {}
}
