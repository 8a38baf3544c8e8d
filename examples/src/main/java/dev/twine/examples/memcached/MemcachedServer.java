package dev.twine.examples.memcached;

import dev.twine.framing.LineDelimited;
import dev.twine.runtime.Clock;
import dev.twine.runtime.ListeningPort;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.runtime.Reactor;
import dev.twine.runtime.ReactorGroup;
import dev.twine.runtime.Scheduler;
import dev.twine.server.Connection;
import dev.twine.server.ConnectionTimeouts;
import dev.twine.server.Connections;
import dev.twine.server.FrameHandler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A memcached-compatible server: a {@link Store}, and both of memcached's protocols on one port.
 * As memcached does, it tells them apart by a connection's first byte: the binary protocol's
 * request magic, {@code 0x80}, starts a binary connection ({@link BinaryHandler}, framed by the
 * generated {@link McRequestFramer}); anything else a text one ({@link AsciiHandler}, framed in
 * lines by {@link LineDelimited}). Until that byte arrives a connection is read by
 * {@link FirstBytePeek}, and this class is its handler.
 *
 * <p>On several reactors ({@link #listen(ReactorGroup, InetSocketAddress, long, int)}, memcached's
 * {@code -t}), there is one of these per reactor, for the connections that reactor serves, and
 * the cache is partitioned by key between them: each reactor owns one partition, and a command for
 * a key another reactor owns runs there and has its reply brought back, in request order
 * ({@link Partitions}, {@link ReplyOrder}).
 *
 * <p>Run it with {@code java -jar twine-examples.jar memcached --port P [--threads N]}.
 */
public final class MemcachedServer implements FrameHandler<ByteBuffer, Session> {

    /** The first byte of every binary request. */
    static final int BINARY_REQUEST_MAGIC = 0x80;

    private final Connections<Session> connections;
    private final Partitions partitions;
    private final ServerSettings settings;
    private final BinaryHandler binary;
    private final AsciiHandler ascii;

    /**
     * A server on one reactor, with the whole cache.
     *
     * @param clock        the reactor's clock: expiration times and uptime are read from it
     * @param memoryLimit  the most bytes the items may take (memcached's {@code -m}, in bytes)
     * @param maxItemBytes the largest item accepted (memcached's {@code -I})
     */
    public MemcachedServer(Clock clock, long memoryLimit, int maxItemBytes) {
        this(new Connections<>(), clock, memoryLimit, maxItemBytes);
    }

    private MemcachedServer(Connections<Session> connections, Clock clock, long memoryLimit, int maxItemBytes) {
        this(connections, Partitions.single(new Store(clock, memoryLimit, maxItemBytes), new ServerStats(connections)),
                new ServerSettings(memoryLimit, maxItemBytes, 1));
    }

    private MemcachedServer(Connections<Session> connections, Partitions partitions, ServerSettings settings) {
        this.connections = connections;
        this.partitions = partitions;
        this.settings = settings;
        this.binary = new BinaryHandler(partitions, settings);
        this.ascii = new AsciiHandler(partitions, settings);
    }

    /**
     * One server per reactor, each owning one partition of the cache: a key's partition is its
     * hash modulo the number of reactors, and each partition has an even share of
     * {@code memoryLimit}. Server {@code i} serves the connections of {@code reactors.get(i)}, and
     * its {@link #factory()} must be used on that reactor only. One reactor gives a server that
     * behaves exactly as {@link #MemcachedServer(Clock, long, int) the single one}.
     *
     * @param reactors     the reactors, each of which will run on its own thread (or, in a test,
     *                     all stepped by one)
     * @param memoryLimit  the most bytes all the items together may take
     * @param maxItemBytes the largest item accepted
     */
    public static List<MemcachedServer> partitioned(List<Reactor> reactors, long memoryLimit, int maxItemBytes) {
        final int count = reactors.size();
        final List<Connections<Session>> tables = new ArrayList<>(count);
        final List<Partition> partitions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final Reactor reactor = reactors.get(i);
            final Connections<Session> table = new Connections<>();
            // The shares add up to the limit: the first take one byte more of what does not divide.
            final long share = memoryLimit / count + (i < memoryLimit % count ? 1 : 0);
            tables.add(table);
            partitions.add(new Partition(reactor, new Store(reactor.clock(), share, maxItemBytes), new ServerStats(table)));
        }
        final List<MemcachedServer> servers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            servers.add(new MemcachedServer(tables.get(i), new Partitions(partitions, i),
                    new ServerSettings(memoryLimit, maxItemBytes, count)));
        }
        return List.copyOf(servers);
    }

    /**
     * Serves on every reactor of {@code group}, the cache partitioned between them
     * ({@link #partitioned}); returns the address actually bound.
     */
    public static InetSocketAddress listen(ReactorGroup group, InetSocketAddress address, long memoryLimit,
            int maxItemBytes) {
        return listen(group, address, memoryLimit, maxItemBytes, ConnectionLimits.DEFAULTS);
    }

    /** {@link #listen(ReactorGroup, InetSocketAddress, long, int)}, allowing clients what {@code limits} says. */
    public static InetSocketAddress listen(ReactorGroup group, InetSocketAddress address, long memoryLimit,
            int maxItemBytes, ConnectionLimits limits) {
        final List<MemcachedServer> servers = partitioned(group.reactors(), memoryLimit, maxItemBytes);
        final ListeningPort port = group.listenTcp(address, reactor -> {
            final MemcachedServer server = servers.get(group.reactors().indexOf(reactor));
            server.configure(reactor, address, limits);
            return server.factory();
        });
        port.setMaxConnections(limits.maxConnections());
        return port.localAddress();
    }

    /** Listens on {@code address}; returns the address actually bound. */
    public InetSocketAddress listen(Reactor reactor, InetSocketAddress address) {
        return listen(reactor, address, ConnectionLimits.DEFAULTS);
    }

    /** Listens on {@code address}, allowing clients what {@code limits} says; returns the address bound. */
    public InetSocketAddress listen(Reactor reactor, InetSocketAddress address, ConnectionLimits limits) {
        configure(reactor, address, limits);
        final ListeningPort port = reactor.listenTcp(address, factory());
        port.setMaxConnections(limits.maxConnections());
        return port.localAddress();
    }

    /** Applies {@code limits}' timeouts, and notes what {@code stats settings} reports of listening. */
    private void configure(Scheduler scheduler, InetSocketAddress address, ConnectionLimits limits) {
        setTimeouts(scheduler, limits.timeouts());
        settings.listening(address, limits.maxConnections());
    }

    /** The protocol factory to listen with: each connection joins this server's table. */
    public ProtocolFactory factory() {
        return connections.serve(FirstBytePeek::new, Session::new, this);
    }

    /**
     * Ends the connections that stall this server — no request for a while, a request that never
     * finishes arriving, replies that are never read — as {@code timeouts} says, on
     * {@code scheduler}'s timers (its reactor's). Applies to connections that join from now on;
     * {@code stats settings} reports the idle timeout as {@code idle_timeout}.
     */
    public void setTimeouts(Scheduler scheduler, ConnectionTimeouts timeouts) {
        connections.setTimeouts(scheduler, timeouts);
        settings.idleTimeout(timeouts.idle());
    }

    @Override
    public void onConnect(Connection<Session> connection) {
        partitions.local().stats().connectionOpened();
    }

    /** The connection's first byte: from here on, the protocol it announces reads the connection. */
    @Override
    public void onFrame(Connection<Session> connection, ByteBuffer firstByte) {
        if ((firstByte.get(firstByte.position()) & 0xFF) == BINARY_REQUEST_MAGIC) {
            connection.switchFramer(binary.newFramer(), binary);
        } else {
            connection.switchFramer(AsciiHandler.newFramer(partitions.maxItemBytes()), ascii);
        }
    }

    /**
     * The connections this server serves now (on several reactors, its own reactor's), each with
     * its transport and the framer reading it: what a test or an operator inspects — how many bytes
     * each holds, say. Reactor thread only.
     */
    public Connections<Session> connections() {
        return connections;
    }

    /** The partitions as this server's reactor sees them: which one owns a key, for tests. */
    Partitions partitions() {
        return partitions;
    }

    /** This server's own counters: the connections of its reactor. */
    public ServerStats stats() {
        return partitions.local().stats();
    }
}
