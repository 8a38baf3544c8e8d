package dev.twine.it.limits;

import dev.twine.examples.memcached.MemcachedServer;
import dev.twine.runtime.Clock;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.ListeningPort;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.runtime.Reactor;
import dev.twine.runtime.Timers;
import dev.twine.runtime.Transport;
import dev.twine.server.ConnectionTimeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The memcached example in this JVM, served by a reactor on its own thread, so that a test can look
 * inside while real clients talk to it over loopback: the connection table's size, each server-side
 * transport and how each connection ended.
 */
final class ServedMemcached implements AutoCloseable {

    private final Reactor reactor;
    private final Thread thread;
    private final MemcachedServer server;
    private final ListeningPort port;
    /** The server side of every connection, in the order they were accepted. */
    private final List<Transport> transports = new CopyOnWriteArrayList<>();
    /** How each server-side connection ended, in the order they did. */
    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();

    private ServedMemcached(ConnectionTimeouts timeouts, Timers timers) {
        reactor = Reactor.open(timers);
        server = new MemcachedServer(reactor.clock(), 64L << 20, 1 << 20);
        server.setTimeouts(reactor, timeouts);
        ProtocolFactory served = server.factory();
        port = reactor.listenTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> new Watched(served.newProtocol()));
        thread = new Thread(reactor::run, "served-memcached");
    }

    /** A server with {@code timeouts}, running on the system clock. */
    static ServedMemcached start(ConnectionTimeouts timeouts) {
        return start(timeouts, new Timers(Clock.system()));
    }

    /**
     * A server with {@code timeouts} whose reactor keeps its timers in {@code timers} — a
     * {@code ManualClock}'s, say, so that a test can count them (and no timeout ever fires).
     */
    static ServedMemcached start(ConnectionTimeouts timeouts, Timers timers) {
        ServedMemcached served = new ServedMemcached(timeouts, timers);
        served.thread.start();
        return served;
    }

    InetSocketAddress address() {
        return port.localAddress();
    }

    /** Runs {@code query} on the reactor thread, where everything it may read lives, and waits for it. */
    <T> T onReactor(Supplier<T> query) {
        try {
            return CompletableFuture.supplyAsync(query, reactor).get(20, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the reactor did not answer", e);
        }
    }

    /** Connections in the server's table now. */
    int connections() {
        return onReactor(() -> server.stats().currConnections());
    }

    ListeningPort port() {
        return port;
    }

    List<Transport> transports() {
        return transports;
    }

    List<CloseReason> closes() {
        return closes;
    }

    Reactor reactor() {
        return reactor;
    }

    /** The server itself: its connection table, say. Reactor thread only. */
    MemcachedServer memcached() {
        return server;
    }

    @Override
    public void close() throws InterruptedException {
        reactor.callFromThread(reactor::stop);
        thread.join(Duration.ofSeconds(20).toMillis());
    }

    /** Passes every call through to the server's protocol, noting its transport and its end. */
    private final class Watched implements Protocol {
        private final Protocol inner;

        Watched(Protocol inner) {
            this.inner = inner;
        }

        @Override
        public void onConnect(Transport transport) {
            transports.add(transport);
            inner.onConnect(transport);
        }

        @Override
        public void onBytes(ByteBuffer data) {
            inner.onBytes(data);
        }

        @Override
        public void onWritabilityChanged(boolean writable) {
            inner.onWritabilityChanged(writable);
        }

        @Override
        public void onClose(CloseReason reason) {
            closes.add(reason);
            inner.onClose(reason);
        }
    }

    /** Counts this process's open file descriptors (Linux: the entries of /proc/self/fd). */
    static long openFileDescriptors() throws IOException {
        try (var entries = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }
}
