package dev.twine.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * How a {@link ReactorGroup} spreads the connections one port accepts over its reactors. Either
 * way a connection stays on the reactor that adopted it for life.
 */
public enum AcceptStrategy {

    /**
     * One reactor (the group's first) accepts every connection and hands each, in turn, to the next
     * reactor of the group — itself included — through {@link Reactor#callFromThread}. Connections
     * spread exactly evenly, on every operating system. The default: see
     * {@code docs/concurrency.md} for the measurement behind that.
     */
    ACCEPTOR,

    /**
     * Every reactor listens on the same port with {@code SO_REUSEPORT}, and the kernel gives each
     * new connection to one of them by a hash of its addresses: no handover, no single accepting
     * thread, but an uneven spread when connections are few, and {@link #isSupported() Linux only}
     * (other systems accept the option without spreading connections).
     */
    REUSE_PORT;

    /**
     * Whether this strategy works here: {@link #ACCEPTOR} always; {@link #REUSE_PORT} on Linux,
     * when the JDK supports {@code SO_REUSEPORT} for server sockets.
     */
    public boolean isSupported() {
        return this == ACCEPTOR || reusePortBalances();
    }

    private static boolean reusePortBalances() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return false;
        }
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a socket to ask about SO_REUSEPORT", e);
        }
    }
}
