package dev.twine.runtime;

import java.time.Duration;

/**
 * Runs code later, on the thread that owns the scheduler (Twisted's {@code IReactorTime}).
 * Implemented by {@link Reactor} and by {@code dev.twine.testing.ManualClock}, so a protocol that
 * takes a {@code Scheduler} runs unchanged on a live reactor and in a unit test that moves time by
 * hand.
 */
public interface Scheduler {

    /** The clock this scheduler measures delays with. */
    Clock clock();

    /**
     * Runs {@code task} once, {@code delay} from now. Calls due at the same instant run in the order
     * they were scheduled.
     *
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    DelayedCall callLater(Duration delay, Runnable task);

    /**
     * Runs {@code task} every {@code interval}, first one interval from now, until cancelled. The
     * schedule is fixed-rate: each run is due one interval after the previous one was <em>due</em>,
     * not after it ran. A call that falls behind by more than an interval skips the ticks it missed
     * rather than running them back to back.
     *
     * @throws IllegalArgumentException unless {@code interval} is positive
     */
    DelayedCall callRepeating(Duration interval, Runnable task);
}
