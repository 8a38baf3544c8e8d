package dev.twine.examples;

import dev.twine.framing.CorruptFrameException;
import dev.twine.framing.LengthPrefixed;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.runtime.Reactor;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import dev.twine.server.FrameHandler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The example Twine was founded on, in Java: a server with a connection table and one counter
 * that every connection adds to.
 *
 * <p>Frames are a 4-byte big-endian length and a body whose first 4 bytes (big-endian) are a
 * type:
 *
 * <pre>
 * +--------+--------+---------+
 * | length | type   | rest    |
 * | 4 B    | 4 B    | ...     |
 * +--------+--------+---------+
 * </pre>
 *
 * <ul>
 *   <li>type 0 adds one to the server-wide total and marks the connection as having sent one;</li>
 *   <li>type 1 asks for the total: the reply, on that connection, is a frame whose body is the type
 *       1 and the total as 8 bytes, big-endian;</li>
 *   <li>anything else is a protocol error that closes that connection only.</li>
 * </ul>
 *
 * <p>Compare with the Rust sketch it ports: there is no {@code mem::replace} plumbing here, because
 * the {@link Connections} table owns each connection's framer and hands the handler the connection
 * a frame came from.
 */
public final class SeedServer implements FrameHandler<ByteBuffer, SeedServer.Session> {

    /** The largest body accepted; a longer declared length closes the connection. */
    public static final int MAX_FRAME_LENGTH = 64 * 1024;

    public static final int TYPE_COUNT = 0;
    public static final int TYPE_TOTAL = 1;

    /** Per-connection state; {@link AnnotatedSeedServer} keeps the same. */
    public static final class Session {
        boolean sentType0;

        /** True once this connection has sent a type-0 frame. */
        public boolean sentType0() {
            return sentType0;
        }
    }

    private static final System.Logger LOG = System.getLogger(SeedServer.class.getName());

    private final Connections<Session> connections = new Connections<>();
    private final LengthPrefixed encoder = LengthPrefixed.int32(MAX_FRAME_LENGTH);
    /** One reply buffer, reused: everything here runs on the one reactor thread. */
    private final ByteBuffer reply = ByteBuffer.allocate(12);
    private long type0Total;

    /** Listens on {@code address}; returns the address actually bound. */
    public InetSocketAddress listen(Reactor reactor, InetSocketAddress address) {
        return reactor.listenTcp(address, factory()).localAddress();
    }

    /** The protocol factory to listen with: each connection joins this server's table. */
    public ProtocolFactory factory() {
        return connections.serve(() -> LengthPrefixed.int32(MAX_FRAME_LENGTH), Session::new, this);
    }

    @Override
    public void onFrame(Connection<Session> connection, ByteBuffer frame) {
        if (frame.remaining() < 4) {
            throw new CorruptFrameException("a frame body starts with a 4-byte type; this one has "
                    + frame.remaining() + " bytes");
        }
        int type = frame.getInt();
        switch (type) {
            case TYPE_COUNT -> {
                type0Total++;
                connection.state().sentType0 = true;
            }
            case TYPE_TOTAL -> {
                reply.clear().putInt(TYPE_TOTAL).putLong(type0Total).flip();
                encoder.write(connection.transport(), reply);
            }
            default -> throw new CorruptFrameException("unknown frame type " + type);
        }
    }

    /** Says why a connection was dropped, when it was not an orderly close. */
    @Override
    public void onClose(Connection<Session> connection, CloseReason reason) {
        if (reason.cause() != null) {
            LOG.log(System.Logger.Level.INFO, () -> "dropped " + connection + ": " + reason);
        }
    }

    /** Type-0 frames counted so far, over every connection. */
    public long type0Total() {
        return type0Total;
    }

    /** The live connections and their state. */
    public Connections<Session> connections() {
        return connections;
    }
}
