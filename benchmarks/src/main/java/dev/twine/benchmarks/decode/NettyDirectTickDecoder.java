package dev.twine.benchmarks.decode;

import dev.twine.framing.FrameSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteBuffer;

/**
 * Netty's {@link LengthFieldBasedFrameDecoder} called directly, without a pipeline: the decoder at
 * its cheapest, with only what Netty cannot do without.
 *
 * <p>Each read arrives as Netty's own socket reads do: in a buffer from the default allocator
 * ({@link ByteBufAllocator#ioBuffer}, direct), which the decoder then owns — it may keep that very
 * buffer as its cumulation, so a caller cannot reuse one read buffer as Twine's reactor does. The
 * reads are accumulated exactly as {@link ByteToMessageDecoder#channelRead} accumulates them: its
 * own {@link ByteToMessageDecoder#MERGE_CUMULATOR}, the cumulation released once it is empty and
 * compacted every 16 reads otherwise. Then {@code decode(ctx, in)} is called until it has no
 * frame, and each frame goes through {@link NettyTicks#take}.
 *
 * <p>Left out, in Netty's favour: the pipeline ({@code fireChannelRead} per frame), the
 * {@code CodecOutputList} that collects frames between decode calls, and the re-entrancy and
 * handler-removal checks — {@link NettyEmbeddedTickDecoder} has all of those.
 */
final class NettyDirectTickDecoder implements TickDecoder {

    /** {@link ByteToMessageDecoder}'s default for {@code setDiscardAfterReads}. */
    private static final int DISCARD_AFTER_READS = 16;

    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private final Frames frames = new Frames();
    private final FrameSink<? super Ticks> sink;
    private ByteBuf cumulation;
    private int reads;

    NettyDirectTickDecoder(FrameSink<? super Ticks> sink) {
        this.sink = sink;
    }

    @Override
    public void read(ByteBuffer read) {
        final ByteBuf in = alloc.ioBuffer(read.remaining()).writeBytes(read);
        final boolean first = cumulation == null;
        cumulation = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc,
                first ? Unpooled.EMPTY_BUFFER : cumulation, in);
        try {
            ByteBuf frame;
            while (cumulation.isReadable() && (frame = frames.next(cumulation)) != null) {
                sink.onFrame(NettyTicks.take(frame));
            }
        } finally {
            if (!cumulation.isReadable()) {
                reads = 0;
                cumulation.release();
                cumulation = null;
            } else if (++reads >= DISCARD_AFTER_READS) {
                reads = 0;
                if (!first && cumulation.refCnt() == 1) {
                    cumulation.discardSomeReadBytes();
                }
            }
        }
    }

    /** The decoder with its one-frame {@code decode(ctx, in)} in reach. */
    private static final class Frames extends LengthFieldBasedFrameDecoder {

        Frames() {
            // A 4-byte length at offset 0 counting what follows; strip it, as a Netty user would.
            super(Ticks.MAX_FRAME_LENGTH, 0, 4, 0, 4);
        }

        /** The next frame, or null when {@code in} does not hold a whole one yet. */
        ByteBuf next(ByteBuf in) {
            try {
                // The context is used only to extract a frame, which is in.retainedSlice().
                return (ByteBuf) decode(null, in);
            } catch (DecoderException e) {
                throw e;
            } catch (Exception e) {
                throw new DecoderException(e);
            }
        }
    }
}
