package dev.twine.runtime;

import java.net.InetSocketAddress;

/** An outgoing connection that may still be in progress, made by {@link Reactor#connectTcp}. */
public interface ConnectAttempt {

    InetSocketAddress remoteAddress();

    /** True until the connection is established, has failed, or was cancelled. */
    boolean isPending();

    /**
     * Gives up on a pending attempt: the socket is closed and neither the protocol nor the failure
     * handler is called. Does nothing once the attempt is over.
     */
    void cancel();
}
