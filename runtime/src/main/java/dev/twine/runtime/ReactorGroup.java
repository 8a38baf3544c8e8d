package dev.twine.runtime;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Several reactors, one per thread, started and stopped together: how Twine uses several CPUs.
 * Each reactor keeps its own selector, timers and connections, and every connection stays on the
 * reactor that adopted it for life, so code on one reactor is exactly as single-threaded as with
 * one reactor. Reactors talk only through {@link Reactor#callFromThread} and {@link Mailbox}.
 *
 * <pre>{@code
 * try (ReactorGroup group = ReactorGroup.start(4)) {
 *     group.listenTcp(new InetSocketAddress(7000), reactor -> {
 *         Connections<Session> table = new Connections<>();     // one table per reactor
 *         return table.serve(() -> LengthPrefixed.int32(1 << 20), Session::new, new Handler(reactor));
 *     });
 *     group.awaitTermination(Duration.ofDays(365));             // until something calls group.stop()
 * }
 * }</pre>
 *
 * The group's own methods are for threads outside it (a {@code main}, a test); {@link #stop()} and
 * {@link #awaitTermination} may also be called from anywhere else. Calls that wait for the
 * reactors — {@link #listenTcp} and {@link #close()} — refuse to run on one of the group's own
 * threads, where they would wait for themselves.
 */
public final class ReactorGroup implements AutoCloseable {

    private final List<Reactor> reactors;
    private final List<Thread> threads;

    private ReactorGroup(List<Reactor> reactors, List<Thread> threads) {
        this.reactors = reactors;
        this.threads = threads;
    }

    /** {@link #start(int, String)} with threads named {@code twine-reactor-0}, {@code -1}, … */
    public static ReactorGroup start(int size) {
        return start(size, "twine-reactor");
    }

    /**
     * Opens {@code size} reactors and runs each on a new thread named {@code name-<index>}; returns
     * once every one is running on its thread (so no call from here can race its loop). The threads
     * are not daemons: the group keeps the JVM alive until it stops.
     *
     * @throws IllegalArgumentException unless {@code size} is positive
     */
    public static ReactorGroup start(int size, String name) {
        if (size < 1) {
            throw new IllegalArgumentException("a reactor group needs at least one reactor, not " + size);
        }
        Objects.requireNonNull(name, "name");
        List<Reactor> reactors = new ArrayList<>(size);
        List<Thread> threads = new ArrayList<>(size);
        CountDownLatch running = new CountDownLatch(size);
        try {
            for (int i = 0; i < size; i++) {
                Reactor reactor = Reactor.open();
                reactors.add(reactor);
                reactor.callFromThread(running::countDown); // its first turn: run() has taken it over
                threads.add(new Thread(reactor::run, name + "-" + i));
            }
        } catch (RuntimeException e) {
            reactors.forEach(Reactor::close); // none runs yet: this thread still owns them
            throw e;
        }
        threads.forEach(Thread::start);
        try {
            running.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the reactor group", e);
        }
        return new ReactorGroup(List.copyOf(reactors), List.copyOf(threads));
    }

    /** How many reactors (and threads) the group has. */
    public int size() {
        return reactors.size();
    }

    /** The reactor at {@code index}, 0 to {@code size() - 1}. */
    public Reactor reactor(int index) {
        return reactors.get(index);
    }

    /** The reactors, in index order. */
    public List<Reactor> reactors() {
        return reactors;
    }

    /** {@link #listenTcp(InetSocketAddress, AcceptStrategy, Function)} with {@link AcceptStrategy#ACCEPTOR}. */
    public ListeningPort listenTcp(InetSocketAddress address, Function<? super Reactor, ? extends ProtocolFactory> factories) {
        return listenTcp(address, AcceptStrategy.ACCEPTOR, factories);
    }

    /**
     * Listens on {@code address} for the whole group: each accepted connection goes to one reactor,
     * as {@code strategy} decides, and gets its protocol from that reactor's factory. Each reactor's
     * factory is made once, by {@code factories}, on that reactor's thread — the place for state
     * that belongs to one reactor, such as its {@link dev.twine.server.Connections} table. Returns
     * once every reactor that listens is listening.
     *
     * <p>The port's {@link ListeningPort#close()} may be called from any thread: each listening
     * reactor stops accepting at its next turn.
     *
     * @throws UnsupportedOperationException if {@code strategy} is not {@linkplain
     *     AcceptStrategy#isSupported() supported} here
     * @throws java.io.UncheckedIOException if the address cannot be bound
     * @throws IllegalStateException on one of the group's threads, or if the group has stopped
     */
    public ListeningPort listenTcp(InetSocketAddress address, AcceptStrategy strategy,
            Function<? super Reactor, ? extends ProtocolFactory> factories) {
        checkOutsideGroup("listenTcp");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(factories, "factories");
        if (!strategy.isSupported()) {
            throw new UnsupportedOperationException(strategy + " is not supported on this system; use "
                    + AcceptStrategy.ACCEPTOR);
        }
        return strategy == AcceptStrategy.ACCEPTOR
                ? listenWithAcceptor(address, factories)
                : listenWithReusePort(address, factories);
    }

    private ListeningPort listenWithAcceptor(InetSocketAddress address,
            Function<? super Reactor, ? extends ProtocolFactory> factories) {
        ProtocolFactory[] perReactor = new ProtocolFactory[reactors.size()];
        for (int i = 0; i < perReactor.length; i++) {
            Reactor reactor = reactors.get(i);
            perReactor[i] = onThreadOf(reactor, () -> Objects.requireNonNull(factories.apply(reactor), "factory"));
        }
        Reactor acceptor = reactors.get(0);
        RoundRobin handOut = new RoundRobin(perReactor);
        ListeningPort port = onThreadOf(acceptor, () -> acceptor.listen(address, false, handOut::handOver));
        return new GroupPort(port.localAddress(), List.of(acceptor), List.of(port));
    }

    private ListeningPort listenWithReusePort(InetSocketAddress address,
            Function<? super Reactor, ? extends ProtocolFactory> factories) {
        List<ListeningPort> ports = new ArrayList<>(reactors.size());
        try {
            // The first binds what was asked (port 0 picks a port); the rest join that very port.
            InetSocketAddress bound = address;
            for (Reactor reactor : reactors) {
                InetSocketAddress target = bound;
                ports.add(onThreadOf(reactor, () -> {
                    ProtocolFactory factory = Objects.requireNonNull(factories.apply(reactor), "factory");
                    return reactor.listen(target, true, (channel, slot) -> reactor.adoptAccepted(channel, slot, factory));
                }));
                bound = ports.get(0).localAddress();
            }
        } catch (RuntimeException e) {
            new GroupPort(address, reactors.subList(0, ports.size()), ports).close();
            throw e;
        }
        return new GroupPort(ports.get(0).localAddress(), reactors, ports);
    }

    /**
     * Asks every reactor to stop; from any thread, and does not wait (see {@link #awaitTermination}).
     * Each shuts down as {@link Reactor#run()} describes. Calling it again does nothing more.
     */
    public void stop() {
        for (Reactor reactor : reactors) {
            try {
                reactor.callFromThread(reactor::stop);
            } catch (IllegalStateException alreadyClosed) {
                // It has stopped: nothing to ask.
            }
        }
    }

    /**
     * Waits until every reactor's thread has ended, or {@code timeout} has passed.
     *
     * @return true if all have ended
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, left / 1_000_000));
            }
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops every reactor and waits for their threads to end. From one of the group's own reactors,
     * use {@link #stop()}: waiting there would wait forever.
     *
     * @throws IllegalStateException on one of the group's threads
     */
    @Override
    public void close() {
        checkOutsideGroup("close");
        stop();
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkOutsideGroup(String method) {
        for (Reactor reactor : reactors) {
            if (reactor.isReactorThread()) {
                throw new IllegalStateException(method + "() waits for the group's reactors, so it cannot run on one"
                        + " of them (this is " + Thread.currentThread().getName() + ")");
            }
        }
    }

    /** Runs {@code work} on {@code reactor}'s thread and waits for its result, rethrowing its failure. */
    private static <V> V onThreadOf(Reactor reactor, Supplier<V> work) {
        try {
            return CompletableFuture.supplyAsync(work, reactor).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw e;
        }
    }

    /** The acceptor's side of {@link AcceptStrategy#ACCEPTOR}: each socket to the next reactor in turn. */
    private final class RoundRobin {
        private final ProtocolFactory[] factories;
        /** Touched only on the acceptor's thread. */
        private int next;

        RoundRobin(ProtocolFactory[] factories) {
            this.factories = factories;
        }

        void handOver(SocketChannel channel, ConnectionSlot slot) {
            int index = next;
            next = (index + 1) % factories.length;
            Reactor target = reactors.get(index);
            if (target.isReactorThread()) {
                target.adoptAccepted(channel, slot, factories[index]); // the acceptor's own share
                return;
            }
            ChannelHandover handover = new ChannelHandover(target, channel, slot, factories[index]);
            try {
                target.callFromThread(handover);
            } catch (IllegalStateException targetClosed) {
                handover.release();
            }
        }
    }

    /** The group's listening port: one listener per listening reactor, closed on each one's thread. */
    private static final class GroupPort implements ListeningPort {
        private final InetSocketAddress localAddress;
        private final List<Reactor> owners;
        private final List<ListeningPort> ports;
        private volatile boolean open = true;
        private volatile int maxConnections = Integer.MAX_VALUE;

        GroupPort(InetSocketAddress localAddress, List<Reactor> owners, List<ListeningPort> ports) {
            this.localAddress = localAddress;
            this.owners = List.copyOf(owners);
            this.ports = List.copyOf(ports);
        }

        @Override
        public InetSocketAddress localAddress() {
            return localAddress;
        }

        @Override
        public void close() {
            open = false;
            for (int i = 0; i < ports.size(); i++) {
                try {
                    owners.get(i).callFromThread(ports.get(i)::close);
                } catch (IllegalStateException reactorClosed) {
                    // Its listener closed with it.
                }
            }
        }

        @Override
        public boolean isOpen() {
            return open && ports.stream().anyMatch(ListeningPort::isOpen);
        }

        /** From any thread: each listener takes the limit on its own reactor's thread. */
        @Override
        public void setMaxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("a listener must allow at least one connection, not " + max);
            }
            maxConnections = max;
            for (int i = 0; i < ports.size(); i++) {
                ListeningPort port = ports.get(i);
                try {
                    owners.get(i).callFromThread(() -> port.setMaxConnections(max));
                } catch (IllegalStateException reactorClosed) {
                    // Its listener closed with it.
                }
            }
        }

        @Override
        public int maxConnections() {
            return maxConnections;
        }

        @Override
        public String toString() {
            return "ListeningPort[" + localAddress + ", " + ports.size() + " listener(s)]";
        }
    }
}
