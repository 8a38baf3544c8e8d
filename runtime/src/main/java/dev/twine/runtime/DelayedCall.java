package dev.twine.runtime;

import java.time.Duration;

/** A call scheduled with a {@link Scheduler}: cancel it, or move it. */
public interface DelayedCall {

    /**
     * Stops the call from running (again).
     *
     * @return true if it was still scheduled; false if it had already run (one-shot) or been
     *     cancelled
     */
    boolean cancel();

    /** True while the call is scheduled to run. */
    boolean isActive();

    /**
     * Moves the call to {@code delay} from now, as if it had just been scheduled (Twisted's
     * {@code DelayedCall.reset}); the way to push back an idle timeout on every read.
     *
     * @throws IllegalStateException if the call is no longer active
     */
    void reschedule(Duration delay);
}
