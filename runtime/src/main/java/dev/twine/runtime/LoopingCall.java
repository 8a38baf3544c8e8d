package dev.twine.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Runs a task at a fixed rate on a {@link Scheduler} until stopped (Twisted's {@code LoopingCall}).
 *
 * <pre>{@code
 * LoopingCall heartbeat = new LoopingCall(reactor, () -> transport.write(PING));
 * heartbeat.start(Duration.ofSeconds(5))                      // first run at once
 *          .addErrback(failure -> { transport.abort(failure); return null; });
 * ...
 * heartbeat.stop();                                           // the Deferred fires with heartbeat
 * }</pre>
 *
 * <h2>Timing and missed ticks</h2>
 * Runs are due on a fixed grid: {@code start + k × interval}. A run that comes late — the reactor
 * was busy, or the previous run's {@link Deferred} took longer than an interval — is not followed
 * by the runs it missed, back to back: those ticks are <em>skipped</em>, and the next run is due on
 * the first grid point after now. A {@link Tick} learns how many grid points passed since the
 * previous run ({@code 1} when on time), so work that must account for elapsed time can.
 *
 * <h2>Waiting and failing</h2>
 * If a {@link Tick} returns a {@code Deferred}, the next run waits until it fires. A run that throws,
 * or whose {@code Deferred} fails, stops the loop: the {@code Deferred} that {@link #start} returned
 * fails with that failure.
 *
 * <h2>When the reactor shuts down</h2>
 * Its timers are dropped, so a pending run never comes and the {@code Deferred} from {@link #start}
 * does not fire. A run's {@code Deferred} that fires while the reactor shuts down (a reply failed by
 * {@code onClose}, say) ends the loop as {@link #stop()} would — its {@code Deferred} fires with this
 * looping call, or fails with that run's failure — instead of scheduling a next run on a
 * {@linkplain Scheduler#isClosed() closed scheduler}.
 *
 * <p>Reactor thread only, like the scheduler; with a test's {@code ManualClock}, runs happen as the
 * test advances the clock.
 */
public final class LoopingCall {

    /** One run of a looping call that wants to know about skipped ticks, or to make the next run wait. */
    @FunctionalInterface
    public interface Tick {
        /**
         * @param ticks how many grid points have passed since the previous run: 1 when on time, more
         *     when runs were skipped (the first run gets 1)
         * @return a {@code Deferred} the next run waits for, or {@code null} if this run is done
         */
        Deferred<?> run(int ticks) throws Throwable;
    }

    private final Scheduler scheduler;
    private final Tick tick;
    private final Runnable runTask = this::runTick;
    private long intervalNanos;
    private long startNanos;
    /** The grid point of the previous run. */
    private long lastIndex;
    private boolean running;
    /** A run is in progress: its task, or the {@code Deferred} it returned, which has not fired. */
    private boolean inRun;
    private DelayedCall next;
    private Deferred<LoopingCall> whenStopped;

    /** A looping call of a plain task. */
    public LoopingCall(Scheduler scheduler, Runnable task) {
        this(scheduler, ignoringTicks(task));
    }

    /** A looping call of a {@link Tick}: told about skipped ticks, and able to make the next run wait. */
    public LoopingCall(Scheduler scheduler, Tick tick) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.tick = Objects.requireNonNull(tick, "tick");
    }

    private static Tick ignoringTicks(Runnable task) {
        Objects.requireNonNull(task, "task");
        return ticks -> {
            task.run();
            return null;
        };
    }

    /** {@link #start(Duration, boolean)} with the first run at once. */
    public Deferred<LoopingCall> start(Duration interval) {
        return start(interval, true);
    }

    /**
     * Starts the loop: the first run at once if {@code now} (still in a timer of its own, never
     * inside this call), else one interval from now.
     *
     * @return a {@code Deferred} that fires with this looping call when {@link #stop()} ends the loop,
     *     or fails with what a run threw
     * @throws IllegalArgumentException unless {@code interval} is positive
     * @throws IllegalStateException if the scheduler is closed, or the call is running, or still stopping: stopped while a run's
     *     {@code Deferred} was pending, which has not fired yet (start again from the
     *     {@code Deferred} the last start returned)
     */
    public Deferred<LoopingCall> start(Duration interval, boolean now) {
        if (running) {
            throw new IllegalStateException("this looping call is already running");
        }
        if (inRun) {
            // The pending run would schedule its next run into the new loop, and the last start's
            // Deferred would never fire.
            throw new IllegalStateException("this looping call is still stopping: its last run has not finished");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        intervalNanos = interval.toNanos();
        startNanos = scheduler.clock().nanoTime();
        lastIndex = now ? -1 : 0;
        next = scheduler.callLater(now ? Duration.ZERO : interval, runTask); // first: it checks the thread
        running = true;
        whenStopped = new Deferred<>();
        return whenStopped;
    }

    /**
     * Ends the loop: no further run. The {@code Deferred} from {@link #start} fires now — or, if a
     * run's {@code Deferred} is still pending, when that fires.
     *
     * @throws IllegalStateException if it is not running
     */
    public void stop() {
        if (!running) {
            throw new IllegalStateException("this looping call is not running");
        }
        running = false;
        if (!inRun) {
            next.cancel();
            finish(null);
        }
    }

    /** True from {@link #start} until {@link #stop} or a failed run. */
    public boolean isRunning() {
        return running;
    }

    private void runTick() {
        long index = gridIndex(scheduler.clock().nanoTime());
        int ticks = (int) Math.min(Integer.MAX_VALUE, index - lastIndex);
        lastIndex = index;
        inRun = true;
        Deferred<?> pending;
        try {
            pending = tick.run(ticks);
        } catch (Throwable t) {
            inRun = false;
            running = false;
            finish(t);
            return;
        }
        if (pending == null) {
            inRun = false;
            scheduleNext();
            return;
        }
        pending.append(value -> {
            inRun = false;
            scheduleNext();
            return null;
        }, failure -> {
            inRun = false;
            running = false;
            finish(failure);
            return null;
        });
    }

    private void scheduleNext() {
        if (scheduler.isClosed()) {
            running = false; // the reactor shut down during the run: it would run no next one
        }
        if (!running) {
            finish(null); // stopped during the run
            return;
        }
        long now = scheduler.clock().nanoTime();
        long due = startNanos + (gridIndex(now) + 1) * intervalNanos;
        next = scheduler.callLater(Duration.ofNanos(due - now), runTask);
    }

    /** The last grid point at or before {@code now}. */
    private long gridIndex(long now) {
        return Math.floorDiv(now - startNanos, intervalNanos);
    }

    private void finish(Throwable failure) {
        Deferred<LoopingCall> done = whenStopped;
        whenStopped = null;
        if (failure == null) {
            done.callback(this);
        } else {
            done.errback(failure);
        }
    }
}
