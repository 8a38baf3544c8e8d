package dev.twine.runtime;

import java.nio.channels.SocketChannel;

/**
 * An accepted socket on its way, through {@link Reactor#callFromThread}, to the reactor of a
 * {@link ReactorGroup} that will serve it: run there, it becomes that reactor's connection for life.
 */
final class ChannelHandover implements Runnable {

    private final Reactor target;
    private final SocketChannel channel;
    private final ProtocolFactory factory;

    ChannelHandover(Reactor target, SocketChannel channel, ProtocolFactory factory) {
        this.target = target;
        this.channel = channel;
        this.factory = factory;
    }

    @Override
    public void run() {
        target.adoptAccepted(channel, factory);
    }

    /** The target shut down with this still queued: close the socket rather than leak it. */
    void release() {
        TcpListener.closeQuietly(channel);
    }
}
