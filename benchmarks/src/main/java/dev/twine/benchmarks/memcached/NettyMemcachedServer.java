package dev.twine.benchmarks.memcached;

import dev.twine.examples.memcached.Store;
import dev.twine.runtime.Clock;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The memcached comparison's third server: Netty 4.2 with one NIO event loop thread, which
 * accepts and serves every connection, in front of the Twine example's own {@link Store}, so that
 * the comparison measures the networking and the protocol code, not two different caches. NIO
 * rather than Netty's native epoll transport, because Twine runs on the same JDK selector.
 *
 * <p>{@code java -cp twine-benchmarks.jar dev.twine.benchmarks.memcached.NettyMemcachedServer
 * --port P [--memory-mb M]} prints {@code listening on 127.0.0.1:P} and serves until killed. The
 * limits are the example's and memcached's defaults: {@code M} MiB for items (default 64), items
 * of at most 1 MiB.
 */
public final class NettyMemcachedServer {

    private static final int MAX_ITEM_BYTES = 1 << 20;

    /** The longest body worth waiting for: the largest item, a key and a set's extras. */
    private static final long MAX_BODY_LENGTH = MAX_ITEM_BYTES + Store.MAX_KEY_LENGTH
            + BinaryProtocol.SET_EXTRAS_LENGTH;

    private NettyMemcachedServer() {}

    public static void main(String[] args) throws InterruptedException {
        final int port = option(args, "--port", -1);
        final int memoryMb = option(args, "--memory-mb", 64);
        if (port < 0) {
            System.err.println("usage: NettyMemcachedServer --port P [--memory-mb M]");
            System.exit(2);
        }
        final BinaryRequestHandler handler =
                new BinaryRequestHandler(new Store(Clock.system(), (long) memoryMb << 20, MAX_ITEM_BYTES));
        final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            final Channel listener = new ServerBootstrap()
                    .group(loop)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new BinaryRequestDecoder(MAX_BODY_LENGTH), handler);
                        }
                    })
                    .bind("127.0.0.1", port).sync().channel();
            System.out.println("listening on 127.0.0.1:" + port);
            listener.closeFuture().sync();
        } finally {
            loop.shutdownGracefully();
        }
    }

    private static int option(String[] args, String name, int otherwise) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return otherwise;
    }
}
