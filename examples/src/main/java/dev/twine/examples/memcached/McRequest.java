package dev.twine.examples.memcached;

import dev.twine.annotations.Field;
import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.LengthFrom;
import dev.twine.annotations.Magic;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.Rest;
import dev.twine.annotations.Tag;
import dev.twine.annotations.TagField;

/**
 * What a client sends a memcached server in the binary protocol (memcached's
 * {@code protocol_binary.txt}), declared for Twine's annotation processor, which generates
 * {@code McRequestFramer}, {@code McRequestEncoder}, {@code McRequestHandler} and
 * {@code McRequestConnections} from it. {@link BinaryHandler} answers these frames with
 * {@link McResponse}.
 *
 * <pre>
 *  0        1        2                 4        5        6                 8
 * +--------+--------+-----------------+--------+--------+-----------------+
 * | 0x80   | opcode | key length      | extras | data   | vbucket         |
 * | magic  | (tag)  |                 | length | type   |                 |
 * +--------+--------+-----------------+--------+--------+-----------------+
 * | total body length (the length field): extras + key + value            |  8
 * +-----------------------------------------------------------------------+
 * | opaque, echoed in the response                                        | 12
 * +-----------------------------------------------------------------------+
 * | cas (8 bytes)                                                         | 16
 * +-----------------------------------------------------------------------+
 * | extras, key, value                                                    | 24
 * +-----------------------------------------------------------------------+
 *
 * get "Hello" (the protocol's own example):
 *   80 00 00 05 00 00 00 00 00 00 00 05 00 00 00 00 00 00 00 00 00 00 00 00 48 65 6c 6c 6f
 * </pre>
 *
 * <p>The magic, the opcode and the body length belong to the protocol; the rest of the header is
 * the {@link Header} record every frame starts with. Opcodes that share a layout share a record
 * whose {@code opcode} says which one arrived: get, getq, getk and getkq are all a {@link Get}.
 * Each record declares the extras its opcodes carry as fixed fields, except {@link Flush}, whose
 * extras are optional. The framer reads the extras at their fixed size whatever the header's
 * extras length says; {@link BinaryHandler} checks that length, and the key's, as memcached does.
 *
 * <p>Every opcode this server does not implement is an {@link Unknown}, so that it can be answered
 * "Unknown command" on a connection that stays open, as memcached answers it, rather than refused
 * by the framer as an unknown tag.
 */
@Protocol(magic = @Magic(offset = 0, width = 1, value = 0x80),
        tag = @TagField(offset = 1, width = 1),
        length = @LengthField(offset = 8, width = 4, adjustment = 12),
        maxFrameLength = McRequest.MAX_FRAME_LENGTH)
public sealed interface McRequest permits McRequest.Get, McRequest.Update, McRequest.Append,
        McRequest.Delete, McRequest.Counter, McRequest.Touch, McRequest.Flush, McRequest.Stat,
        McRequest.Bare, McRequest.Unknown {

    /** The bytes before a request's body. */
    int HEADER_LENGTH = 24;

    /**
     * The largest item limit ({@code --max-item-bytes}, key and value) this framing can serve:
     * 1 GiB, memcached's own ceiling for {@code -I} ({@code ITEM_SIZE_MAX_UPPER_LIMIT}). A frame is
     * held whole before it is read, so the item limit a server runs with bounds what one of its
     * connections may hold; this only bounds that limit.
     */
    int LARGEST_ITEM_LIMIT = 1024 * 1024 * 1024;

    /**
     * The longest frame accepted, refused from its header: the header, the longest extras
     * (increment's 20 bytes) and the largest item. The server's framer skips, rather than holds,
     * any frame longer than its store's item limit allows ({@link BinaryHandler#newFramer}), so in
     * practice a connection holds no more than that.
     */
    int MAX_FRAME_LENGTH = HEADER_LENGTH + 20 + LARGEST_ITEM_LIMIT;

    /** The request header's fields that the protocol does not own. */
    record Header(@Field(width = 2, unsigned = true) int keyLength,
            @Field(width = 1, unsigned = true) int extrasLength, byte dataType, short vbucket,
            int opaque, long cas) {}

    /** get, getq, getk, getkq: a key, nothing else. */
    @Frame(tag = {Opcode.GET, Opcode.GETQ, Opcode.GETK, Opcode.GETKQ})
    record Get(@Tag int opcode, Header header, @LengthFrom("header.keyLength") byte[] key)
            implements McRequest {}

    /** set, add, replace and their quiet twins: flags and expiration, the key, the value. */
    @Frame(tag = {Opcode.SET, Opcode.SETQ, Opcode.ADD, Opcode.ADDQ, Opcode.REPLACE, Opcode.REPLACEQ})
    record Update(@Tag int opcode, Header header, int flags, int expiration,
            @LengthFrom("header.keyLength") byte[] key, @Rest byte[] value) implements McRequest {}

    /** append, prepend and their quiet twins: the key and the bytes to add, no extras. */
    @Frame(tag = {Opcode.APPEND, Opcode.APPENDQ, Opcode.PREPEND, Opcode.PREPENDQ})
    record Append(@Tag int opcode, Header header, @LengthFrom("header.keyLength") byte[] key,
            @Rest byte[] value) implements McRequest {}

    /** delete, deleteq: a key. */
    @Frame(tag = {Opcode.DELETE, Opcode.DELETEQ})
    record Delete(@Tag int opcode, Header header, @LengthFrom("header.keyLength") byte[] key)
            implements McRequest {}

    /**
     * increment, decrement and their quiet twins: the delta, the value to create a missing item
     * with, and its expiration ({@code 0xffffffff}: do not create), then the key.
     */
    @Frame(tag = {Opcode.INCREMENT, Opcode.INCREMENTQ, Opcode.DECREMENT, Opcode.DECREMENTQ})
    record Counter(@Tag int opcode, Header header, long delta, long initial, int expiration,
            @LengthFrom("header.keyLength") byte[] key) implements McRequest {}

    /** touch, gat, gatq, gatk, gatkq: a new expiration, then the key. */
    @Frame(tag = {Opcode.TOUCH, Opcode.GAT, Opcode.GATQ, Opcode.GATK, Opcode.GATKQ})
    record Touch(@Tag int opcode, Header header, int expiration,
            @LengthFrom("header.keyLength") byte[] key) implements McRequest {}

    /** flush, flushq: extras of 0 bytes, or 4 holding a delay in seconds. */
    @Frame(tag = {Opcode.FLUSH, Opcode.FLUSHQ})
    record Flush(@Tag int opcode, Header header, @LengthFrom("header.extrasLength") byte[] extras)
            implements McRequest {}

    /** stat: an optional key naming a group of statistics. */
    @Frame(tag = Opcode.STAT)
    record Stat(Header header, @LengthFrom("header.keyLength") byte[] key) implements McRequest {}

    /** quit, quitq, noop, version: the header alone. */
    @Frame(tag = {Opcode.QUIT, Opcode.QUITQ, Opcode.NOOP, Opcode.VERSION})
    record Bare(@Tag int opcode, Header header) implements McRequest {}

    /** Every other opcode: answered "Unknown command", its body skipped. */
    @Frame(tag = {0x1b, 0x1f, 0x20, 0x21, 0x22, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b,
                   0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37,
                   0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40, 0x41, 0x42, 0x43,
                   0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
                   0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x5b,
                   0x5c, 0x5d, 0x5e, 0x5f, 0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
                   0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0x73,
                   0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
                   0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b,
                   0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
                   0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f, 0xa0, 0xa1, 0xa2, 0xa3,
                   0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
                   0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb,
                   0xbc, 0xbd, 0xbe, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7,
                   0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3,
                   0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
                   0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb,
                   0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
                   0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff})
    record Unknown(@Tag int opcode, Header header, @Rest byte[] body) implements McRequest {}
}
