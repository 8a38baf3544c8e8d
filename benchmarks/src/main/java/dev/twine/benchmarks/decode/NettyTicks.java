package dev.twine.benchmarks.decode;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

/**
 * The hand decode a Netty user writes after {@code LengthFieldBasedFrameDecoder}: one frame, its
 * length already stripped, into the same {@link Ticks} records the generated framer builds, with
 * the checks the generated code makes — a known message type, condition bytes that fit the frame,
 * nothing left over. (A frame too short for its layout fails in {@code ByteBuf}'s own reads, as it
 * does in the generated code's {@code ByteBuffer} reads.) Both Netty contestants use it.
 */
final class NettyTicks {

    private NettyTicks() {}

    /** Decodes {@code frame} — the message type, then the message — and releases it. */
    static Ticks take(ByteBuf frame) {
        try {
            final Ticks decoded = decode(frame);
            if (frame.isReadable()) {
                throw new CorruptedFrameException(frame.readableBytes()
                        + " bytes after the last field of a " + decoded.getClass().getSimpleName());
            }
            return decoded;
        } finally {
            frame.release();
        }
    }

    private static Ticks decode(ByteBuf frame) {
        final int type = frame.readUnsignedShort();
        return switch (type) {
            case 1 -> heartbeat(frame);
            case 2 -> quote(frame);
            case 3 -> trade(frame);
            default -> throw new CorruptedFrameException("unknown message type " + type);
        };
    }

    private static Ticks.Heartbeat heartbeat(ByteBuf frame) {
        final short session = frame.readShort();
        final long sequence = frame.readLong();
        return new Ticks.Heartbeat(session, sequence);
    }

    private static Ticks.Quote quote(ByteBuf frame) {
        final int instrument = frame.readInt();
        final long bid = frame.readLong();
        final long ask = frame.readLong();
        final int bidSize = frame.readInt();
        final int askSize = frame.readInt();
        return new Ticks.Quote(instrument, bid, ask, bidSize, askSize);
    }

    private static Ticks.Trade trade(ByteBuf frame) {
        final int instrument = frame.readInt();
        final long price = frame.readLong();
        final int quantity = frame.readInt();
        final long time = frame.readLong();
        final int conditionsLength = frame.readUnsignedByte();
        if (conditionsLength > frame.readableBytes()) {
            throw new CorruptedFrameException(conditionsLength + " condition bytes do not fit the "
                    + frame.readableBytes() + " bytes left in the frame");
        }
        final byte[] conditions = new byte[conditionsLength];
        frame.readBytes(conditions);
        return new Ticks.Trade(instrument, price, quantity, time, conditions);
    }
}
