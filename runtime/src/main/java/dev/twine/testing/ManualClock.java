package dev.twine.testing;

import dev.twine.runtime.Clock;
import dev.twine.runtime.DelayedCall;
import dev.twine.runtime.Scheduler;
import dev.twine.runtime.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A clock that moves only when the test says, and runs what is due as it moves (Twisted's
 * {@code task.Clock}).
 *
 * <p>Give it to the code under test as its {@link Scheduler} (or as a reactor's timers, with
 * {@code Reactor.open(clock.timers())}), then {@link #advance(Duration)}: every call that falls
 * due runs synchronously, in deadline order, on the calling thread, with the clock reading exactly
 * its deadline while it runs. Exceptions from calls propagate to the test.
 *
 * <pre>{@code
 * var clock = new ManualClock();
 * var session = new IdleTimeout(clock, Duration.ofSeconds(30));
 * clock.advance(Duration.ofSeconds(29));
 * assertTrue(session.isOpen());
 * clock.advance(Duration.ofSeconds(1));
 * assertFalse(session.isOpen());
 * }</pre>
 */
public final class ManualClock implements Clock, Scheduler {

    /** Where wall-clock time starts unless the test says otherwise: 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final long startMillis;
    private final Timers timers = new Timers(this);
    private long nanos;

    public ManualClock() {
        this(DEFAULT_START);
    }

    /** A clock whose {@link #currentTimeMillis()} starts at {@code start}. */
    public ManualClock(Instant start) {
        this.startMillis = start.toEpochMilli();
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long currentTimeMillis() {
        return startMillis + nanos / 1_000_000;
    }

    /** The wall-clock reading as an {@link Instant}. */
    public Instant instant() {
        return Instant.ofEpochMilli(startMillis).plusNanos(nanos);
    }

    @Override
    public Clock clock() {
        return this;
    }

    /**
     * Always false: a manual clock runs what is due whenever the test advances it. To test code on a
     * scheduler that shuts down, give it a reactor on this clock's timers and close the reactor.
     */
    @Override
    public boolean isClosed() {
        return false;
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable task) {
        return timers.callLater(delay, task);
    }

    @Override
    public DelayedCall callRepeating(Duration interval, Runnable task) {
        return timers.callRepeating(interval, task);
    }

    /**
     * Moves time forward by {@code amount}, running every call that falls due on the way —
     * including calls scheduled by those calls, if they fall due within the window — each with the
     * clock at its own deadline. {@code advance(Duration.ZERO)} runs what is due now.
     *
     * @throws IllegalArgumentException if {@code amount} is negative: time does not go back
     */
    public void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; got " + amount);
        }
        long target = nanos + amount.toNanos();
        while (timers.size() > 0 && timers.nextDeadline() - target <= 0) {
            nanos = Math.max(nanos, timers.nextDeadline());
            timers.runNextDue(nanos);
        }
        nanos = target;
    }

    /** The timer queue behind this clock, for {@code Reactor.open(clock.timers())}. */
    public Timers timers() {
        return timers;
    }

    /** How many calls are scheduled. */
    public int pendingCalls() {
        return timers.size();
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + "]";
    }
}
