package dev.twine.client;

import dev.twine.runtime.Deferred;
import dev.twine.runtime.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The requests of one connection still waiting for their replies, matched by id — as memcached's
 * binary protocol matches by opaque. The protocol writes a request with an id, gets a
 * {@link Deferred} for it from {@link #expect}, and hands each reply it reads to {@link #complete}:
 *
 * <pre>{@code
 * Deferred<Reply> get(String key) {
 *     int opaque = nextOpaque++;
 *     encoder.write(transport, new Get(opaque, key));
 *     return pending.expect(opaque);
 * }
 *
 * public void onReply(Reply reply) {                 // from the framer
 *     if (!pending.complete(reply.opaque(), reply)) {
 *         // a reply to nothing: timed out already, or the server is confused
 *     }
 * }
 *
 * public void onClose(CloseReason reason) {
 *     pending.failAll(new IOException("connection closed: " + reason));
 * }
 * }</pre>
 *
 * A request with no reply within its timeout fails with a {@link TimeoutException} and is
 * forgotten, so a reply that comes later is refused by {@code complete}. Cancelling a request's
 * {@code Deferred} forgets it the same way. Reactor thread only.
 *
 * @param <R> the reply type
 */
public final class PendingReplies<R> {

    private final Scheduler scheduler;
    private final Duration timeout;
    // Each request already costs a Deferred and a timer; a boxed key adds nothing that matters.
    private final Map<Long, Deferred<R>> waiting = new HashMap<>();

    /**
     * @param scheduler the reactor (or a test's {@code ManualClock}) that times requests out
     * @param timeout   how long {@link #expect(long)} waits for a reply
     */
    public PendingReplies(Scheduler scheduler, Duration timeout) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.timeout = requirePositive(timeout);
    }

    /** {@link #expect(long, Duration)} with this table's timeout. */
    public Deferred<R> expect(long id) {
        return expect(id, timeout);
    }

    /**
     * A {@code Deferred} for the reply to request {@code id}: it fires with the reply, or fails with
     * a {@link TimeoutException} after {@code timeout}.
     *
     * @throws IllegalStateException if a request with this id is already waiting
     */
    public Deferred<R> expect(long id, Duration timeout) {
        requirePositive(timeout);
        if (waiting.containsKey(id)) {
            throw new IllegalStateException("a request with id " + id + " is already waiting for its reply");
        }
        Deferred<R> reply = new Deferred<>(cancelled -> waiting.remove(id, cancelled));
        waiting.put(id, reply);
        return reply.withTimeout(timeout, scheduler);
    }

    /**
     * Hands {@code reply} to the request with {@code id}; its callbacks run now.
     *
     * @return false if no request with that id is waiting (it timed out, was cancelled, or never was)
     */
    public boolean complete(long id, R reply) {
        Deferred<R> request = waiting.remove(id);
        if (request == null) {
            return false;
        }
        request.callback(reply);
        return true;
    }

    /**
     * Fails the request with {@code id} — the server answered it with an error, say.
     *
     * @return false if no request with that id is waiting
     */
    public boolean fail(long id, Throwable failure) {
        Deferred<R> request = waiting.remove(id);
        if (request == null) {
            return false;
        }
        request.errback(failure);
        return true;
    }

    /** Fails every waiting request with {@code cause}: the connection is gone. */
    public void failAll(Throwable cause) {
        List<Deferred<R>> requests = new ArrayList<>(waiting.values());
        waiting.clear();
        for (Deferred<R> request : requests) {
            request.errback(cause);
        }
    }

    /** Whether the request with {@code id} still waits. */
    public boolean isWaiting(long id) {
        return waiting.containsKey(id);
    }

    /** How many requests wait. */
    public int size() {
        return waiting.size();
    }

    private static Duration requirePositive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return timeout;
    }
}
