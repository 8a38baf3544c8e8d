package dev.twine.examples.memcached;

import dev.twine.annotations.Field;
import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.LengthFrom;
import dev.twine.annotations.Magic;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.Rest;

/**
 * What a memcached server sends back in the binary protocol, declared for Twine's annotation
 * processor: {@link BinaryHandler} writes it with the generated {@code McResponseEncoder}, and a
 * client reads it with {@code McResponseFramer}.
 *
 * <pre>
 *  0        1        2                 4        5        6                 8
 * +--------+--------+-----------------+--------+--------+-----------------+
 * | 0x81   | opcode | key length      | extras | data   | status          |
 * | magic  |        |                 | length | type   |                 |
 * +--------+--------+-----------------+--------+--------+-----------------+
 * | total body length (the length field): extras + key + value            |  8
 * +-----------------------------------------------------------------------+
 * | opaque, as the request had it                                         | 12
 * +-----------------------------------------------------------------------+
 * | cas (8 bytes)                                                         | 16
 * +-----------------------------------------------------------------------+
 * | extras, key, value                                                    | 24
 * +-----------------------------------------------------------------------+
 *
 * the reply to get "Hello" when it holds "World" with flags 0xdeadbeef:
 *   81 00 00 00 04 00 00 00 00 00 00 09 00 00 00 00 00 00 00 00 00 00 00 01
 *   de ad be ef 57 6f 72 6c 64
 * </pre>
 *
 * <p>Unlike {@link McRequest}, a response has one layout whatever its opcode, so the opcode is a
 * plain header field rather than a tag: any command may fail, and a failure carries no extras and
 * its message as the value, so even a get's reply has flags only when it succeeds. What the extras,
 * key and value hold depends on the opcode and the status, and {@link BinaryHandler} says which.
 */
@Protocol(magic = @Magic(offset = 0, width = 1, value = 0x81),
        length = @LengthField(offset = 8, width = 4, adjustment = 12),
        maxFrameLength = McRequest.MAX_FRAME_LENGTH)
public sealed interface McResponse permits McResponse.Response {

    /** The response header's fields that the protocol does not own. */
    record Header(@Field(width = 1, unsigned = true) int opcode,
            @Field(width = 2, unsigned = true) int keyLength,
            @Field(width = 1, unsigned = true) int extrasLength, byte dataType,
            @Field(width = 2, unsigned = true) int status, int opaque, long cas) {}

    /** A response: the header, then the extras, the key and the value its lengths announce. */
    @Frame
    record Response(Header header, @LengthFrom("header.extrasLength") byte[] extras,
            @LengthFrom("header.keyLength") byte[] key, @Rest byte[] value) implements McResponse {}
}
