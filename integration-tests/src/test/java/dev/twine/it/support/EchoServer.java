package dev.twine.it.support;

import dev.twine.framing.FrameEncoder;
import dev.twine.framing.Framer;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import dev.twine.server.FrameHandler;
import dev.twine.testing.Chunking;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A connection table that reads each connection with a fresh generated framer and writes every
 * frame back with the generated encoder: enough to see what bad input does to one connection and
 * to the others.
 *
 * @param <F> the protocol's frame type
 */
public final class EchoServer<F> {

    private final Connections<Void> table = new Connections<>();
    private final Map<Peer, Long> ids = new IdentityHashMap<>();
    private final Map<Long, CloseReason> closes = new HashMap<>();
    private final ProtocolFactory factory;
    private long lastConnected;

    public EchoServer(Supplier<? extends Framer<F>> framers, FrameEncoder<F> encoder) {
        FrameHandler<F, Void> echo = new FrameHandler<>() {
            @Override
            public void onFrame(Connection<Void> connection, F frame) {
                encoder.write(connection.transport(), frame);
            }

            @Override
            public void onConnect(Connection<Void> connection) {
                lastConnected = connection.id();
            }

            @Override
            public void onClose(Connection<Void> connection, CloseReason reason) {
                closes.put(connection.id(), reason);
            }
        };
        this.factory = table.serve(framers, () -> null, echo);
    }

    /** A peer that sends {@code bytes} as it connects, read by the server in {@code chunking}. */
    public Peer connect(byte[] bytes, Chunking chunking) {
        Peer peer = Peer.connect(factory, chunking);
        ids.put(peer, lastConnected);
        peer.send(bytes);
        return peer;
    }

    /** How many connections are open. */
    public int connections() {
        return table.size();
    }

    /** Why the server's side of {@code peer}'s connection closed, or {@code null} while it is open. */
    public CloseReason closeReasonOf(Peer peer) {
        return closes.get(ids.get(peer));
    }
}
