package dev.twine.benchmarks.decode;

import dev.twine.framing.FrameSink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteBuffer;

/**
 * Netty as a user assembles it: {@link LengthFieldBasedFrameDecoder} and a handler doing the hand
 * decode ({@link NettyTicks#take}) in a pipeline, each read written in with
 * {@link EmbeddedChannel#writeInbound} in a buffer from the channel's allocator, as a socket read
 * would be. This is the decoder with everything a channel adds per read and per frame, but without
 * a selector or a socket.
 */
final class NettyEmbeddedTickDecoder implements TickDecoder {

    private final EmbeddedChannel channel;

    NettyEmbeddedTickDecoder(FrameSink<? super Ticks> sink) {
        channel = new EmbeddedChannel(
                new LengthFieldBasedFrameDecoder(Ticks.MAX_FRAME_LENGTH, 0, 4, 0, 4),
                new HandDecoding(sink));
    }

    @Override
    public void read(ByteBuffer read) {
        channel.writeInbound(channel.alloc().ioBuffer(read.remaining()).writeBytes(read));
    }

    /** The end of the pipeline: each frame decoded into its record, which goes to the sink. */
    private static final class HandDecoding extends ChannelInboundHandlerAdapter {

        private final FrameSink<? super Ticks> sink;

        HandDecoding(FrameSink<? super Ticks> sink) {
            this.sink = sink;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object frame) {
            sink.onFrame(NettyTicks.take((ByteBuf) frame));
        }
    }
}
