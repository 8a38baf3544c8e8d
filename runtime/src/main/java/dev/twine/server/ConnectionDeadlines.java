package dev.twine.server;

import dev.twine.runtime.DelayedCall;
import dev.twine.runtime.Scheduler;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One connection's clocks under its table's {@link ConnectionTimeouts}: when its last frame
 * arrived, when the unfinished frame started, since when its outgoing buffer has been above the high
 * watermark. One timer per connection watches the earliest deadline, and it moves lazily: a frame
 * arriving only notes the time (one clock read per read, not a timer operation per frame), and the
 * timer, when it fires early, goes back to sleep until the deadline the clocks now give. It is moved
 * sooner only when a deadline comes closer (a frame starts, the buffer fills).
 */
final class ConnectionDeadlines {

    private static final long NONE = Long.MAX_VALUE;
    private static final Duration NEVER = Duration.ofNanos(Long.MAX_VALUE / 4);

    private final Scheduler scheduler;
    private final ConnectionTimeouts timeouts;
    /** The three timeouts in nanoseconds; {@link #NONE} for one that is off. */
    private final long idle;
    private final long frame;
    private final long write;
    private final Consumer<ConnectionTimeoutException> onExpired;

    private long lastFrameAt;
    /** When the unfinished frame started; {@link #NONE} between frames. */
    private long frameStartedAt = NONE;
    /** When the outgoing buffer rose above the high watermark; {@link #NONE} while writable. */
    private long unwritableSince = NONE;
    private DelayedCall timer;
    /** The time the timer is due at: the earliest deadline, or before it. */
    private long timerDueAt = NONE;
    private boolean stopped;

    ConnectionDeadlines(Scheduler scheduler, ConnectionTimeouts timeouts,
            Consumer<ConnectionTimeoutException> onExpired) {
        this.scheduler = scheduler;
        this.timeouts = timeouts;
        this.idle = nanosOrNone(timeouts.idle());
        this.frame = nanosOrNone(timeouts.frame());
        this.write = nanosOrNone(timeouts.write());
        this.onExpired = onExpired;
        this.lastFrameAt = now();
    }

    /** Nanoseconds, capped at ~73 years (as timers are) so that no sum overflows; zero is none. */
    private static long nanosOrNone(Duration timeout) {
        if (timeout.isZero()) {
            return NONE;
        }
        return timeout.compareTo(NEVER) >= 0 ? NEVER.toNanos() : timeout.toNanos();
    }

    /** The connection has just joined the table: the idle clock starts now. */
    void start() {
        rearm();
    }

    /**
     * A read was decoded: {@code framesArrived} if it completed at least one frame, {@code insideFrame}
     * if it left part of one held.
     */
    void afterRead(boolean framesArrived, boolean insideFrame) {
        long now = now();
        if (framesArrived) {
            lastFrameAt = now;
        }
        if (!insideFrame) {
            frameStartedAt = NONE;
        } else if (frameStartedAt == NONE || framesArrived) {
            frameStartedAt = now; // the frame now held started in this read
        }
        rearm();
    }

    void writabilityChanged(boolean writable) {
        unwritableSince = writable ? NONE : now();
        rearm();
    }

    /** The connection is gone: drop the timer, so that nothing is left scheduled for it. */
    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void onTimer() {
        timer = null;
        timerDueAt = NONE;
        long now = now();
        ConnectionTimeoutException expired = expiredAt(now);
        if (expired != null) {
            // If the handler keeps the connection, the clock that ran out starts again.
            switch (expired.kind()) {
                case IDLE -> lastFrameAt = now;
                case FRAME -> frameStartedAt = now;
                case WRITE -> unwritableSince = now;
            }
            onExpired.accept(expired);
        }
        rearm();
    }

    private ConnectionTimeoutException expiredAt(long now) {
        if (reached(unwritableSince, write, now)) {
            return new ConnectionTimeoutException(ConnectionTimeoutException.Kind.WRITE, timeouts.write());
        }
        if (reached(frameStartedAt, frame, now)) {
            return new ConnectionTimeoutException(ConnectionTimeoutException.Kind.FRAME, timeouts.frame());
        }
        if (reached(lastFrameAt, idle, now)) {
            return new ConnectionTimeoutException(ConnectionTimeoutException.Kind.IDLE, timeouts.idle());
        }
        return null;
    }

    private static boolean reached(long since, long timeout, long now) {
        return since != NONE && timeout != NONE && now - since >= timeout;
    }

    private static long deadline(long since, long timeout) {
        return since == NONE || timeout == NONE ? NONE : since + timeout;
    }

    /** Makes the timer due no later than the earliest deadline; never later than it was, lazily. */
    private void rearm() {
        if (stopped) {
            return;
        }
        long due = Math.min(deadline(lastFrameAt, idle),
                Math.min(deadline(frameStartedAt, frame), deadline(unwritableSince, write)));
        if (due == NONE || (timer != null && timerDueAt - due <= 0)) {
            return; // nothing to watch, or the timer already wakes up in time
        }
        long delay = Math.max(0, due - now());
        if (timer == null) {
            timer = scheduler.callLater(Duration.ofNanos(delay), this::onTimer);
        } else {
            timer.reschedule(Duration.ofNanos(delay));
        }
        timerDueAt = due;
    }

    private long now() {
        return scheduler.clock().nanoTime();
    }
}
