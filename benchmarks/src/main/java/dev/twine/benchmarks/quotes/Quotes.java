package dev.twine.benchmarks.quotes;

import dev.twine.annotations.Ascii;
import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.LengthPrefix;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.TagField;

/**
 * A small market-data protocol for the decode benchmarks: the seed's framing (a 4-byte length,
 * then a 4-byte tag) carrying typed frames.
 */
@Protocol(length = @LengthField(offset = 0, width = 4),
          tag = @TagField(offset = 4, width = 4),
          maxFrameLength = 1024)
public sealed interface Quotes permits Quotes.Quote, Quotes.Heartbeat {

    /** A price for an instrument on a venue: 29 to 284 bytes on the wire. */
    @Frame(tag = 1)
    record Quote(long instrument, long price, int quantity, @Ascii @LengthPrefix(width = 1) String venue)
            implements Quotes {}

    /** Nothing but the header. */
    @Frame(tag = 2)
    record Heartbeat() implements Quotes {}
}
