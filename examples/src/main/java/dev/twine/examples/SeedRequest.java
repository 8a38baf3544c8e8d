package dev.twine.examples;

import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.Rest;
import dev.twine.annotations.TagField;

/**
 * What a client sends the seed server, declared for Twine's annotation processor: the bytes
 * {@link SeedServer} takes apart by hand. From this file javac generates {@code SeedRequestFramer},
 * {@code SeedRequestEncoder}, {@code SeedRequestHandler} and {@code SeedRequestConnections}, which
 * {@link AnnotatedSeedServer} is built on.
 *
 * <pre>
 * +-------------+-------------+---------+
 * | length      | type        | rest    |
 * | 4 B         | 4 B         | ...     |
 * +-------------+-------------+---------+
 *   length counts the bytes after it: 4 + rest
 *
 * new Count():    00 00 00 04 | 00 00 00 00
 * new AskTotal(): 00 00 00 04 | 00 00 00 01
 * </pre>
 *
 * <p>The seed protocol is declared as two protocols, one per direction, because its type 1 has
 * two layouts: a client's type 1 asks for the total and needs nothing after the type, while the
 * server's type 1 answers with the total in 8 more bytes. One sealed interface cannot give one tag
 * two layouts, and declaring the request with the reply's 8 bytes would refuse the 8-byte asks that
 * every seed client sends. So the server reads {@code SeedRequest} and writes {@link SeedReply},
 * and a client does the opposite.
 *
 * <p>Both requests end in {@code @Rest byte[] rest}: a seed frame may go on after its type, and
 * {@link SeedServer} ignores whatever follows. A record without it would declare such a frame
 * corrupt, and the two servers would part ways on the wire.
 */
@Protocol(length = @LengthField(offset = 0, width = 4),
        tag = @TagField(offset = 4, width = 4),
        // Twine's limit counts the whole frame, LengthPrefixed's (SeedServer's) only what follows
        // the 4-byte length: this accepts exactly the frames SeedServer accepts.
        maxFrameLength = 4 + SeedServer.MAX_FRAME_LENGTH)
public sealed interface SeedRequest permits SeedRequest.Count, SeedRequest.AskTotal {

    /** Type 0: adds one to the server-wide total. */
    @Frame(tag = 0)
    record Count(@Rest byte[] rest) implements SeedRequest {

        /** A count with nothing after its type, as clients send it. */
        public Count() {
            this(new byte[0]);
        }
    }

    /** Type 1: asks for the total, which comes back as a {@link SeedReply.Total}. */
    @Frame(tag = 1)
    record AskTotal(@Rest byte[] rest) implements SeedRequest {

        /** An ask with nothing after its type, as clients send it. */
        public AskTotal() {
            this(new byte[0]);
        }
    }
}
