package dev.twine.benchmarks.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;

/**
 * The Netty peer of the echo comparison, written the way Netty's own echo example and codec
 * documentation suggest: one NIO event loop with exactly one thread (accepting and serving, like a
 * Twine reactor), {@link LengthFieldBasedFrameDecoder} to cut the stream into bodies,
 * {@link LengthFieldPrepender} to put the 4-byte length back, and a handler that writes each frame
 * as it arrives and flushes once per read batch ({@code channelReadComplete}), which is how Netty
 * avoids a system call per frame.
 *
 * <p>The frame Netty hands over is a slice of the read buffer, so the echo copies no body bytes;
 * Twine copies each body once into its outgoing chunks. That is Netty's design, not a handicap
 * given to either side.
 *
 * <pre>java -cp twine-benchmarks.jar dev.twine.benchmarks.echo.NettyEchoServer PORT MAX_BODY_BYTES</pre>
 */
public final class NettyEchoServer {

    private static final int LENGTH_FIELD_BYTES = 4;

    private NettyEchoServer() {}

    public static void main(String[] args) throws InterruptedException {
        final int port = Integer.parseInt(args[0]);
        final int maxBody = Integer.parseInt(args[1]);
        final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            final ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(loop)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, EchoPeer.BACKLOG)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            // Netty's limit counts the header too; the body limit is the same as
                            // every other server's.
                            channel.pipeline().addLast(
                                    new LengthFieldBasedFrameDecoder(maxBody + LENGTH_FIELD_BYTES,
                                            0, LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES),
                                    new LengthFieldPrepender(LENGTH_FIELD_BYTES),
                                    Echo.INSTANCE);
                        }
                    });
            bootstrap.bind(EchoPeer.HOST, port).sync()
                    .channel().closeFuture().sync();
        } finally {
            loop.shutdownGracefully();
        }
    }

    /** Writes each body back through the prepender; one flush per batch of reads. */
    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {

        static final Echo INSTANCE = new Echo();

        @Override
        public void channelRead(ChannelHandlerContext context, Object frame) {
            context.write(frame, context.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            context.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }
}
