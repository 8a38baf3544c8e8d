package dev.twine.examples;

import dev.twine.framing.FrameCodec;
import dev.twine.framing.FrameEncoder;
import dev.twine.framing.LengthPrefixed;
import dev.twine.framing.LineDelimited;
import dev.twine.framing.Netstring;
import dev.twine.runtime.ListeningPort;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.runtime.ReactorGroup;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import dev.twine.server.FrameHandler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The canonical first Twisted program: every frame comes back, framed the same way. One of three
 * framings, each the wire twin of a Twisted receiver, so Twisted's own clients can talk to it.
 */
public final class EchoServer implements FrameHandler<ByteBuffer, Void> {

    /** The framings, named as on the command line. */
    public enum Framing {
        /** 4-byte big-endian length, then the body: Twisted's {@code Int32StringReceiver}. */
        INT32,
        /** {@code <length>:<body>,}: Twisted's {@code NetstringReceiver}. */
        NETSTRING,
        /** A line ending in CRLF: Twisted's {@code LineReceiver}. */
        LINE;

        public static Framing parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown framing '" + name + "': use int32, netstring or line");
            }
        }

        /** A fresh framer for one connection; it is its own encoder too. */
        FrameCodec<ByteBuffer> newCodec(int maxLength) {
            return switch (this) {
                case INT32 -> LengthPrefixed.int32(maxLength);
                case NETSTRING -> new Netstring(maxLength);
                case LINE -> new LineDelimited(LineDelimited.Delimiter.CRLF, maxLength);
            };
        }
    }

    private final Connections<Void> connections = new Connections<>();
    private final Framing framing;
    private final int maxLength;
    /** Encoding keeps no per-connection state, so one encoder serves every connection. */
    private final FrameEncoder<ByteBuffer> encoder;

    /**
     * @param maxLength the longest frame (line, netstring, body) accepted; longer input closes the
     *     connection that sent it
     */
    public EchoServer(Framing framing, int maxLength) {
        this.framing = framing;
        this.maxLength = maxLength;
        this.encoder = framing.newCodec(maxLength);
    }

    /** The factory to listen with. */
    public ProtocolFactory factory() {
        return connections.serve(() -> framing.newCodec(maxLength), () -> null, this);
    }

    /**
     * Listens on every reactor of {@code group}, each with an echo server (and a connection table)
     * of its own: echoing shares nothing, so the reactors never talk to each other.
     */
    public static ListeningPort listen(ReactorGroup group, InetSocketAddress address, Framing framing, int maxLength) {
        return group.listenTcp(address, reactor -> new EchoServer(framing, maxLength).factory());
    }

    @Override
    public void onFrame(Connection<Void> connection, ByteBuffer frame) {
        encoder.write(connection.transport(), frame);
    }
}
