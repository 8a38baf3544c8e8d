package dev.twine.runtime;

import java.time.Duration;

/**
 * Runs code later, on the thread that owns the scheduler (Twisted's {@code IReactorTime}).
 * Implemented by {@link Reactor} and by {@code dev.twine.testing.ManualClock}, so a protocol that
 * takes a {@code Scheduler} runs unchanged on a live reactor and in a unit test that moves time by
 * hand.
 *
 * <h2>A scheduler that has shut down</h2>
 * A closed reactor runs nothing more, and its {@code callLater} and {@code callRepeating} throw
 * {@link IllegalStateException}. A reactor shutting down still calls code — {@code onClose} of each
 * connection, {@code onFailed} of each pending connect attempt — that may want to schedule its next
 * step; such code asks {@link #isClosed()} first. The runtime's own helpers do, and treat a closed
 * scheduler as one whose timers were dropped by the shutdown: a {@code ReconnectingClient} stops
 * instead of waiting to retry, a {@code LoopingCall} ends instead of scheduling its next run, and
 * {@code Deferred.withTimeout} sets no timer. None of them throws or logs for it.
 */
public interface Scheduler {

    /** The clock this scheduler measures delays with. */
    Clock clock();

    /**
     * True once this scheduler has shut down (a reactor is closed from the start of its shutdown):
     * it will run nothing more, and {@link #callLater} and {@link #callRepeating} throw
     * {@link IllegalStateException}. Safe from any thread.
     */
    boolean isClosed();

    /**
     * Runs {@code task} once, {@code delay} from now. Calls due at the same instant run in the order
     * they were scheduled.
     *
     * @throws IllegalArgumentException if {@code delay} is negative
     * @throws IllegalStateException if the scheduler {@linkplain #isClosed() is closed}
     */
    DelayedCall callLater(Duration delay, Runnable task);

    /**
     * Runs {@code task} every {@code interval}, first one interval from now, until cancelled. The
     * schedule is fixed-rate: each run is due one interval after the previous one was <em>due</em>,
     * not after it ran. A call that falls behind by more than an interval skips the ticks it missed
     * rather than running them back to back.
     *
     * @throws IllegalArgumentException unless {@code interval} is positive
     * @throws IllegalStateException if the scheduler {@linkplain #isClosed() is closed}
     */
    DelayedCall callRepeating(Duration interval, Runnable task);
}
