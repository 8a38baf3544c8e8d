package dev.twine.runtime;

import java.nio.channels.SocketChannel;

/**
 * An accepted socket on its way, through {@link Reactor#callFromThread}, to the reactor of a
 * {@link ReactorGroup} that will serve it: run there, it becomes that reactor's connection for life.
 */
final class ChannelHandover implements Runnable {

    private final Reactor target;
    private final SocketChannel channel;
    private final ConnectionSlot slot;
    private final ProtocolFactory factory;

    ChannelHandover(Reactor target, SocketChannel channel, ConnectionSlot slot, ProtocolFactory factory) {
        this.target = target;
        this.channel = channel;
        this.slot = slot;
        this.factory = factory;
    }

    @Override
    public void run() {
        target.adoptAccepted(channel, slot, factory);
    }

    /**
     * The target shut down with this still queued, or before it could be queued: close the socket
     * rather than leak it, and give its place under the listener's limit back.
     */
    void release() {
        TcpListener.closeQuietly(channel);
        slot.release();
    }
}
