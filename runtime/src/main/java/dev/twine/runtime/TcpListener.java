package dev.twine.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * A listening socket on a reactor: accepts, and hands each socket on — to the reactor, which gives
 * it a protocol, or to a {@link ReactorGroup}, which spreads sockets over its reactors.
 *
 * <p>Accepting pauses (the key's {@code OP_ACCEPT} interest is removed, so a level-triggered
 * selector does not spin on a connection it cannot take) in two cases: while as many connections
 * are open as the {@linkplain #setMaxConnections limit} allows, until one closes; and after
 * {@code accept} itself fails — out of file descriptors ({@code EMFILE}/{@code ENFILE}), say —
 * until {@link #ACCEPT_BACKOFF} has passed or, sooner, one of this port's connections closes and
 * gives a descriptor back. Meanwhile the kernel's backlog holds new connections.
 */
final class TcpListener implements ListeningPort, IoHandler {

    /** Connections accepted per readiness event at most, so one busy listener cannot hog a turn. */
    private static final int MAX_ACCEPTS_PER_EVENT = 64;

    /** How long accepting pauses after accept itself fails (out of file descriptors, say). */
    static final Duration ACCEPT_BACKOFF = Duration.ofMillis(100);

    private static final int BACKLOG = 1024;

    private final Reactor reactor;
    private final ServerSocketChannel server;
    private final BiConsumer<SocketChannel, ConnectionSlot> onAccepted;
    private final InetSocketAddress localAddress;
    private SelectionKey key;
    private int maxConnections = Integer.MAX_VALUE;
    /** Connections accepted here whose slot is not yet released. */
    private int open;
    /** The retry after a failed accept, while it is pending. */
    private DelayedCall backoff;
    /** Failed accepts since the last one that worked: only the first of a run is a warning. */
    private int failuresInARow;

    private TcpListener(Reactor reactor, ServerSocketChannel server,
            BiConsumer<SocketChannel, ConnectionSlot> onAccepted) throws IOException {
        this.reactor = reactor;
        this.server = server;
        this.onAccepted = onAccepted;
        this.localAddress = (InetSocketAddress) server.getLocalAddress();
    }

    static TcpListener open(Reactor reactor, InetSocketAddress address, boolean reusePort,
            BiConsumer<SocketChannel, ConnectionSlot> onAccepted) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort) {
                server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            server.bind(address, BACKLOG);
            server.configureBlocking(false);
            TcpListener listener = new TcpListener(reactor, server, onAccepted);
            listener.key = server.register(reactor.selector(), SelectionKey.OP_ACCEPT, listener);
            return listener;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public void onReady(int readyOps) {
        for (int i = 0; i < MAX_ACCEPTS_PER_EVENT && open < maxConnections; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                backOff(e);
                return;
            }
            if (channel == null) {
                return;
            }
            failuresInARow = 0;
            open++;
            onAccepted.accept(channel, new ConnectionSlot(this));
        }
        updateInterest();
    }

    private void backOff(IOException e) {
        // Pause first: the report may itself fail for want of a descriptor, and must not leave the
        // selector reporting the waiting connection turn after turn.
        backoff = reactor.callLater(ACCEPT_BACKOFF, this::endBackoff);
        updateInterest();
        failuresInARow++;
        Reactor.LOG.log(failuresInARow == 1 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                "accept on " + localAddress + " failed; pausing accepts for " + ACCEPT_BACKOFF.toMillis()
                        + " ms, or until one of its connections closes", e);
    }

    private void endBackoff() {
        if (backoff != null) {
            backoff.cancel();
            backoff = null;
        }
        updateInterest();
    }

    /** A connection accepted here has closed: on this listener's reactor thread now, or soon. */
    void slotReleased() {
        if (reactor.isReactorThread()) {
            connectionClosed();
            return;
        }
        try {
            reactor.callFromThread(this::connectionClosed);
        } catch (IllegalStateException listenerGone) {
            // Its reactor has shut down, and this listener with it: nothing to resume.
        }
    }

    private void connectionClosed() {
        open--;
        if (backoff != null) {
            endBackoff(); // a descriptor came back: worth trying again now
        } else {
            updateInterest();
        }
    }

    /** True while the key asks for {@code OP_ACCEPT}: open, under the limit and not backing off. */
    boolean isAccepting() {
        return server.isOpen() && backoff == null && open < maxConnections;
    }

    /** Connections accepted here that are still open. */
    int openConnections() {
        return open;
    }

    private void updateInterest() {
        if (key.isValid()) {
            key.interestOps(isAccepting() ? SelectionKey.OP_ACCEPT : 0);
        }
    }

    @Override
    public void rekey(SelectionKey key) {
        this.key = key;
    }

    @Override
    public void setMaxConnections(int max) {
        reactor.checkThread();
        if (max < 1) {
            throw new IllegalArgumentException("a listener must allow at least one connection, not " + max);
        }
        maxConnections = max;
        updateInterest();
    }

    @Override
    public int maxConnections() {
        return maxConnections;
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
        if (backoff != null) {
            backoff.cancel();
            backoff = null;
        }
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
