package dev.twine.examples.memcached;

import dev.twine.server.ConnectionTimeouts;
import java.time.Duration;

/**
 * What the memcached example allows each client: how many may be connected at once (memcached's
 * {@code -c}) and how long one may stall the server ({@link ConnectionTimeouts}).
 *
 * @param maxConnections connections open at once, at most; at the limit the port stops accepting
 *                       until one closes
 * @param timeouts       the connection table's timeouts
 */
public record ConnectionLimits(int maxConnections, ConnectionTimeouts timeouts) {

    /**
     * The example's defaults: 1024 connections, as memcached's {@code -c}; no idle timeout, as
     * memcached's {@code idle_timeout} (clients keep pools of connections that wait minutes between
     * requests); but 30 seconds to finish a request once it has started, and 30 seconds for a client
     * that has stopped reading its replies — neither of which an honest client comes near.
     */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(1024, ConnectionTimeouts.NONE
            .withFrame(Duration.ofSeconds(30)).withWrite(Duration.ofSeconds(30)));

    /** @throws IllegalArgumentException if {@code maxConnections} is less than 1 */
    public ConnectionLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("at least one connection must be allowed, not " + maxConnections);
        }
        java.util.Objects.requireNonNull(timeouts, "timeouts");
    }
}
