package dev.twine.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A single-threaded event loop over one {@link Selector}: it accepts and connects sockets, moves
 * their bytes, and runs timers, all on one thread.
 *
 * <h2>One thread, for life</h2>
 * A reactor belongs to the thread that created it, until {@link #run()} hands it to the thread
 * that runs it. Every method except {@link #callFromThread(Runnable)} (and {@link #execute}, the
 * same thing) must be called on that thread and throws {@link IllegalStateException} elsewhere, so
 * a confinement mistake fails at once instead of racing. Nothing a reactor calls blocks, and
 * callbacks never nest: between two statements of a handler nothing else runs. Effects that a
 * callback asks for (sending writes, closing, telling protocols) run after it returns, before the
 * reactor does anything else. Several CPUs: several reactors, one per thread.
 *
 * <pre>{@code
 * Reactor reactor = Reactor.open();
 * reactor.listenTcp(new InetSocketAddress(7000), Echo::new);
 * reactor.run(); // until reactor.stop(), called from a callback or via callFromThread
 * }</pre>
 *
 * <h2>Stepping, for tests</h2>
 * {@link #runOnce(Duration)} performs one turn of the loop and {@link #runUntil(BooleanSupplier,
 * Duration)} turns it until a condition holds; both run on the calling (owning) thread, so a test
 * drives real sockets without a second thread. {@link #close()} shuts down a reactor that was only
 * stepped. With a {@code ManualClock}'s timers ({@link #open(Timers)}), time moves only when the
 * test advances it.
 *
 * <h2>Failures</h2>
 * An exception from a protocol callback aborts that connection alone, with the exception as its
 * {@link CloseReason}; one from a timer or a task is logged. Either way the reactor keeps running.
 * Logging goes through {@link System.Logger} under this class's name.
 */
public final class Reactor implements Scheduler, Executor, AutoCloseable {

    static final System.Logger LOG = System.getLogger(Reactor.class.getName());

    /** Bytes read from a socket in one system call; the view handed to {@link Protocol#onBytes}. */
    static final int READ_BUFFER_SIZE = 64 * 1024;

    /** Tasks from other threads run per turn at most, so a flood of them cannot starve I/O. */
    private static final int MAX_TASKS_PER_TURN = 1024;

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final Selector selector;
    private final Timers timers;
    private final ConcurrentLinkedQueue<Runnable> fromOtherThreads = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private final Consumer<SelectionKey> dispatcher = this::dispatch;
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    final ChunkPool chunks = new ChunkPool();

    private volatile Thread owner;
    private volatile boolean closed;
    private volatile boolean running;
    private boolean ran;
    private boolean stopRequested;
    /** Inside {@link #turn}: callbacks run here, so stepping again would nest them. */
    private boolean turning;
    /** {@link #close()} was called from a callback; shut down when the turn ends. */
    private boolean closeRequested;

    private Reactor(Timers timers) {
        this.timers = Objects.requireNonNull(timers, "timers");
        this.owner = Thread.currentThread();
        timers.bindTo(this::checkThread, this::runTimerTask);
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /** A reactor on the system clock, owned by the calling thread until {@link #run()}. */
    public static Reactor open() {
        return new Reactor(new Timers(Clock.system()));
    }

    /**
     * A reactor whose timers live in {@code timers} — typically a {@code ManualClock}'s, so that
     * advancing the test's clock fires the reactor's timers.
     */
    public static Reactor open(Timers timers) {
        return new Reactor(timers);
    }

    // ---------------------------------------------------------------------------------------------
    // Running

    /**
     * Runs the loop on the calling thread until {@link #stop()}, then shuts down: listeners close,
     * connections get a last chance to flush and are closed with {@link CloseReason.Kind#SHUTDOWN},
     * timers are dropped. A reactor runs once; the calling thread owns it from now on.
     *
     * @throws IllegalStateException if it already ran or is closed
     */
    public void run() {
        if (turning) {
            throw new IllegalStateException("run() cannot be called from a reactor callback: the loop"
                    + " is already turning, and callbacks never nest");
        }
        if (closed || ran) {
            throw new IllegalStateException("a reactor runs once; this one already ran or is closed");
        }
        owner = Thread.currentThread();
        ran = true;
        running = true;
        try {
            while (!stopRequested) {
                turn(Long.MAX_VALUE);
            }
        } finally {
            running = false;
            shutdown();
        }
    }

    /**
     * Makes {@link #run()} return after the current turn; does nothing unless {@code run()} is
     * looping (a stepped reactor ends with {@link #close()}). From another thread, use
     * {@code callFromThread(reactor::stop)}.
     */
    public void stop() {
        checkThread();
        if (running) {
            stopRequested = true;
        }
    }

    /**
     * One turn of the loop: deferred effects, tasks from other threads, due timers, then one select
     * that waits at most {@code maxWait} (less if a timer falls due sooner) and dispatches what is
     * ready.
     *
     * @return how many things ran: tasks, timers and ready channels
     * @throws IllegalStateException from inside a callback: stepping there would nest callbacks
     */
    public int runOnce(Duration maxWait) {
        checkOpen();
        return turn(maxWait.toNanos());
    }

    /**
     * Turns the loop until {@code condition} holds or {@code timeout} of real time has passed.
     *
     * @return the condition's last answer
     * @throws IllegalStateException from inside a callback: stepping there would nest callbacks
     */
    public boolean runUntil(BooleanSupplier condition, Duration timeout) {
        checkOpen();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed) { // a callback may have closed the reactor
                return condition.getAsBoolean();
            }
            turn(Math.min(left, Duration.ofMillis(50).toNanos()));
        }
        return true;
    }

    /** True while {@link #run()} is looping. */
    public boolean isRunning() {
        return running;
    }

    /** True once the reactor has shut down; it can do nothing more. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Shuts down a reactor that was stepped rather than run (see {@link #run()} for what shutting
     * down does). From a callback, or while {@link #run()} loops, the shutdown happens when the
     * current turn (or {@code ManualClock} timer) ends. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkThread();
        if (turning) {
            closeRequested = true;
            stopRequested = true;
        } else {
            shutdown();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Threads

    /**
     * Runs {@code task} on the reactor thread, soon, in the order tasks were submitted — the one
     * method any thread may call. It wakes the reactor if it is waiting in select.
     *
     * @throws IllegalStateException if the reactor is closed (a task submitted while it closes may
     *     be dropped)
     */
    public void callFromThread(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new IllegalStateException("the reactor is closed");
        }
        fromOtherThreads.add(task);
        if (Thread.currentThread() != owner && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** The same as {@link #callFromThread(Runnable)}, so a reactor can be an {@link Executor}. */
    @Override
    public void execute(Runnable task) {
        callFromThread(task);
    }

    /** True on the thread that owns this reactor. */
    public boolean isReactorThread() {
        return Thread.currentThread() == owner;
    }

    // ---------------------------------------------------------------------------------------------
    // Time

    @Override
    public Clock clock() {
        return timers.clock();
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable task) {
        checkOpen();
        return timers.callLater(delay, task);
    }

    @Override
    public DelayedCall callRepeating(Duration interval, Runnable task) {
        checkOpen();
        return timers.callRepeating(interval, task);
    }

    // ---------------------------------------------------------------------------------------------
    // Sockets

    /**
     * Listens on {@code address} (port 0 picks a free port; see {@link ListeningPort#localAddress()})
     * and gives each accepted connection a protocol from {@code factory}.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public ListeningPort listenTcp(InetSocketAddress address, ProtocolFactory factory) {
        checkOpen();
        Objects.requireNonNull(factory, "factory");
        return listen(address, false, channel -> adoptAccepted(channel, factory));
    }

    /**
     * Listens on {@code address}, with {@code SO_REUSEPORT} if asked, and hands each accepted socket
     * to {@code onAccepted} on this thread: to {@link #adoptAccepted} here, or to another reactor of
     * a {@link ReactorGroup}.
     */
    ListeningPort listen(InetSocketAddress address, boolean reusePort, Consumer<SocketChannel> onAccepted) {
        checkOpen();
        try {
            return TcpListener.open(this, selector, address, reusePort, onAccepted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes an accepted socket a connection of this reactor, with a protocol from {@code factory};
     * the socket is closed if the factory refuses it or fails. On this reactor's thread: the one
     * that accepted it, or the one a {@link ReactorGroup} handed it to.
     */
    void adoptAccepted(SocketChannel channel, ProtocolFactory factory) {
        Protocol protocol;
        try {
            protocol = factory.newProtocol();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "protocol factory for " + channel.socket().getLocalSocketAddress()
                    + " failed; connection refused", t);
            protocol = null;
        }
        try {
            if (protocol == null) {
                channel.close();
            } else {
                adopt(channel, null, protocol);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "accepted connection failed at once", e);
            TcpListener.closeQuietly(channel);
        }
    }

    /** {@link #connectTcp(InetSocketAddress, Duration, Protocol, Consumer)} with a 30-second timeout. */
    public ConnectAttempt connectTcp(InetSocketAddress remote, Protocol protocol,
            Consumer<? super IOException> onFailed) {
        return connectTcp(remote, DEFAULT_CONNECT_TIMEOUT, protocol, onFailed);
    }

    /**
     * Connects to {@code remote} without blocking. On success {@code protocol} gets
     * {@link Protocol#onConnect}; on failure, or when {@code timeout} passes first, {@code onFailed}
     * gets the reason (a {@link java.net.SocketTimeoutException} for the timeout) and the protocol is
     * never called. Either happens after the current callback returns, never inside this call.
     *
     * @param remote a resolved address: name resolution blocks, so do it before, off the reactor
     * @throws IllegalArgumentException if {@code remote} is unresolved or {@code timeout} is not
     *     positive; nothing is attempted then
     */
    public ConnectAttempt connectTcp(InetSocketAddress remote, Duration timeout, Protocol protocol,
            Consumer<? super IOException> onFailed) {
        checkOpen();
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(onFailed, "onFailed");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException(remote + " is unresolved: resolve it off the reactor"
                    + " thread first (name lookup blocks)");
        }
        return TcpConnectAttempt.start(this, selector, remote, timeout, protocol, onFailed);
    }

    /**
     * Turns a connected channel into a live connection: non-blocking, no Nagle delay (writes are
     * already batched per callback), registered for reading, and its protocol told.
     */
    void adopt(SocketChannel channel, SelectionKey key, Protocol protocol) throws IOException {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        SelectionKey registered = key != null ? key : channel.register(selector, 0);
        SocketConnection connection = new SocketConnection(this, channel, registered, protocol);
        registered.attach(connection);
        connection.start();
    }

    // ---------------------------------------------------------------------------------------------
    // The loop

    /** Queues {@code work} to run after the current callback returns, before anything else. */
    void defer(Runnable work) {
        deferred.addLast(work);
    }


    private int turn(long maxWaitNanos) {
        checkThread();
        if (turning) {
            throw new IllegalStateException("runOnce and runUntil cannot be called from a reactor"
                    + " callback: the loop is already turning, and callbacks never nest");
        }
        turning = true;
        CallbackContext context = CallbackContext.ofThisThread();
        Reactor outer = context.enter(this);
        try {
            return turnOnce(maxWaitNanos);
        } finally {
            turning = false;
            context.exit(outer);
            if (closeRequested && !running) {
                shutdown();
            }
        }
    }

    private int turnOnce(long maxWaitNanos) {
        int work = runDeferred();
        work += runTasksFromOtherThreads();
        work += runDueTimers();
        long wait = maxWaitNanos;
        wakeupPending.set(false);
        if (!fromOtherThreads.isEmpty() || !deferred.isEmpty() || (running && stopRequested)) {
            wait = 0;
        } else {
            wait = Math.min(wait, timers.nanosUntilNextDue(timers.clock().nanoTime()));
        }
        try {
            work += wait <= 0 ? selector.selectNow(dispatcher) : selector.select(dispatcher, toMillis(wait));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "select failed", e);
        }
        return work;
    }

    private static long toMillis(long nanos) {
        if (nanos > Long.MAX_VALUE - 999_999) {
            return 0; // select(action, 0) waits with no timeout
        }
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    private void dispatch(SelectionKey key) {
        try {
            if (key.isValid()) {
                ((IoHandler) key.attachment()).onReady(key.readyOps());
            }
        } catch (CancelledKeyException closedMeanwhile) {
            // An earlier callback in this batch closed the channel; nothing left to do for it.
        }
        runDeferred();
    }

    /** Carries out deferred work now: a callback has just returned. */
    int runDeferred() {
        int n = 0;
        Runnable work;
        while ((work = deferred.pollFirst()) != null) {
            try {
                work.run();
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "deferred reactor work failed", t);
            }
            n++;
        }
        return n;
    }

    private int runTasksFromOtherThreads() {
        int n = 0;
        Runnable task;
        while (n < MAX_TASKS_PER_TURN && (task = fromOtherThreads.poll()) != null) {
            runGuarded(task, "task from another thread");
            n++;
        }
        return n;
    }

    private int runDueTimers() {
        long now = timers.clock().nanoTime();
        // Only what was scheduled when the turn began: a timer that keeps re-arming at zero delay
        // must not keep this turn from reaching select.
        int budget = timers.size();
        int n = 0;
        while (n < budget && timers.runNextDue(now)) {
            n++;
        }
        return n;
    }

    /**
     * Runs one timer task as a callback: failures logged, its effects carried out before anything
     * else. A {@code ManualClock}'s {@code advance} calls this outside any turn, so it then stands
     * for the turn itself (stepping from inside is refused, a close waits until it returns).
     */
    private void runTimerTask(Runnable task) {
        boolean outsideTurn = !turning;
        turning = true;
        CallbackContext context = CallbackContext.ofThisThread();
        Reactor outer = outsideTurn ? context.enter(this) : this;
        try {
            task.run();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "timer failed", t);
        } finally {
            runDeferred();
            if (outsideTurn) {
                context.exit(outer);
                turning = false;
                if (closeRequested && !running) {
                    shutdown();
                }
            }
        }
    }

    private void runGuarded(Runnable task, String what) {
        try {
            task.run();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, what + " failed", t);
        }
        runDeferred();
    }

    private void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        // Connections hear onClose here; what their callbacks fail is checked like any callback's.
        CallbackContext context = CallbackContext.ofThisThread();
        Reactor outer = context.enter(this);
        try {
            for (SelectionKey key : new ArrayList<>(selector.keys())) {
                Object handler = key.attachment();
                if (handler instanceof IoHandler) {
                    ((IoHandler) handler).shutdown();
                }
            }
            runDeferred();
        } finally {
            context.exit(outer);
        }
        timers.clear();
        Runnable task;
        while ((task = fromOtherThreads.poll()) != null) {
            if (task instanceof ChannelHandover) {
                ((ChannelHandover) task).release(); // a socket handed over from another reactor, never adopted
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the selector failed", e);
        }
    }

    void checkThread() {
        Thread current = Thread.currentThread();
        if (current != owner) {
            throw new IllegalStateException("this reactor belongs to thread '" + owner.getName()
                    + "' and was called from '" + current.getName()
                    + "'; use callFromThread to reach it from another thread");
        }
    }

    private void checkOpen() {
        checkThread();
        if (closed) {
            throw new IllegalStateException("the reactor is closed");
        }
    }
}
