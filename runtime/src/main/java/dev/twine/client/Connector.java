package dev.twine.client;

import dev.twine.runtime.ConnectAttempt;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Reactor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Makes one connection attempt to a fixed place (Twisted's client endpoint): the protocol hears
 * {@link Protocol#onConnect} on success, {@code onFailed} gets the reason otherwise — never both,
 * and never inside this call. {@link #tcp} is the real one; a test substitutes its own, connecting
 * protocols through a {@code MemoryPipe} when it decides.
 */
@FunctionalInterface
public interface Connector {

    ConnectAttempt connect(Protocol protocol, Consumer<? super IOException> onFailed);

    /** Attempts with {@link Reactor#connectTcp(InetSocketAddress, Duration, Protocol, Consumer)}. */
    static Connector tcp(Reactor reactor, InetSocketAddress remote, Duration timeout) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(timeout, "timeout");
        return (protocol, onFailed) -> reactor.connectTcp(remote, timeout, protocol, onFailed);
    }
}
