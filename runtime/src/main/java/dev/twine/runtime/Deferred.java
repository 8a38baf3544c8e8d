package dev.twine.runtime;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A result that is not there yet, and the chain of callbacks that will process it — Twisted's
 * {@code Deferred}, single-threaded: every callback runs synchronously, on the thread that fires the
 * {@code Deferred} or adds the callback, which is the reactor's. Never on another thread, never
 * through a pool.
 *
 * <h2>One chain</h2>
 * Each {@code add…} call appends to <em>this</em> {@code Deferred}'s one chain and returns it, typed
 * for the value the chain carries from then on. When the result arrives ({@link #callback} or
 * {@link #errback}), it runs down the chain: a callback gets the value and what it returns is the
 * next value; what it throws becomes the failure, which skips callbacks until an errback takes it;
 * what an errback returns is a value again. A callback added once the result is there runs at once,
 * inside the {@code add…} call.
 *
 * <pre>{@code
 * Deferred<Reply> reply = replies.expect(id);          // fires when the answer arrives
 * reply.addCallback(Reply::text)                        // Deferred<String> from here on
 *      .addCallback(String::length)                     // Deferred<Integer>
 *      .addErrback(failure -> -1)                       // a timeout, a lost connection: -1
 *      .addCallback(length -> { log(length); return null; });
 * }</pre>
 *
 * Keep using the {@code Deferred} that the last {@code add…} returned: it is the same object, and
 * the type the earlier reference declares no longer describes the chain's value.
 *
 * <h2>Chaining</h2>
 * A callback given to {@link #addDeferredCallback} (or an errback given to
 * {@link #addDeferredErrback}) returns a {@code Deferred} of its own: the chain waits for it and
 * goes on with its result. Results are passed up iteratively, so a long run of chained
 * {@code Deferred}s that fire at once does not deepen the stack.
 *
 * <pre>{@code
 * client.whenConnected()
 *       .addDeferredCallback(protocol -> protocol.login(user))     // waits for the login reply
 *       .addDeferredCallback(session -> session.fetch("inbox"))
 *       .addCallback(inbox -> { show(inbox); return null; });
 * }</pre>
 *
 * <h2>Cancelling and timing out</h2>
 * {@link #cancel()} gives up on a result not yet there: the canceller given to the constructor
 * runs (to stop the work: cancel a connect, drop a pending request), and if it did not fire the
 * {@code Deferred} itself it fails with a {@link CancellationException}. A {@code Deferred} waiting
 * for one a callback returned passes the cancel on to it. {@link #withTimeout} cancels it after a
 * delay on a {@link Scheduler}, failing it with a {@link TimeoutException} instead.
 *
 * <h2>Failures nobody handles</h2>
 * A failure that reaches the end of the chain with no errback to take it is <em>unhandled</em>. It
 * is reported — once, to {@link #setUnhandledFailureHandler the handler}, which by default logs it
 * at {@code WARNING} under this class's name — if it is still unhandled when the reactor callback
 * in which it arose returns. Twisted reports when the garbage collector frees the
 * {@code Deferred}; Java offers no timely, deterministic hook for that, and a report must not
 * depend on when a collector runs. The end of the callback is the earliest point where the verdict
 * is certain: the code that got the {@code Deferred} has returned, having added whatever errbacks
 * it meant to — even to a {@code Deferred} that had already failed when it got it. A failure that
 * arises outside any reactor callback (in a {@code main} before {@code run()}, or a unit test that
 * drives code with no reactor) is not reported: there is no callback whose end would settle it, so
 * such code, and such a test, checks its own {@code Deferred}s.
 *
 * <h2>Threads</h2>
 * A {@code Deferred} is confined to one thread. One created inside a reactor callback belongs to
 * that reactor: firing it, adding to it or cancelling it elsewhere throws
 * {@link IllegalStateException}, so a worker thread that tries to complete it fails fast. To bring a
 * result from another thread, use {@link #fromFuture} or {@link Reactor#callFromThread}; to hand
 * one to another thread, {@link #toFuture}.
 *
 * @param <T> the type of the value the chain carries at this point
 */
public final class Deferred<T> {

    /**
     * Processes the value: returns the next value, or throws to fail the chain.
     *
     * @param <T> the value's type
     * @param <R> the next value's type
     */
    @FunctionalInterface
    public interface Callback<T, R> {
        R apply(T value) throws Throwable;
    }

    /**
     * Handles a failure: returns a value to go on with, or throws (the failure itself, or another)
     * to pass it on.
     *
     * @param <R> the type of the value it recovers with
     */
    @FunctionalInterface
    public interface Errback<R> {
        R apply(Throwable failure) throws Throwable;
    }

    /**
     * How one of several {@code Deferred}s ended, as {@link #allSettled} reports it: a value, or a
     * failure.
     *
     * @param value   the value, or {@code null} if it failed
     * @param failure what it failed with, or {@code null} if it succeeded
     * @param <T> the value's type
     */
    public record Outcome<T>(T value, Throwable failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    private static final System.Logger LOG = new FailSafeLogger(System.getLogger(Deferred.class.getName()));

    private static volatile Consumer<? super Throwable> unhandledFailureHandler = Deferred::logUnhandled;

    /** The reactor this belongs to (the one running a callback when it was made), or null. */
    private final Reactor owner;
    private final Consumer<? super Deferred<T>> canceller;
    private Link head;
    private Link tail;
    private boolean called;
    /** The result is a failure: {@link #result} holds the {@link Throwable}. */
    private boolean failed;
    private Object result;
    /** Running this chain's links; a link added meanwhile is picked up by that loop. */
    private boolean running;
    /** A callback returned this {@code Deferred}; the chain waits for its result. */
    private Deferred<?> waitingOn;
    /** Cancelled with no canceller: the producer does not know, so its later fire is dropped once. */
    private boolean suppressAlreadyCalled;
    /** Queued for the unhandled-failure check at the end of the callback. */
    private boolean checkQueued;
    private Throwable reported;

    /** A {@code Deferred} with no canceller: {@link #cancel()} just fails it. */
    public Deferred() {
        this(null);
    }

    /**
     * A {@code Deferred} whose {@link #cancel()} first calls {@code canceller}, which should stop the
     * work that would fire it, and may fire it itself (with a value it has so far, or a failure).
     */
    public Deferred(Consumer<? super Deferred<T>> canceller) {
        this(CallbackContext.currentReactor(), canceller);
    }

    private Deferred(Reactor owner, Consumer<? super Deferred<T>> canceller) {
        this.owner = owner;
        this.canceller = canceller;
    }

    /** A {@code Deferred} that belongs to {@code reactor}, for one made before that reactor's callback runs. */
    static <T> Deferred<T> ownedBy(Reactor reactor) {
        return new Deferred<>(reactor, null);
    }

    /** A {@code Deferred} that already has {@code value}. */
    public static <T> Deferred<T> succeeded(T value) {
        Deferred<T> deferred = new Deferred<>();
        deferred.callback(value);
        return deferred;
    }

    /** A {@code Deferred} that already failed with {@code failure}. */
    public static <T> Deferred<T> failed(Throwable failure) {
        Deferred<T> deferred = new Deferred<>();
        deferred.errback(failure);
        return deferred;
    }

    // ---------------------------------------------------------------------------------------------
    // Firing

    /**
     * Gives the {@code Deferred} its value and runs the chain, now, on this thread.
     *
     * @throws IllegalStateException if it has already fired (unless it was cancelled with no
     *     canceller: then this first late fire is dropped)
     */
    public void callback(T value) {
        fire(value, false);
    }

    /**
     * Fails the {@code Deferred} with {@code failure} and runs the chain, now, on this thread.
     *
     * @throws IllegalStateException if it has already fired (unless it was cancelled with no
     *     canceller: then this first late fire is dropped)
     */
    public void errback(Throwable failure) {
        fire(Objects.requireNonNull(failure, "failure"), true);
    }

    private void fire(Object outcome, boolean isFailure) {
        checkThread();
        if (called) {
            if (suppressAlreadyCalled) {
                suppressAlreadyCalled = false;
                return;
            }
            throw new IllegalStateException("this Deferred has already fired: " + this);
        }
        called = true;
        result = outcome;
        failed = isFailure;
        runChains(this);
    }

    /**
     * True once {@link #callback}, {@link #errback} or {@link #cancel} has fired it. Its chain may
     * still be waiting for a {@code Deferred} that a callback returned.
     */
    public boolean isFired() {
        return called;
    }

    // ---------------------------------------------------------------------------------------------
    // Adding to the chain

    /**
     * Appends a callback for the value; a failure passes it by.
     *
     * @return this {@code Deferred}, now carrying what {@code callback} returns
     */
    public <R> Deferred<R> addCallback(Callback<? super T, ? extends R> callback) {
        Objects.requireNonNull(callback, "callback");
        return addLink(new Link(untyped(callback), null, false));
    }

    /**
     * Appends an errback; a value passes it by. It recovers by returning a value, or passes the
     * failure on by throwing.
     *
     * <pre>{@code
     * reply.addErrback(failure -> {
     *     if (failure instanceof TimeoutException) {
     *         return Reply.EMPTY;
     *     }
     *     throw failure;
     * });
     * }</pre>
     */
    public Deferred<T> addErrback(Errback<? extends T> errback) {
        Objects.requireNonNull(errback, "errback");
        return addLink(new Link(null, untypedErrback(errback), false));
    }

    /**
     * Appends a callback and an errback side by side: exactly one of them runs, so the errback does
     * not see what the callback throws (Twisted's {@code addCallbacks}).
     */
    public <R> Deferred<R> addCallbacks(Callback<? super T, ? extends R> callback, Errback<? extends R> errback) {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(errback, "errback");
        return addLink(new Link(untyped(callback), untypedErrback(errback), false));
    }

    /**
     * Appends a callback that returns a {@code Deferred}: the chain waits for it and goes on with
     * its result, value or failure.
     *
     * @return this {@code Deferred}, now carrying the returned {@code Deferred}'s value
     */
    public <R> Deferred<R> addDeferredCallback(Callback<? super T, ? extends Deferred<? extends R>> callback) {
        Objects.requireNonNull(callback, "callback");
        return addLink(new Link(untyped(callback), null, true));
    }

    /**
     * Appends an errback that returns a {@code Deferred} — a retry, say: the chain waits for it and
     * goes on with its result.
     *
     * <pre>{@code
     * fetch(key).addDeferredErrback(failure -> fetch(key));   // one more try
     * }</pre>
     */
    public Deferred<T> addDeferredErrback(Errback<? extends Deferred<? extends T>> errback) {
        Objects.requireNonNull(errback, "errback");
        return addLink(new Link(null, untypedErrback(errback), true));
    }

    @SuppressWarnings("unchecked")
    private <R> Deferred<R> addLink(Link link) {
        checkThread();
        append(link);
        return (Deferred<R>) this;
    }

    /** Appends a link the runtime itself needs; no thread check, no retyping. */
    void append(Callback<Object, Object> onValue, Errback<Object> onFailure) {
        append(new Link(onValue, onFailure, false));
    }

    private void append(Link link) {
        if (tail == null) {
            head = link;
        } else {
            tail.next = link;
        }
        tail = link;
        if (called && !running && waitingOn == null) {
            runChains(this);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Cancelling and timing out

    /**
     * Gives up on the result. Not yet fired: the canceller runs, and unless it fired the
     * {@code Deferred}, it fails with a {@link CancellationException} (whose cause is what the
     * canceller threw, if it threw). Waiting for a {@code Deferred} a callback returned: that one is
     * cancelled. Otherwise nothing happens.
     */
    public void cancel() {
        checkThread();
        if (!called) {
            CancellationException cancelled = new CancellationException("the Deferred was cancelled");
            if (canceller == null) {
                suppressAlreadyCalled = true;
            } else {
                try {
                    canceller.accept(this);
                } catch (Throwable t) {
                    cancelled.initCause(t);
                }
            }
            if (!called) {
                fire(cancelled, true);
            }
        } else if (waitingOn != null) {
            waitingOn.cancel();
        }
    }

    /**
     * Cancels this {@code Deferred} if the chain so far has not produced a result within
     * {@code timeout}, timed by {@code scheduler} (the reactor, or a test's {@code ManualClock});
     * the cancellation then reaches the chain as a {@link TimeoutException}. The timer is dropped
     * as soon as the result arrives. Covers what the chain holds when this is called: add it after
     * the callbacks it should time. On a {@linkplain Scheduler#isClosed() closed scheduler} — code
     * run by a reactor's shutdown — it sets no timer and returns quietly: the shutdown has dropped
     * every timer, and would have dropped this one.
     *
     * <pre>{@code
     * replies.expect(id)
     *        .withTimeout(Duration.ofSeconds(2), reactor)
     *        .addErrback(failure -> Reply.EMPTY);    // also on timeout
     * }</pre>
     */
    public Deferred<T> withTimeout(Duration timeout, Scheduler scheduler) {
        checkThread();
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(scheduler, "scheduler");
        if (scheduler.isClosed()) {
            return this; // the shutdown drops every timer: this one would never fire either
        }
        Timeout timer = new Timeout(timeout);
        timer.call = scheduler.callLater(timeout, timer);
        append(new Link(timer::onValue, timer::onFailure, false));
        return this;
    }

    /** Cancels its {@code Deferred} when due; turns the cancellation into a timeout. */
    private final class Timeout implements Runnable {
        private final Duration timeout;
        private DelayedCall call;
        private boolean timedOut;

        Timeout(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public void run() {
            timedOut = true;
            Deferred.this.cancel();
        }

        Object onValue(Object value) {
            call.cancel();
            return value;
        }

        Object onFailure(Throwable failure) throws Throwable {
            call.cancel();
            if (timedOut && failure instanceof CancellationException) {
                TimeoutException timeoutException = new TimeoutException("no result within " + timeout.toMillis() + " ms");
                timeoutException.initCause(failure);
                throw timeoutException;
            }
            throw failure;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Gathering

    /**
     * Waits for all of {@code deferreds} and fires with their values, in their order — or, fail-fast,
     * with the first failure as soon as it arrives (Twisted's {@code gatherResults} with
     * {@code consumeErrors}). The others are left running; their later failures are handled here
     * and not reported. Cancelling the result cancels every one not yet fired. An empty list gives
     * an empty list at once.
     *
     * <pre>{@code
     * Deferred.all(List.of(store.get("a"), store.get("b")))
     *         .addCallback(values -> String.join(",", values));
     * }</pre>
     *
     * Each input's chain gets a link: a value passes through it, a failure is taken from it.
     */
    public static <T> Deferred<List<T>> all(List<? extends Deferred<? extends T>> deferreds) {
        return Gathering.all(deferreds);
    }

    /**
     * Waits for every one of {@code deferreds} to fire and fires with how each ended, in their order
     * — never with a failure: each failure is in its {@link Outcome} (Twisted's
     * {@code DeferredList}). Cancelling the result cancels every one not yet fired, so it fires with
     * their cancellations.
     */
    public static <T> Deferred<List<Outcome<T>>> allSettled(List<? extends Deferred<? extends T>> deferreds) {
        return Gathering.allSettled(deferreds);
    }

    /**
     * Fires with the first value any of {@code deferreds} produces and cancels the rest (Twisted's
     * {@code race}); if every one fails, fails with an {@link AllFailedException} holding their
     * failures. Cancelling the result cancels them all.
     *
     * @throws IllegalArgumentException if {@code deferreds} is empty: nothing could come first
     */
    public static <T> Deferred<T> first(List<? extends Deferred<? extends T>> deferreds) {
        return Gathering.first(deferreds);
    }

    // ---------------------------------------------------------------------------------------------
    // CompletableFuture, at the edges

    /**
     * A {@code Deferred} on {@code reactor} that fires when {@code future} completes — on the
     * reactor's thread, through {@link Reactor#callFromThread}, whichever thread completes the
     * future, and never inside this call. For work done elsewhere (a blocking call on a worker pool):
     *
     * <pre>{@code
     * Deferred.fromFuture(CompletableFuture.supplyAsync(() -> database.load(key), workers), reactor)
     *         .addCallback(row -> { transport.write(encode(row)); return null; });
     * }</pre>
     *
     * Cancelling the {@code Deferred} cancels the future. If the reactor closes before the future
     * completes, the {@code Deferred} never fires.
     *
     * @throws IllegalStateException off the reactor's thread
     */
    public static <T> Deferred<T> fromFuture(CompletableFuture<? extends T> future, Reactor reactor) {
        Objects.requireNonNull(future, "future");
        reactor.checkThread();
        Deferred<T> deferred = new Deferred<>(reactor, d -> future.cancel(false));
        future.whenComplete((value, failure) -> reactor.callFromThread(() -> {
            if (deferred.called) {
                return; // cancelled meanwhile, and failed by that
            }
            if (failure == null) {
                deferred.callback(value);
            } else {
                deferred.errback(unwrap(failure));
            }
        }));
        return deferred;
    }

    private static Throwable unwrap(Throwable failure) {
        boolean wrapped = failure instanceof CompletionException || failure instanceof ExecutionException;
        return wrapped && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * A future that completes with this chain's result, for code on other threads. It completes on
     * the reactor's thread, so what is chained to it without an executor runs there too: use the
     * {@code …Async} stages with an executor, or block on it from another thread. This ends the
     * chain: the future now holds the result (a failure is handled by being handed over), and the
     * chain goes on with {@code null}. Cancelling the future does not cancel the {@code Deferred}.
     */
    public CompletableFuture<T> toFuture() {
        checkThread();
        CompletableFuture<T> future = new CompletableFuture<>();
        append(value -> {
            @SuppressWarnings("unchecked")
            T typed = (T) value;
            future.complete(typed);
            return null;
        }, failure -> {
            future.completeExceptionally(failure);
            return null;
        });
        return future;
    }

    // ---------------------------------------------------------------------------------------------
    // Unhandled failures

    /**
     * Sets what receives failures nobody handled (see the class comment), for every thread; the
     * default logs them at {@code WARNING}. It runs on the reactor thread; what it throws is logged.
     *
     * @return the handler it replaces, to put back later
     */
    public static Consumer<? super Throwable> setUnhandledFailureHandler(Consumer<? super Throwable> handler) {
        Consumer<? super Throwable> previous = unhandledFailureHandler;
        unhandledFailureHandler = Objects.requireNonNull(handler, "handler");
        return previous;
    }

    private static void logUnhandled(Throwable failure) {
        LOG.log(System.Logger.Level.WARNING, "Unhandled failure in a Deferred: nothing was left in its"
                + " chain to handle it when the reactor callback returned", failure);
    }

    /** The end-of-callback check: reports the failure if it is still at the end of the chain. */
    void reportIfUnhandled() {
        checkQueued = false;
        if (called && failed && head == null && result != reported) {
            reported = (Throwable) result;
            try {
                unhandledFailureHandler.accept(reported);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "the unhandled-failure handler threw", t);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Running the chain

    /**
     * Runs {@code start}'s chain, and the chains of the {@code Deferred}s waiting for it, without
     * recursion: a {@code Deferred} that hands its result to one waiting for it is set aside, the
     * waiting one runs, then the one set aside finishes its own chain.
     */
    private static void runChains(Deferred<?> start) {
        Deferred<?> current = start;
        Deferred<?>[] setAside = null;
        int setAsideCount = 0;
        while (current != null) {
            Deferred<?> waiting = current.runLinks();
            if (waiting != null) {
                if (setAside == null) {
                    setAside = new Deferred<?>[4];
                } else if (setAsideCount == setAside.length) {
                    setAside = Arrays.copyOf(setAside, setAsideCount * 2);
                }
                setAside[setAsideCount++] = current;
                current = waiting;
            } else {
                current.chainRanDry();
                current = setAsideCount == 0 ? null : setAside[--setAsideCount];
            }
        }
    }

    /**
     * Runs links until none is left or one returned an unfired {@code Deferred}.
     *
     * @return the {@code Deferred} this one just handed its result to, to run next; or null
     */
    private Deferred<?> runLinks() {
        running = true;
        try {
            Link link;
            while (waitingOn == null && (link = head) != null) {
                head = link.next;
                if (head == null) {
                    tail = null;
                }
                if (link.waiting != null) {
                    Deferred<?> waiting = link.waiting;
                    waiting.result = result;
                    waiting.failed = failed;
                    waiting.waitingOn = null;
                    result = null; // handed over: the failure, if any, is the waiting one's to handle
                    failed = false;
                    return waiting;
                }
                apply(link);
            }
            return null;
        } finally {
            running = false;
        }
    }

    private void apply(Link link) {
        try {
            Object next;
            if (failed) {
                if (link.onFailure == null) {
                    return;
                }
                next = link.onFailure.apply((Throwable) result);
            } else {
                if (link.onValue == null) {
                    return;
                }
                next = link.onValue.apply(result);
            }
            result = next;
            failed = false;
            if (link.chains) {
                waitFor(next);
            }
        } catch (Throwable t) {
            result = t;
            failed = true;
        }
    }

    /** A callback returned {@code returned}: take its result now, or wait for it. */
    private void waitFor(Object returned) {
        if (returned == this) {
            result = new IllegalStateException("a callback returned the Deferred it was added to: it would wait for itself");
            failed = true;
            return;
        }
        if (returned == null) {
            result = new NullPointerException("a callback given to addDeferredCallback or addDeferredErrback"
                    + " returned null instead of a Deferred");
            failed = true;
            return;
        }
        Deferred<?> inner = (Deferred<?>) returned;
        if (inner.called && !inner.running && inner.waitingOn == null) {
            result = inner.result; // taken over, failure included
            failed = inner.failed;
            inner.result = null;
            inner.failed = false;
        } else {
            result = null;
            waitingOn = inner;
            inner.append(new Link(this));
        }
    }

    private void chainRanDry() {
        if (failed && !checkQueued) {
            checkQueued = CallbackContext.ofThisThread().checkLater(this);
        }
    }

    private void checkThread() {
        if (owner != null) {
            owner.checkThread();
        }
    }

    @SuppressWarnings("unchecked")
    private static Callback<Object, Object> untyped(Callback<?, ?> callback) {
        return (Callback<Object, Object>) callback;
    }

    @SuppressWarnings("unchecked")
    private static Errback<Object> untypedErrback(Errback<?> errback) {
        return (Errback<Object>) errback;
    }

    @Override
    public String toString() {
        if (!called) {
            return "Deferred[pending]";
        }
        if (waitingOn != null) {
            return "Deferred[waiting for " + waitingOn + "]";
        }
        return failed ? "Deferred[failed: " + result + "]" : "Deferred[value: " + result + "]";
    }

    /** One step of the chain: a callback, an errback or both — or a waiting {@code Deferred}. */
    private static final class Link {
        /** Null: a value passes by. */
        final Callback<Object, Object> onValue;
        /** Null: a failure passes by. */
        final Errback<Object> onFailure;
        /** What the handler returns is a {@code Deferred} to wait for. */
        final boolean chains;
        /** Not null: this link hands the result to that {@code Deferred}, which waits for it. */
        final Deferred<?> waiting;
        Link next;

        Link(Callback<Object, Object> onValue, Errback<Object> onFailure, boolean chains) {
            this.onValue = onValue;
            this.onFailure = onFailure;
            this.chains = chains;
            this.waiting = null;
        }

        Link(Deferred<?> waiting) {
            this.onValue = null;
            this.onFailure = null;
            this.chains = false;
            this.waiting = waiting;
        }
    }
}
