package dev.twine.testing;

import dev.twine.runtime.Protocol;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A network in memory that is as unkind as a real one, and as repeatable as a unit test: from one
 * seed it cuts every write into segments and every arrival into reads of random sizes, delays each
 * segment by a random latency (a stream never overtakes itself, as TCP's does not), pushes back on
 * writers whose readers do not keep up, and resets connections at random times — and the same seed
 * does all of it the same way again, so a failure found among thousands of seeds replays exactly.
 *
 * <p>Time is simulated. The network runs on a {@link ManualClock}, {@link #clock()}: give it to the
 * code under test as its {@code Scheduler} and {@code Clock}, and its timers (request timeouts,
 * expiry, idle checks) fire at the simulated moments they fall due, in order with the network's own
 * deliveries. Nothing moves until the test says: {@link #runUntilIdle()} runs until nothing is on
 * its way, moving the clock from one event to the next; {@link #advance(Duration)} moves it by a
 * set amount.
 *
 * <pre>{@code
 * Simulations.forEachSeed(0, 2_000, seed -> {
 *     var network = new SimulatedNetwork(seed, NetworkConditions.defaults().withResets(0.1, Duration.ofMillis(50)));
 *     var server = new MemcachedServer(network.clock(), 64 << 20, 1 << 20);
 *     var client = new MemcachedClient(network.clock(), Duration.ofSeconds(1));
 *     network.connect(client, server.factory().newProtocol());
 *     client.set("k", value, 0, 0, 0).addCallbacks(onAnswer, onFailure);
 *     client.get("k").addCallbacks(onAnswer, onFailure);
 *     network.runUntilIdle();
 *     // every request was answered, or failed: none hangs
 * });
 * }</pre>
 *
 * <p>The semantics are {@link MemoryPipe}'s, which shares its transports: callbacks never nest,
 * and a write inside one leaves after it returns; {@code close()} sends what was written, then the
 * peer sees {@code PEER_CLOSED}; {@code abort()} drops what was not yet sent (segments already in
 * flight still arrive), then the peer sees {@code PEER_CLOSED}; a side that is closing reads nothing
 * more; an exception from a callback fails that side with {@code FAILED}. A reset (planned by
 * {@link NetworkConditions#resetProbability()}, or made with {@link SimulatedConnection#reset})
 * gives both sides {@code LOST}.
 *
 * <p>To watch what happens, {@link #traceTo} a consumer, or run with
 * {@code -D}{@value #TRACE_PROPERTY}{@code =true} to trace every network to standard error: one line
 * per segment sent, arrival, read, end of stream, reset and close, each with its simulated time.
 */
public final class SimulatedNetwork {

    /** The system property that, set to {@code true}, traces every network to standard error. */
    public static final String TRACE_PROPERTY = "twine.sim.trace";

    /** How long {@link #runUntilIdle()} lets a busy network run before it calls it a livelock. */
    public static final Duration DEFAULT_BUSY_LIMIT = Duration.ofMinutes(1);

    private final long seed;
    private final NetworkConditions conditions;
    private final ManualClock clock;
    private final SplittableRandom random;
    private final SplittableRandom testRandom;
    private final List<SimulatedConnection> connections = new ArrayList<>();
    private final Runnable scheduledPump = this::scheduledPump;
    private ByteBuffer readBuffer = ByteBuffer.allocate(4096);
    private int connectionsMade;
    /** Deliveries, ends, resets and pumps scheduled on the clock and not yet run. */
    private int eventsPending;
    private boolean pumpScheduled;
    /** True while the network is at work: it will look at everything again before it stops. */
    private boolean busy;
    private Consumer<? super String> tracer;

    /** A network with {@link NetworkConditions#defaults()} on a new {@link ManualClock}. */
    public SimulatedNetwork(long seed) {
        this(seed, NetworkConditions.defaults());
    }

    /** A network with these conditions on a new {@link ManualClock}. */
    public SimulatedNetwork(long seed, NetworkConditions conditions) {
        this(seed, conditions, new ManualClock());
    }

    /**
     * A network with these conditions on {@code clock}, which it then drives: move time with this
     * network's {@link #advance} and {@link #runUntilIdle}, or with the clock's own
     * {@link ManualClock#advance}, which runs the network's deliveries too.
     */
    public SimulatedNetwork(long seed, NetworkConditions conditions, ManualClock clock) {
        this.seed = seed;
        this.conditions = Objects.requireNonNull(conditions, "conditions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = new SplittableRandom(seed);
        this.testRandom = random.split();
        if (Boolean.getBoolean(TRACE_PROPERTY)) {
            traceTo(System.err::println);
        }
    }

    /** The seed everything random here comes from. */
    public long seed() {
        return seed;
    }

    public NetworkConditions conditions() {
        return conditions;
    }

    /**
     * The simulated clock: the {@code Scheduler} and {@code Clock} to give the code under test. Its
     * {@link ManualClock#pendingCalls()} counts the network's own scheduled deliveries too.
     */
    public ManualClock clock() {
        return clock;
    }

    /**
     * A generator for the test's own choices (what to send, when to wait), determined by the seed
     * and independent of the network's: a test that draws from it replays with the seed too.
     */
    public SplittableRandom random() {
        return testRandom;
    }

    /**
     * Sends one line per network event to {@code tracer}, each starting with the simulated time.
     *
     * @return this network
     */
    public SimulatedNetwork traceTo(Consumer<? super String> tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        trace("seed " + seed + ", " + conditions);
        return this;
    }

    /**
     * Connects {@code client} to {@code server}: both hear {@code onConnect} now, server first (or,
     * when called from inside a callback, once it returns: callbacks never nest); their bytes move
     * when the test lets time run. Any number of connections may be open at once.
     */
    public SimulatedConnection connect(Protocol client, Protocol server) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        SimulatedConnection connection = new SimulatedConnection(this, ++connectionsMade, client, server);
        connections.add(connection);
        if (isTracing()) {
            trace(connection + " connects " + connection.client().localAddress() + " to "
                    + connection.server().localAddress());
        }
        if (!busy) {
            connection.open();
        }
        wake();
        return connection;
    }

    /**
     * Runs the network until nothing is on its way, moving the clock from each event to the next;
     * the code under test's timers that fall due meanwhile run at their moments. Timers due after
     * the last delivery stay scheduled: {@link #advance} reaches them.
     *
     * @throws IllegalStateException if the network is still busy after {@link #DEFAULT_BUSY_LIMIT}
     *     of simulated time: a conversation that never ends
     */
    public void runUntilIdle() {
        runUntilIdle(DEFAULT_BUSY_LIMIT);
    }

    /**
     * As {@link #runUntilIdle()}, giving up after {@code limit} of simulated time.
     *
     * @throws IllegalStateException if the network is still busy after {@code limit}
     */
    public void runUntilIdle(Duration limit) {
        long giveUpAt = clock.nanoTime() + limit.toNanos();
        while (eventsPending > 0) {
            long next = clock.timers().nextDeadline();
            if (next - giveUpAt > 0) {
                throw new IllegalStateException("seed " + seed + ": the network is still busy after " + limit
                        + " of simulated time; does the conversation ever end?");
            }
            clock.advance(Duration.ofNanos(Math.max(0, next - clock.nanoTime())));
        }
    }

    /**
     * Moves simulated time forward by {@code amount}, running every delivery and timer that falls
     * due on the way, each at its moment.
     */
    public void advance(Duration amount) {
        clock.advance(amount);
    }

    /** True when nothing is on its way and nothing waits to be carried out. */
    public boolean isIdle() {
        return eventsPending == 0;
    }

    @Override
    public String toString() {
        return "SimulatedNetwork[seed " + seed + ", " + clock + "]";
    }

    // ---------------------------------------------------------------------------------------------
    // For connections and streams

    /**
     * Something changed outside the network's own work (a write from the test or from a timer, a
     * close, a resume): look at everything again, now, once the current call returns.
     */
    void wake() {
        if (!busy && !pumpScheduled) {
            pumpScheduled = true;
            eventsPending++;
            clock.callLater(Duration.ZERO, scheduledPump);
        }
    }

    /** Runs {@code event} {@code delayNanos} from now, then does whatever it made possible. */
    void schedule(long delayNanos, Runnable event) {
        eventsPending++;
        clock.callLater(Duration.ofNanos(delayNanos), () -> {
            eventsPending--;
            busy = true;
            try {
                event.run();
            } finally {
                busy = false;
            }
            pump();
        });
    }

    private void scheduledPump() {
        pumpScheduled = false;
        eventsPending--;
        pump();
    }

    /** Steps every connection, round after round, until none has anything left to do now. */
    private void pump() {
        if (busy) {
            return;
        }
        busy = true;
        try {
            boolean acted = true;
            while (acted) {
                acted = false;
                for (int i = 0; i < connections.size(); i++) {
                    acted |= connections.get(i).step();
                }
            }
            connections.removeIf(SimulatedConnection::retireIfFinished);
        } finally {
            busy = false;
        }
    }

    /**
     * The size of the next cut of {@code available} bytes, from 1 to {@code max}. One cut in four
     * is at most 8 bytes, so that boundaries inside headers and length fields come up often.
     */
    int cut(int available, int max) {
        int bound = Math.min(available, max);
        if (bound > 8 && random.nextInt(4) == 0) {
            bound = 8;
        }
        return 1 + random.nextInt(bound);
    }

    /** A latency within the conditions' bounds. */
    long latencyNanos() {
        return uniform(conditions.minLatency().toNanos(), conditions.maxLatency().toNanos());
    }

    /** A number from {@code min} to {@code max}, both included. */
    long uniform(long min, long max) {
        return min + random.nextLong(max - min + 1);
    }

    /** True with probability {@code p}. */
    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** The buffer each read is handed in, cleared, with room for {@code size} bytes. */
    ByteBuffer readBuffer(int size) {
        if (readBuffer.capacity() < size) {
            readBuffer = ByteBuffer.allocate(Math.max(size, readBuffer.capacity() * 2));
        }
        return readBuffer.clear();
    }

    boolean isTracing() {
        return tracer != null;
    }

    void trace(String event) {
        if (tracer != null) {
            tracer.accept(millis(clock.nanoTime()) + "  " + event);
        }
    }

    /** A simulated time as milliseconds, to the nanosecond. */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.6f ms", nanos / 1e6);
    }
}
