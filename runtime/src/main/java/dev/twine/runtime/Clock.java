package dev.twine.runtime;

/**
 * The only way Twine reads time. A reactor schedules its timers with {@link #nanoTime()}; protocols
 * that speak wall-clock time (a cache's absolute expiry, say) use {@link #currentTimeMillis()}.
 * Tests substitute {@code dev.twine.testing.ManualClock}, where time moves only when the test says.
 */
public interface Clock {

    /** Monotonic time in nanoseconds, from an arbitrary origin; only differences mean anything. */
    long nanoTime();

    /** Wall-clock time, in milliseconds since the Unix epoch. */
    long currentTimeMillis();

    /** The operating system's clocks: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
