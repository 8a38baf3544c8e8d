package dev.twine.examples.memcached;

import dev.twine.server.Connections;

/**
 * The {@code stats} the server keeps rather than the {@link Store}: its version and its
 * connections (the store keeps the time and uptime). Reactor thread only.
 */
public final class ServerStats {

    private final Connections<?> connections;
    private long totalConnections;

    /** @param connections the server's connection table, whose size is {@code curr_connections} */
    public ServerStats(Connections<?> connections) {
        this.connections = connections;
    }

    /** What {@code version} answers. */
    public String version() {
        return "1.6.21-twine";
    }

    /**
     * Connections open now ({@code curr_connections}): the size of the server's table, which a
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
