package dev.twine.client;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.ConnectAttempt;
import dev.twine.runtime.Deferred;
import dev.twine.runtime.DelayedCall;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Scheduler;
import dev.twine.runtime.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Keeps one connection to a server up: connects, and whenever an attempt fails or the connection
 * is lost, tries again after a {@link Backoff} delay (Twisted's {@code ClientService} and
 * {@code ReconnectingClientFactory}). Each connection gets a fresh protocol from
 * {@code protocols}.
 *
 * <pre>{@code
 * var client = new ReconnectingClient<>(reactor,
 *         Connector.tcp(reactor, new InetSocketAddress(loopback, 11211), Duration.ofSeconds(5)),
 *         CacheProtocol::new,
 *         Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30)),
 *         new SplittableRandom());
 * client.start();
 * client.whenConnected()
 *       .withTimeout(Duration.ofSeconds(10), reactor)
 *       .addDeferredCallback(cache -> cache.get("greeting"));
 * }</pre>
 *
 * <h2>The schedule</h2>
 * {@link #start()} makes the first attempt at once. Every later attempt comes after a wait, and the
 * {@code n}th wait since the last successful connection (or since the start) lasts
 * {@code backoff.delay(n - 1)}: after a failed attempt, and also after a lost connection — so a
 * server that accepts and drops at once is not hammered. A successful connection starts the count
 * again. The jitter comes from the {@link RandomGenerator} given here: seed it, and with a
 * {@code ManualClock} a test knows every delay in advance.
 *
 * <h2>When the reactor shuts down</h2>
 * A closing reactor fails the pending attempt or closes the live connection (with
 * {@code SHUTDOWN}). The client then does not try to schedule a retry on it: it stops quietly, as if
 * {@link #stop()} had been called — waiters for a connection fail with a
 * {@link CancellationException}, and nothing is thrown or logged. The same holds whenever an attempt
 * fails or a connection is lost while the {@linkplain Scheduler#isClosed() scheduler is closed}.
 *
 * <p>Reactor thread only, like the scheduler and connector it is given.
 *
 * @param <P> the protocol type
 */
public final class ReconnectingClient<P extends Protocol> {

    private enum State { NEW, CONNECTING, CONNECTED, WAITING, STOPPING, STOPPED }

    private final Scheduler scheduler;
    private final Connector connector;
    private final Supplier<? extends P> protocols;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final List<Deferred<P>> connectWaiters = new ArrayList<>();
    private final List<Deferred<Void>> stopWaiters = new ArrayList<>();
    private State state = State.NEW;
    private int failedAttempts;
    /** Waits since the last successful connection: the next one lasts {@code backoff.delay(waits)}. */
    private int waits;
    private ConnectAttempt attempt;
    private DelayedCall retry;
    private Watched live;

    /**
     * @param scheduler the reactor (or a test's {@code ManualClock}) that times the retries
     * @param connector makes each attempt, e.g. {@link Connector#tcp}
     * @param protocols a fresh protocol for each connection
     * @param backoff   how long to wait before each retry
     * @param random    the source of the backoff's jitter
     */
    public ReconnectingClient(Scheduler scheduler, Connector connector, Supplier<? extends P> protocols,
            Backoff backoff, RandomGenerator random) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.protocols = Objects.requireNonNull(protocols, "protocols");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Makes the first attempt. A connector that throws (an unresolved address, say) stops the
     * client: the exception propagates, and so do the connect waiters' failures.
     *
     * @throws IllegalStateException if it was started before
     */
    public void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("a reconnecting client starts once; this one is " + state);
        }
        connect();
    }

    /**
     * The connected protocol: at once if connected, else when the next connection is made (its
     * protocol has had {@code onConnect}). Fails with a {@link CancellationException} if the client
     * is or gets stopped first. It waits through any number of failed attempts: give it a
     * {@link Deferred#withTimeout timeout} to bound that; cancelling it just stops the waiting.
     */
    public Deferred<P> whenConnected() {
        if (state == State.CONNECTED) {
            return Deferred.succeeded(live.protocol);
        }
        if (state == State.STOPPING || state == State.STOPPED) {
            return Deferred.failed(stopped());
        }
        return waitIn(connectWaiters);
    }

    /**
     * Stops for good: no more attempts, a pending attempt or retry is cancelled, and a live
     * connection is closed (after what was written is sent). Waiters for a connection fail with a
     * {@link CancellationException}.
     *
     * @return a {@code Deferred} that fires once the connection, if there was one, has closed
     */
    public Deferred<Void> stop() {
        switch (state) {
            case CONNECTED:
                state = State.STOPPING;
                failConnectWaiters();
                live.transport.close();
                return waitIn(stopWaiters);
            case STOPPING:
                return waitIn(stopWaiters);
            case CONNECTING:
                attempt.cancel();
                attempt = null;
                break;
            case WAITING:
                retry.cancel();
                retry = null;
                break;
            default:
                break;
        }
        state = State.STOPPED;
        failConnectWaiters();
        return Deferred.succeeded(null);
    }

    /** True while a connection is up. */
    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** Failed attempts since the last successful connection (or since {@link #start()}). */
    public int failedAttempts() {
        return failedAttempts;
    }

    private void connect() {
        retry = null;
        state = State.CONNECTING;
        try {
            attempt = connector.connect(new Watched(protocols.get()), this::attemptFailed);
        } catch (RuntimeException e) {
            state = State.STOPPED;
            fail(connectWaiters, e);
            throw e;
        }
    }

    private void attemptFailed(IOException cause) {
        attempt = null;
        failedAttempts++;
        waitThenConnect();
    }

    private void connectionLost() {
        live = null;
        if (state == State.STOPPING) {
            state = State.STOPPED;
            List<Deferred<Void>> waiting = List.copyOf(stopWaiters);
            stopWaiters.clear();
            waiting.forEach(stop -> stop.callback(null));
        } else {
            waitThenConnect();
        }
    }

    private void waitThenConnect() {
        if (scheduler.isClosed()) {
            // The reactor is shutting down: it fails pending attempts and closes connections, and
            // would run no retry. Stop, as stop() would have, without asking it for a timer.
            state = State.STOPPED;
            failConnectWaiters();
            return;
        }
        state = State.WAITING;
        retry = scheduler.callLater(backoff.delay(waits, random), this::connect);
        if (waits < Integer.MAX_VALUE) {
            waits++;
        }
    }

    private <T> Deferred<T> waitIn(List<Deferred<T>> waiters) {
        Deferred<T> waiter = new Deferred<>(waiters::remove);
        waiters.add(waiter);
        return waiter;
    }

    private void failConnectWaiters() {
        fail(connectWaiters, stopped());
    }

    private static <T> void fail(List<Deferred<T>> waiters, Throwable cause) {
        List<Deferred<T>> waiting = List.copyOf(waiters);
        waiters.clear();
        waiting.forEach(waiter -> waiter.errback(cause));
    }

    private static CancellationException stopped() {
        return new CancellationException("the reconnecting client was stopped");
    }

    /** The user's protocol, with the client listening in on its connection's start and end. */
    private final class Watched implements Protocol {
        final P protocol;
        Transport transport;

        Watched(P protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocols gave null");
        }

        @Override
        public void onConnect(Transport transport) {
            this.transport = transport;
            attempt = null;
            state = State.CONNECTED;
            failedAttempts = 0;
            waits = 0;
            live = this;
            protocol.onConnect(transport);
            List<Deferred<P>> waiting = List.copyOf(connectWaiters);
            connectWaiters.clear();
            waiting.forEach(waiter -> waiter.callback(protocol));
        }

        @Override
        public void onBytes(ByteBuffer data) {
            protocol.onBytes(data);
        }

        @Override
        public void onWritabilityChanged(boolean writable) {
            protocol.onWritabilityChanged(writable);
        }

        @Override
        public void onClose(CloseReason reason) {
            try {
                protocol.onClose(reason);
            } finally {
                connectionLost();
            }
        }
    }
}
