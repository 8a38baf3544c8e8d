package dev.twine.examples;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.runtime.Reactor;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import java.net.InetSocketAddress;

/**
 * {@link SeedServer} again, with its wire format declared instead of parsed: the frames are the
 * records of {@link SeedRequest} and {@link SeedReply}, and javac's Twine processor generates the
 * framer, the encoder, the dispatch table and the glue to the connection table. What is left to
 * write is this class — one method per frame and one line to listen. Read the two side by side.
 *
 * <p>On the wire it is the same server: the same replies, byte for byte, to the same frames,
 * however the reads cut them; and the same refusals, each closing only the connection that sent
 * it and logged the same way — a type other than 0 or 1, a length over
 * {@link SeedServer#MAX_FRAME_LENGTH}, or one too short to hold the type. The difference is how far
 * into a bad frame the refusal comes. The generated framer judges a frame by its whole 8-byte
 * header, length and type: it refuses an unknown type as soon as the header is in, where
 * {@code SeedServer} first waits for the body; and it refuses a bad length once the 4 bytes after
 * it are in, where {@code SeedServer} needs the length alone (and, for a short one, its few
 * bytes).
 *
 * <p>Run it with {@code java -jar twine-examples.jar seed-annotated --port P}.
 */
public final class AnnotatedSeedServer implements SeedRequestHandler<SeedServer.Session> {

    private static final System.Logger LOG = System.getLogger(AnnotatedSeedServer.class.getName());

    private final Connections<SeedServer.Session> connections = new Connections<>();
    private final SeedReplyEncoder replies = new SeedReplyEncoder();
    private long type0Total;

    /** Listens on {@code address}; returns the address actually bound. */
    public InetSocketAddress listen(Reactor reactor, InetSocketAddress address) {
        return SeedRequestConnections.listen(reactor, address, connections, SeedServer.Session::new, this)
                .localAddress();
    }

    /** The protocol factory to listen with: each connection joins this server's table. */
    public ProtocolFactory factory() {
        return SeedRequestConnections.serve(connections, SeedServer.Session::new, this);
    }

    @Override
    public void onCount(Connection<SeedServer.Session> connection, SeedRequest.Count frame) {
        type0Total++;
        connection.state().sentType0 = true;
    }

    @Override
    public void onAskTotal(Connection<SeedServer.Session> connection, SeedRequest.AskTotal frame) {
        replies.write(connection.transport(), new SeedReply.Total(type0Total));
    }

    /** Says why a connection was dropped, when it was not an orderly close. */
    @Override
    public void onClose(Connection<SeedServer.Session> connection, CloseReason reason) {
        if (reason.cause() != null) {
            LOG.log(System.Logger.Level.INFO, () -> "dropped " + connection + ": " + reason);
        }
    }

    /** Type-0 frames counted so far, over every connection. */
    public long type0Total() {
        return type0Total;
    }

    /** The live connections and their state. */
    public Connections<SeedServer.Session> connections() {
        return connections;
    }
}
