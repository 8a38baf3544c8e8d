package dev.twine.runtime;

/**
 * One place under a listener's {@linkplain ListeningPort#setMaxConnections connection limit}, held
 * by an accepted socket until the connection made of it closes (or at once, if none is made). It is
 * released once, on the thread of the reactor that owns the connection, which may not be the
 * listener's own: a {@link ReactorGroup} hands sockets to its other reactors.
 */
final class ConnectionSlot {

    /** What a connection not accepted by a listener holds: an outgoing one. */
    static final ConnectionSlot NONE = new ConnectionSlot(null);

    private final TcpListener listener;
    private boolean released;

    ConnectionSlot(TcpListener listener) {
        this.listener = listener;
    }

    /** Gives the place back to the listener. Idempotent. */
    void release() {
        if (released || listener == null) {
            return;
        }
        released = true;
        listener.slotReleased();
    }
}
