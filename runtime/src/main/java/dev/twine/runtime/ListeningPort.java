package dev.twine.runtime;

import java.net.InetSocketAddress;

/** A listening socket made by {@link Reactor#listenTcp}. Reactor thread only. */
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
}
