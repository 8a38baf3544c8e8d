package dev.twine.benchmarks.decode;

import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.LengthPrefix;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.TagField;

/**
 * A small market-data feed for the decode comparisons: a 4-byte length of what follows, a 2-byte
 * message type, then the message. Its three frames span 16 to 128 bytes, the range the issue's
 * {@code decode-small} asks for; {@link NettyTicks} decodes the same bytes by hand for Netty.
 */
@Protocol(length = @LengthField(offset = 0, width = 4),
          tag = @TagField(offset = 4, width = 2),
          maxFrameLength = Ticks.MAX_FRAME_LENGTH)
public sealed interface Ticks permits Ticks.Heartbeat, Ticks.Quote, Ticks.Trade {

    /** The longest frame accepted, header included; Netty's decoder gets the same limit. */
    int MAX_FRAME_LENGTH = 1024;

    /** The session is alive: 16 bytes on the wire. */
    @Frame(tag = 1)
    record Heartbeat(short session, long sequence) implements Ticks {}

    /** Best bid and offer for an instrument: 34 bytes. */
    @Frame(tag = 2)
    record Quote(int instrument, long bid, long ask, int bidSize, int askSize) implements Ticks {}

    /** A trade, with its exchange condition codes (0 to 97 of them): 31 to 128 bytes. */
    @Frame(tag = 3)
    record Trade(int instrument, long price, int quantity, long time,
                 @LengthPrefix(width = 1) byte[] conditions) implements Ticks {}
}
