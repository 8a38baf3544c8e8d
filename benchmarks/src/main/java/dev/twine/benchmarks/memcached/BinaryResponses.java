package dev.twine.benchmarks.memcached;

import static dev.twine.benchmarks.memcached.BinaryProtocol.HEADER_LENGTH;
import static dev.twine.benchmarks.memcached.BinaryProtocol.NO_ERROR;
import static dev.twine.benchmarks.memcached.BinaryProtocol.RESPONSE_MAGIC;
import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.twine.examples.memcached.Item;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes responses into one pooled I/O buffer each, sized exactly, so the transport writes them
 * with a single copy of the value (heap array to direct buffer) and a gathering write per flush.
 * Every response echoes its request's opcode and opaque.
 */
final class BinaryResponses {

    private static final int FLAGS_LENGTH = Integer.BYTES;

    private BinaryResponses() {}

    /** A get hit: the flags as extras, the key for getk and getkq, and the value. */
    static ByteBuf hit(ByteBufAllocator alloc, BinaryRequest request, Item item) {
        final int keyLength = BinaryProtocol.returnsKey(request.opcode()) ? request.key().length : 0;
        final byte[] value = item.value();
        final ByteBuf out = header(alloc, request, NO_ERROR, item.cas(), keyLength, FLAGS_LENGTH,
                FLAGS_LENGTH + keyLength + value.length);
        out.writeInt(item.flags());
        if (keyLength != 0) {
            out.writeBytes(request.key());
        }
        return out.writeBytes(value);
    }

    /** A loud get's miss: getk's carries the key and no text, get's the "Not found" error. */
    static ByteBuf miss(ByteBufAllocator alloc, BinaryRequest request) {
        if (!BinaryProtocol.returnsKey(request.opcode())) {
            return error(alloc, request, BinaryProtocol.KEY_NOT_FOUND);
        }
        final int keyLength = request.key().length;
        final ByteBuf out = header(alloc, request, BinaryProtocol.KEY_NOT_FOUND, 0, keyLength, 0, keyLength);
        out.writeBytes(request.key());
        return out;
    }

    /** A success carrying nothing but a CAS (0 when the command has none to give). */
    static ByteBuf success(ByteBufAllocator alloc, BinaryRequest request, long cas) {
        return header(alloc, request, NO_ERROR, cas, 0, 0, 0);
    }

    /** An error: the status, and memcached's text for it as the value. */
    static ByteBuf error(ByteBufAllocator alloc, BinaryRequest request, int status) {
        final String message = BinaryProtocol.message(status);
        final ByteBuf out = header(alloc, request, status, 0, 0, 0, message.length());
        out.writeCharSequence(message, US_ASCII);
        return out;
    }

    private static ByteBuf header(ByteBufAllocator alloc, BinaryRequest request, int status, long cas,
            int keyLength, int extrasLength, int bodyLength) {
        final ByteBuf out = alloc.ioBuffer(HEADER_LENGTH + bodyLength);
        out.writeByte(RESPONSE_MAGIC);
        out.writeByte(request.opcode());
        out.writeShort(keyLength);
        out.writeByte(extrasLength);
        out.writeByte(0);                       // data type: raw bytes
        out.writeShort(status);
        out.writeInt(bodyLength);
        out.writeInt(request.opaque());
        out.writeLong(cas);
        return out;
    }
}
