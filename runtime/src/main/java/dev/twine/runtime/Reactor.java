package dev.twine.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
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
import java.util.function.BiConsumer;
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
 * {@link CloseReason}; one from a timer or a task is logged. Either way the reactor keeps running —
 * for an {@link OutOfMemoryError} too, which is recoverable when the allocation that failed was one
 * connection's (a huge buffer): that connection is aborted and its memory freed. The loop also
 * outlives a selector that keeps waking up with nothing to do (the epoll spin bug): after
 * {@linkplain #setSelectorRebuildThreshold a number} of such wakeups in a row it moves every channel
 * to a new selector. Logging goes through {@link System.Logger} under this class's name.
 */
public final class Reactor implements Scheduler, Executor, AutoCloseable {

    static final System.Logger LOG = new FailSafeLogger(System.getLogger(Reactor.class.getName()));

    static {
        loadWhatRunningOutOfDescriptorsWouldBreak();
    }

    /** Bytes read from a socket in one system call; the view handed to {@link Protocol#onBytes}. */
    static final int READ_BUFFER_SIZE = 64 * 1024;

    /** Turns in a row that may fail under {@link #run()} before the loop gives up. */
    private static final int MAX_FAILED_TURNS = 100;

    /** Tasks from other threads run per turn at most, so a flood of them cannot starve I/O. */
    private static final int MAX_TASKS_PER_TURN = 1024;

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** Premature wakeups in a row that make the reactor rebuild its selector, by default (Netty's). */
    public static final int DEFAULT_SELECTOR_REBUILD_THRESHOLD = 512;

    /** Volatile: {@link #callFromThread} wakes it from other threads, and a rebuild replaces it. */
    private volatile Selector selector;
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
    private int selectorRebuildThreshold = DEFAULT_SELECTOR_REBUILD_THRESHOLD;
    /** Selects in a row that returned early with nothing to do. */
    private int prematureWakeups;
    private int selectorRebuilds;
    private SelectCall selectCall = SelectCall.ON_SELECTOR;

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

    /**
     * Loads now, while file descriptors are to be had, what the JDK would otherwise load from files
     * on first use — which may be the moment the process has run out of them ({@code EMFILE}): the
     * logging backend, and the time-zone rules that stamp the warning about it; and the native helper
     * behind closing a channel, without which no socket could be closed again to give one back.
     */
    private static void loadWhatRunningOutOfDescriptorsWouldBreak() {
        LOG.isLoggable(System.Logger.Level.WARNING);
        try {
            java.time.ZoneId.systemDefault().getRules();
        } catch (RuntimeException noTimeZoneData) {
            // A runtime image without it: log records will do without, as they do now.
        }
        try {
            SocketChannel.open().close();
        } catch (IOException | RuntimeException noSocketsHere) {
            // Then there is nothing to prepare: this process will not be closing sockets.
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
     * <p>A turn that fails outside every callback (the loop's own machinery: out of memory, say) is
     * logged and the loop turns again; after 100 failed turns in a row it gives
     * up, shuts down the same way, and throws the last failure.
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
            int failedInARow = 0;
            while (!stopRequested) {
                try {
                    turn(Long.MAX_VALUE);
                    failedInARow = 0;
                } catch (RuntimeException | Error e) {
                    // Every callback is guarded, so this is the loop's own machinery failing — out of
                    // memory, say. The next turn may well work; a loop that fails every time cannot.
                    if (++failedInARow == MAX_FAILED_TURNS) {
                        LOG.log(System.Logger.Level.ERROR, "a turn of the reactor loop failed, the "
                                + MAX_FAILED_TURNS + "th in a row; giving up: shutting the reactor down", e);
                        throw e;
                    }
                    LOG.log(System.Logger.Level.ERROR, "a turn of the reactor loop failed; carrying on", e);
                }
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

    /**
     * True once the reactor has begun to shut down (connections hear {@code onClose} after it
     * turns true); it can do nothing more.
     */
    @Override
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
        if (closed && fromOtherThreads.remove(task)) {
            // The reactor shut down between the check and the add, after draining the queue: the
            // task would never run, so the caller must hear that it was refused (a ReactorGroup
            // then closes the socket it was handing over).
            throw new IllegalStateException("the reactor is closed");
        }
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
        return listen(address, false, (channel, slot) -> adoptAccepted(channel, slot, factory));
    }

    /**
     * Listens on {@code address}, with {@code SO_REUSEPORT} if asked, and hands each accepted socket,
     * with its place under the port's connection limit, to {@code onAccepted} on this thread: to
     * {@link #adoptAccepted} here, or to another reactor of a {@link ReactorGroup}.
     */
    ListeningPort listen(InetSocketAddress address, boolean reusePort,
            BiConsumer<SocketChannel, ConnectionSlot> onAccepted) {
        checkOpen();
        try {
            return TcpListener.open(this, address, reusePort, onAccepted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes an accepted socket a connection of this reactor, with a protocol from {@code factory};
     * the socket is closed, and its slot given back, if the factory refuses it or anything fails. On
     * this reactor's thread: the one that accepted it, or the one a {@link ReactorGroup} handed it to.
     */
    void adoptAccepted(SocketChannel channel, ConnectionSlot slot, ProtocolFactory factory) {
        Protocol protocol;
        try {
            protocol = factory.newProtocol();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "protocol factory for " + channel.socket().getLocalSocketAddress()
                    + " failed; connection refused", t);
            protocol = null;
        }
        if (protocol == null) {
            TcpListener.closeQuietly(channel);
            slot.release();
            return;
        }
        try {
            adopt(channel, null, protocol, slot);
        } catch (Throwable t) {
            // An IOException (the peer is already gone), or an error making the connection: either
            // way the socket never became a connection, so nobody else will close it.
            LOG.log(t instanceof IOException ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                    "accepted connection failed at once", t);
            TcpListener.closeQuietly(channel);
            slot.release();
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
        return TcpConnectAttempt.start(this, remote, timeout, protocol, onFailed);
    }

    /**
     * Turns a connected channel into a live connection: non-blocking, no Nagle delay (writes are
     * already batched per callback), registered for reading, and its protocol told.
     */
    void adopt(SocketChannel channel, SelectionKey key, Protocol protocol, ConnectionSlot slot) throws IOException {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        SelectionKey registered = key != null ? key : channel.register(selector, 0);
        SocketConnection connection = new SocketConnection(this, channel, registered, protocol, slot);
        registered.attach(connection);
        connection.start();
    }

    /** The selector channels register with now: a rebuild replaces it. Reactor thread only. */
    Selector selector() {
        return selector;
    }

    // ---------------------------------------------------------------------------------------------
    // A selector that spins

    /**
     * Sets how many selects in a row may return early with nothing to do before the reactor moves
     * every channel to a new selector; 0 never does. The default,
     * {@value #DEFAULT_SELECTOR_REBUILD_THRESHOLD}, is Netty's for the same purpose.
     *
     * <p>A select returns early with nothing to do — no ready channel, no task, no timer due, no
     * wakeup asked for — in less than half the time it was given to wait. Once in a while that is
     * harmless; many times in a row it is the epoll bug that made Netty add this check (a selector
     * reporting a broken connection's events that no channel has, so the loop spins at full CPU
     * without serving anyone). A new selector forgets the stale events. A thread interrupt, which
     * also makes select return at once, is not counted: under {@link #run()} the reactor clears it
     * (logged at {@code DEBUG}; stop a reactor with {@link #stop()}); a thread that steps the
     * reactor keeps its interrupt.
     *
     * @throws IllegalArgumentException if {@code threshold} is negative
     */
    public void setSelectorRebuildThreshold(int threshold) {
        checkThread();
        if (threshold < 0) {
            throw new IllegalArgumentException("the threshold must be 0 (never) or more, not " + threshold);
        }
        selectorRebuildThreshold = threshold;
    }

    /** Makes each turn select through {@code call}: a test's, that fails on purpose. */
    void selectThrough(SelectCall call) {
        checkThread();
        selectCall = Objects.requireNonNull(call, "call");
    }

    /** How many times this reactor replaced its selector. */
    int selectorRebuilds() {
        return selectorRebuilds;
    }

    /** Counts a select that came back {@code waited} ns into a wait of {@code wait} ns, with {@code work} done. */
    private void watchForSpinning(int work, long wait, long waited) {
        if (Thread.currentThread().isInterrupted()) {
            if (running) {
                Thread.interrupted();
                LOG.log(System.Logger.Level.DEBUG, "the reactor thread was interrupted, which means nothing to"
                        + " a reactor (stop it with stop()); cleared, so select does not return at once forever");
            }
            prematureWakeups = 0;
            return;
        }
        boolean premature = work == 0 && wait > 0 && !wakeupPending.get() && waited < wait / 2;
        if (!premature) {
            prematureWakeups = 0;
        } else if (selectorRebuildThreshold > 0 && ++prematureWakeups >= selectorRebuildThreshold) {
            prematureWakeups = 0;
            rebuildSelector();
        }
    }

    /**
     * Moves every channel to a new selector, with the same interest and attachment (telling each
     * handler its new key), and closes the old one. If no selector can be opened, the old one stays.
     */
    private void rebuildSelector() {
        Selector old = selector;
        Selector fresh;
        try {
            fresh = Selector.open();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot open a selector to replace one that spins; keeping it", e);
            return;
        }
        int moved = 0;
        for (SelectionKey key : new ArrayList<>(old.keys())) {
            IoHandler handler = (IoHandler) key.attachment();
            try {
                int interest = key.interestOps();
                key.cancel();
                handler.rekey(key.channel().register(fresh, interest, handler));
                moved++;
            } catch (CancelledKeyException | ClosedChannelException closed) {
                // Closed by its handler, which has let go of it: nothing to move.
            }
        }
        selector = fresh;
        selectorRebuilds++;
        try {
            old.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the replaced selector failed", e);
        }
        LOG.log(System.Logger.Level.WARNING, "select kept returning early with nothing to do; moved " + moved
                + " channel(s) to a new selector");
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
        // Real time, not the timers' clock: what is measured is how long the system call blocked.
        long selectStarted = System.nanoTime();
        try {
            work += selectCall.select(selector, dispatcher, wait);
        } catch (CancelledKeyException e) {
            // Some JDKs have thrown this out of select for a key cancelled meanwhile; the next select is fine.
            LOG.log(System.Logger.Level.DEBUG, "select threw for a key cancelled meanwhile", e);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "select failed", e);
        }
        watchForSpinning(work, wait, System.nanoTime() - selectStarted);
        return work;
    }

    private void dispatch(SelectionKey key) {
        IoHandler handler = (IoHandler) key.attachment();
        try {
            if (key.isValid()) {
                handler.onReady(key.readyOps());
            }
        } catch (CancelledKeyException closedMeanwhile) {
            // An earlier callback in this batch closed the channel; nothing left to do for it.
        } catch (Throwable t) {
            // Handlers contain their own failures; this is one that got away (an error in the
            // reactor's own code for this channel). Let go of the channel, not of the loop.
            LOG.log(System.Logger.Level.ERROR, "handling " + handler + " failed; releasing it", t);
            handler.shutdown();
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
        } catch (IOException | RuntimeException | Error e) {
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
