package dev.twine.examples.memcached;

import dev.twine.framing.LineDelimited;
import dev.twine.runtime.Clock;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.runtime.Reactor;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import dev.twine.server.FrameHandler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A memcached-compatible server: one {@link Store}, and both of memcached's protocols on one port.
 * As memcached does, it tells them apart by a connection's first byte: the binary protocol's
 * request magic, {@code 0x80}, starts a binary connection ({@link BinaryHandler}, framed by the
 * generated {@link McRequestFramer}); anything else a text one ({@link AsciiHandler}, framed in
 * lines by {@link LineDelimited}). Until that byte arrives a connection is read by
 * {@link FirstBytePeek}, and this class is its handler.
 *
 * <p>Run it with {@code java -jar twine-examples.jar memcached --port P}.
 */
public final class MemcachedServer implements FrameHandler<ByteBuffer, Session> {

    /** The first byte of every binary request. */
    static final int BINARY_REQUEST_MAGIC = 0x80;

    private final Store store;
    private final Connections<Session> connections = new Connections<>();
    private final ServerStats stats;
    private final BinaryHandler binary;
    private final AsciiHandler ascii;

    /**
     * @param clock        the reactor's clock: expiration times and uptime are read from it
     * @param memoryLimit  the most bytes the items may take (memcached's {@code -m}, in bytes)
     * @param maxItemBytes the largest item accepted (memcached's {@code -I})
     */
    public MemcachedServer(Clock clock, long memoryLimit, int maxItemBytes) {
        this.store = new Store(clock, memoryLimit, maxItemBytes);
        this.stats = new ServerStats(connections);
        this.binary = new BinaryHandler(store, stats);
        this.ascii = new AsciiHandler(store, stats);
    }

    /** Listens on {@code address}; returns the address actually bound. */
    public InetSocketAddress listen(Reactor reactor, InetSocketAddress address) {
        return reactor.listenTcp(address, factory()).localAddress();
    }

    /** The protocol factory to listen with: each connection joins this server's table. */
    public ProtocolFactory factory() {
        return connections.serve(FirstBytePeek::new, Session::new, this);
    }

    @Override
    public void onConnect(Connection<Session> connection) {
        stats.connectionOpened();
    }

    /** The connection's first byte: from here on, the protocol it announces reads the connection. */
    @Override
    public void onFrame(Connection<Session> connection, ByteBuffer firstByte) {
        if ((firstByte.get(firstByte.position()) & 0xFF) == BINARY_REQUEST_MAGIC) {
            connection.switchFramer(binary.newFramer(), binary);
        } else {
            connection.switchFramer(AsciiHandler.newFramer(store.maxItemBytes()), ascii);
        }
    }

    /** The server's own counters. */
    public ServerStats stats() {
        return stats;
    }
}
