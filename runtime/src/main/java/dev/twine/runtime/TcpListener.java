package dev.twine.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A listening socket on a reactor: accepts, and hands each socket on — to the reactor, which gives
 * it a protocol, or to a {@link ReactorGroup}, which spreads sockets over its reactors.
 */
final class TcpListener implements ListeningPort, IoHandler {

    /** Connections accepted per readiness event at most, so one busy listener cannot hog a turn. */
    private static final int MAX_ACCEPTS_PER_EVENT = 64;

    /** How long accepting pauses after accept itself fails (out of file descriptors, say). */
    private static final Duration ACCEPT_BACKOFF = Duration.ofMillis(100);

    private static final int BACKLOG = 1024;

    private final Reactor reactor;
    private final ServerSocketChannel server;
    private final SelectionKey key;
    private final Consumer<SocketChannel> onAccepted;
    private final InetSocketAddress localAddress;

    private TcpListener(Reactor reactor, ServerSocketChannel server, SelectionKey key,
            Consumer<SocketChannel> onAccepted) throws IOException {
        this.reactor = reactor;
        this.server = server;
        this.key = key;
        this.onAccepted = onAccepted;
        this.localAddress = (InetSocketAddress) server.getLocalAddress();
    }

    static TcpListener open(Reactor reactor, Selector selector, InetSocketAddress address, boolean reusePort,
            Consumer<SocketChannel> onAccepted) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort) {
                server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            server.bind(address, BACKLOG);
            server.configureBlocking(false);
            SelectionKey key = server.register(selector, SelectionKey.OP_ACCEPT);
            TcpListener listener = new TcpListener(reactor, server, key, onAccepted);
            key.attach(listener);
            return listener;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public void onReady(int readyOps) {
        for (int i = 0; i < MAX_ACCEPTS_PER_EVENT; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                Reactor.LOG.log(System.Logger.Level.WARNING, "accept on " + localAddress
                        + " failed; pausing accepts for " + ACCEPT_BACKOFF.toMillis() + " ms", e);
                pauseAccepting();
                return;
            }
            if (channel == null) {
                return;
            }
            onAccepted.accept(channel);
        }
    }

    private void pauseAccepting() {
        key.interestOps(0);
        reactor.callLater(ACCEPT_BACKOFF, () -> {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        });
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void close() {
        reactor.checkThread();
        shutdown();
    }

    @Override
    public boolean isOpen() {
        return server.isOpen();
    }

    @Override
    public void shutdown() {
        key.cancel();
        closeQuietly(server);
    }

    static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            Reactor.LOG.log(System.Logger.Level.DEBUG, "close failed", e);
        }
    }

    @Override
    public String toString() {
        return "ListeningPort[" + localAddress + "]";
    }
}
