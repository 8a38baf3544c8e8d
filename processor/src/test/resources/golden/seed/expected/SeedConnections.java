package demo.seed;

import dev.twine.runtime.ConnectAttempt;
import dev.twine.runtime.ListeningPort;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.runtime.Reactor;
import dev.twine.server.Connections;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Serves {@link Seed} through a {@link Connections} table: every connection gets its own
 * {@link SeedFramer} and state, and its frames reach one {@link SeedHandler}.
 *
 * <pre>{@code
 * Connections<Session> connections = new Connections<>();
 * SeedConnections.listen(reactor, new InetSocketAddress(7000), connections, Session::new, handler);
 * }</pre>
 *
 * Replies go out through {@link SeedEncoder}.
 */
@Generated("dev.twine.processor.TwineProcessor")
public final class SeedConnections {
    private SeedConnections() {
    }

    /**
     * The protocol factory to listen with: each connection joins {@code connections}
     * with a fresh framer and a state from {@code states}.
     */
    public static <S> ProtocolFactory serve(Connections<S> connections,
            Supplier<? extends S> states, SeedHandler<S> handler) {
        return connections.serve(SeedFramer::new, states, handler);
    }

    /**
     * Listens on {@code address} and serves every connection it accepts.
     *
     * @throws java.io.UncheckedIOException if the address cannot be bound
     */
    public static <S> ListeningPort listen(Reactor reactor, InetSocketAddress address,
            Connections<S> connections, Supplier<? extends S> states, SeedHandler<S> handler) {
        return reactor.listenTcp(address, serve(connections, states, handler));
    }

    /**
     * Connects to {@code address}; once connected, the connection joins
     * {@code connections} with {@code state}, and its frames reach {@code handler}.
     * A failure to connect goes to {@code onFailed} instead.
     */
    public static <S> ConnectAttempt connect(Reactor reactor, InetSocketAddress address,
            Connections<S> connections, S state, SeedHandler<S> handler,
            Consumer<? super IOException> onFailed) {
        return reactor.connectTcp(address, serve(connections, () -> state, handler).newProtocol(), onFailed);
    }
}
