package dev.twine.examples.memcached;

import dev.twine.server.Connections;

/**
 * The {@code stats} one reactor keeps rather than its {@link Store}: the connections it serves
 * (the store keeps the time and uptime). With several reactors, {@code stats} adds up every
 * reactor's. Reactor thread only.
 */
public final class ServerStats {

    /** What {@code version} answers. */
    static final String VERSION = "1.6.21-twine";

    private final Connections<?> connections;
    private long totalConnections;

    /** @param connections the reactor's connection table, whose size is its {@code curr_connections} */
    public ServerStats(Connections<?> connections) {
        this.connections = connections;
    }

    /**
     * Connections open now ({@code curr_connections}): the size of the reactor's table, which a
     * connection joins before its first frame and leaves before its handler hears that it closed.
     */
    public int currConnections() {
        return connections.size();
    }

    /** Connections accepted since the server started ({@code total_connections}). */
    public long totalConnections() {
        return totalConnections;
    }

    /** {@code stats reset}: {@code total_connections} starts again from zero, as memcached's does. */
    void reset() {
        totalConnections = 0;
    }

    /** Counts a connection the server accepted. */
    void connectionOpened() {
        totalConnections++;
    }
}
