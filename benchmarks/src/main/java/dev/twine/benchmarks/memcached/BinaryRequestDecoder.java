package dev.twine.benchmarks.memcached;

import static dev.twine.benchmarks.memcached.BinaryProtocol.BODY_LENGTH_OFFSET;
import static dev.twine.benchmarks.memcached.BinaryProtocol.CAS_OFFSET;
import static dev.twine.benchmarks.memcached.BinaryProtocol.EXTRAS_LENGTH_OFFSET;
import static dev.twine.benchmarks.memcached.BinaryProtocol.HEADER_LENGTH;
import static dev.twine.benchmarks.memcached.BinaryProtocol.KEY_LENGTH_OFFSET;
import static dev.twine.benchmarks.memcached.BinaryProtocol.OPAQUE_OFFSET;
import static dev.twine.benchmarks.memcached.BinaryProtocol.OPCODE_OFFSET;
import static dev.twine.benchmarks.memcached.BinaryProtocol.REQUEST_MAGIC;
import static dev.twine.benchmarks.memcached.BinaryProtocol.SET_EXTRAS_LENGTH;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the inbound bytes into {@link BinaryRequest}s, the way a Netty user writes a framed
 * decoder: wait for the 24-byte header, then for the whole body its length announces, and read the
 * fields with absolute gets from the cumulation buffer, so a request that arrived in one read is
 * decoded without copying anything but the key and a set's value (which the store keeps).
 * {@link ByteToMessageDecoder} holds a split request until the rest arrives.
 *
 * <p>A request that cannot be framed (not the request magic, a body over the limit, or a key and
 * extras running past the body) closes the connection without an answer, as the Twine example's
 * generated framer does: the stream has lost its place.
 */
final class BinaryRequestDecoder extends ByteToMessageDecoder {

    private static final byte[] NO_BYTES = {};

    private final long maxBodyLength;

    /** @param maxBodyLength the longest body accepted, checked from the header before waiting for it */
    BinaryRequestDecoder(long maxBodyLength) {
        this.maxBodyLength = maxBodyLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        final int start = in.readerIndex();
        final long bodyLength = in.getUnsignedInt(start + BODY_LENGTH_OFFSET);
        final int keyLength = in.getUnsignedShort(start + KEY_LENGTH_OFFSET);
        final int extrasLength = in.getUnsignedByte(start + EXTRAS_LENGTH_OFFSET);
        if (in.getUnsignedByte(start) != REQUEST_MAGIC || bodyLength > maxBodyLength
                || keyLength + extrasLength > bodyLength) {
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        if (in.readableBytes() < HEADER_LENGTH + bodyLength) {
            return;
        }
        final int opcode = in.getUnsignedByte(start + OPCODE_OFFSET);
        final int extras = start + HEADER_LENGTH;
        final boolean setExtras = extrasLength == SET_EXTRAS_LENGTH;
        final int keyStart = extras + extrasLength;
        final int valueStart = keyStart + keyLength;
        final int valueLength = (int) (HEADER_LENGTH + bodyLength - (valueStart - start));
        out.add(new BinaryRequest(
                opcode,
                in.getInt(start + OPAQUE_OFFSET),
                in.getLong(start + CAS_OFFSET),
                extrasLength,
                keyLength == 0 ? NO_BYTES : ByteBufUtil.getBytes(in, keyStart, keyLength),
                setExtras ? in.getInt(extras) : 0,
                setExtras ? in.getInt(extras + Integer.BYTES) : 0,
                BinaryProtocol.storesValue(opcode) ? ByteBufUtil.getBytes(in, valueStart, valueLength) : NO_BYTES));
        in.skipBytes((int) (HEADER_LENGTH + bodyLength));
    }
}
