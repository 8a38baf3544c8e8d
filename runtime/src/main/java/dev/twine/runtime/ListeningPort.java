package dev.twine.runtime;

import java.net.InetSocketAddress;

/**
 * A listening socket made by {@link Reactor#listenTcp}: reactor thread only. A
 * {@link ReactorGroup}'s port, which stands for one listener per reactor, may be used from any
 * thread.
 */
public interface ListeningPort {

    /** The address actually bound — the port chosen by the OS when asked for port 0. */
    InetSocketAddress localAddress();

    /**
     * Stops accepting; connections already accepted are not touched. The operating system releases
     * the port when the reactor next selects (a channel registered with a selector is closed at its
     * deregistration), so listen again on the same port from a later callback, not this one.
     */
    void close();

    boolean isOpen();

    /**
     * Lets at most {@code max} connections accepted through this port be open at once (memcached's
     * {@code -c}, Jetty's {@code ConnectionLimit}). At the limit the port stops accepting — it
     * removes its interest in new connections rather than accept and drop them — and the kernel's
     * backlog holds new ones (then refuses them, once it is full); it accepts again as soon as one
     * of its connections closes. A connection counts from its accept until its socket is closed,
     * whichever reactor serves it. Lowering the limit below the open count closes nothing: it only
     * stops accepting until enough have gone. The default is {@link Integer#MAX_VALUE}: no limit.
     *
     * <p>On a {@link ReactorGroup}'s port this may be called from any thread and takes effect at
     * each listening reactor's next turn: with {@link AcceptStrategy#ACCEPTOR} the limit counts the
     * whole group's connections from this port; with {@link AcceptStrategy#REUSE_PORT} every
     * reactor listens on its own, so each has this limit.
     *
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    void setMaxConnections(int max);

    /** The limit {@link #setMaxConnections} set; {@link Integer#MAX_VALUE} if none was. */
    int maxConnections();
}
