package dev.twine.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.Consumer;

/** A non-blocking connect in progress: waits for OP_CONNECT or its timeout, whichever comes first. */
final class TcpConnectAttempt implements ConnectAttempt, IoHandler {

    private final Reactor reactor;
    private final InetSocketAddress remote;
    private final Protocol protocol;
    private final Consumer<? super IOException> onFailed;
    private SocketChannel channel;
    private SelectionKey key;
    private DelayedCall timeout;
    private boolean pending = true;

    private TcpConnectAttempt(Reactor reactor, InetSocketAddress remote, Protocol protocol,
            Consumer<? super IOException> onFailed) {
        this.reactor = reactor;
        this.remote = remote;
        this.protocol = protocol;
        this.onFailed = onFailed;
    }

    static TcpConnectAttempt start(Reactor reactor, InetSocketAddress remote,
            Duration timeout, Protocol protocol, Consumer<? super IOException> onFailed) {
        TcpConnectAttempt attempt = new TcpConnectAttempt(reactor, remote, protocol, onFailed);
        try {
            attempt.channel = SocketChannel.open();
            attempt.channel.configureBlocking(false);
            if (attempt.channel.connect(remote)) {
                // Loopback can connect at once; still tell the protocol only after this call returns.
                reactor.defer(attempt::connected);
            } else {
                attempt.key = attempt.channel.register(reactor.selector(), SelectionKey.OP_CONNECT, attempt);
                attempt.timeout = reactor.callLater(timeout, attempt::timedOut);
            }
        } catch (IOException e) {
            reactor.defer(() -> attempt.fail(e));
        } catch (RuntimeException e) {
            // An address this channel cannot use, say: the caller's mistake, reported to it now.
            attempt.pending = false;
            attempt.release();
            throw e;
        }
        return attempt;
    }

    @Override
    public void onReady(int readyOps) {
        try {
            if (!channel.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        connected();
    }

    private void connected() {
        if (!pending) {
            return;
        }
        if (reactor.isClosed()) {
            shutdown();
            return;
        }
        pending = false;
        cancelTimeout();
        try {
            if (key != null) {
                key.interestOps(0);
            }
            reactor.adopt(channel, key, protocol, ConnectionSlot.NONE);
        } catch (IOException e) {
            release();
            notifyFailed(e);
        }
    }

    private void timedOut() {
        fail(new SocketTimeoutException("connecting to " + remote + " timed out"));
    }

    private void fail(IOException cause) {
        if (pending) {
            pending = false;
            release();
            notifyFailed(cause);
        }
    }

    private void notifyFailed(IOException cause) {
        try {
            onFailed.accept(cause);
        } catch (Throwable t) {
            Reactor.LOG.log(System.Logger.Level.WARNING, "connection-failed handler threw", t);
        }
    }

    private void release() {
        cancelTimeout();
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            TcpListener.closeQuietly(channel);
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel();
        }
    }

    @Override
    public void rekey(SelectionKey key) {
        this.key = key;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean isPending() {
        return pending;
    }

    @Override
    public void cancel() {
        reactor.checkThread();
        if (pending) {
            pending = false;
            release();
        }
    }

    @Override
    public void shutdown() {
        fail(new IOException("the reactor shut down before connecting to " + remote));
    }

    @Override
    public String toString() {
        return "ConnectAttempt[" + remote + (pending ? ", pending" : "") + "]";
    }
}
