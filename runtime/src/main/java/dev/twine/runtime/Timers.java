package dev.twine.runtime;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A timer queue over a {@link Clock}: a binary heap ordered by deadline, then by scheduling order,
 * whose entries know their heap index so that cancelling and rescheduling cost O(log n).
 *
 * <p>It runs nothing by itself. Its owner — a {@link Reactor}'s loop, or a test's
 * {@code ManualClock} — calls {@link #runNextDue(long)} until it returns false. Not thread-safe:
 * like everything it schedules, it belongs to one thread.
 */
public final class Timers implements Scheduler {

    /** ~73 years: "never" for every practical purpose, far from overflowing any sum of deadlines. */
    private static final long NEVER = Long.MAX_VALUE / 4;

    private final Clock clock;
    /** Checks that the caller may touch this queue: the owning reactor's thread check, if any. */
    private Runnable guard = () -> {};
    /** Runs each due task: as is, or inside the owning reactor's callback discipline. */
    private Consumer<Runnable> runner = Runnable::run;
    private Entry[] heap = new Entry[16];
    private int size;
    private long sequence;

    public Timers(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Always false: a queue does not close; a reactor that owns it does, and says so itself. */
    @Override
    public boolean isClosed() {
        return false;
    }

    /**
     * Binds the queue to a reactor: {@code check} is its thread check, so a handle cancelled off
     * its thread fails fast instead of racing; {@code runner} runs each task as a reactor callback
     * (its effects carried out before the next task), even when a {@code ManualClock} drives time.
     */
    void bindTo(Runnable check, Consumer<Runnable> runner) {
        this.guard = Objects.requireNonNull(check, "check");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable task) {
        return schedule(nanos(delay, "delay", false), 0, task);
    }

    @Override
    public DelayedCall callRepeating(Duration interval, Runnable task) {
        long period = nanos(interval, "interval", true);
        return schedule(period, period, task);
    }

    /** Number of scheduled calls. */
    public int size() {
        return size;
    }

    /**
     * Nanoseconds from {@code now} until the earliest call is due: 0 if one is already due,
     * {@link Long#MAX_VALUE} if none is scheduled.
     */
    public long nanosUntilNextDue(long now) {
        return size == 0 ? Long.MAX_VALUE : Math.max(0, heap[0].deadline - now);
    }

    /** The deadline of the earliest call, in {@link Clock#nanoTime()} terms; only if {@link #size()} > 0. */
    public long nextDeadline() {
        if (size == 0) {
            throw new IllegalStateException("no call is scheduled");
        }
        return heap[0].deadline;
    }

    /**
     * Runs the earliest call if it is due at {@code now}. A repeating call is put back on the queue
     * before it runs, so it may cancel itself. Whatever the task throws propagates to the caller,
     * after the queue is consistent again (unless a reactor owns the queue: it logs it).
     *
     * @return false if no call was due
     */
    public boolean runNextDue(long now) {
        if (size == 0 || heap[0].deadline - now > 0) {
            return false;
        }
        Entry entry = heap[0];
        removeAt(0);
        if (entry.interval > 0) {
            long next = entry.deadline + entry.interval;
            if (next - now <= 0) {
                // Fell behind: skip the missed ticks, keep the phase.
                next += ((now - next) / entry.interval + 1) * entry.interval;
            }
            entry.deadline = next;
            entry.seq = sequence++;
            add(entry);
        }
        runner.accept(entry.task);
        return true;
    }

    /** Cancels every scheduled call. */
    public void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].index = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private static long nanos(Duration d, String what, boolean positive) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || (positive && d.isZero())) {
            throw new IllegalArgumentException(what + " must be " + (positive ? "positive" : "zero or more")
                    + ", was " + d);
        }
        try {
            return Math.min(d.toNanos(), NEVER);
        } catch (ArithmeticException tooLong) {
            return NEVER;
        }
    }

    private DelayedCall schedule(long delayNanos, long intervalNanos, Runnable task) {
        Objects.requireNonNull(task, "task");
        Entry entry = new Entry(task, intervalNanos);
        entry.deadline = clock.nanoTime() + delayNanos;
        entry.seq = sequence++;
        add(entry);
        return entry;
    }

    private void add(Entry entry) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = entry;
        entry.index = size;
        size++;
        siftUp(entry.index);
    }

    private void removeAt(int index) {
        Entry removed = heap[index];
        removed.index = -1;
        size--;
        if (index == size) {
            heap[size] = null;
            return;
        }
        Entry last = heap[size];
        heap[size] = null;
        heap[index] = last;
        last.index = index;
        siftDown(index);
        if (last.index == index) {
            siftUp(index);
        }
    }

    private void siftUp(int index) {
        Entry entry = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!before(entry, heap[parent])) {
                break;
            }
            place(heap[parent], index);
            index = parent;
        }
        place(entry, index);
    }

    private void siftDown(int index) {
        Entry entry = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], entry)) {
                break;
            }
            place(heap[child], index);
            index = child;
        }
        place(entry, index);
    }

    private void place(Entry entry, int index) {
        heap[index] = entry;
        entry.index = index;
    }

    private static boolean before(Entry a, Entry b) {
        long d = a.deadline - b.deadline;
        return d < 0 || (d == 0 && a.seq < b.seq);
    }

    private final class Entry implements DelayedCall {
        final Runnable task;
        final long interval;
        long deadline;
        long seq;
        int index = -1;

        Entry(Runnable task, long interval) {
            this.task = task;
            this.interval = interval;
        }

        @Override
        public boolean cancel() {
            guard.run();
            if (index < 0) {
                return false;
            }
            removeAt(index);
            return true;
        }

        @Override
        public boolean isActive() {
            return index >= 0;
        }

        @Override
        public void reschedule(Duration delay) {
            guard.run();
            if (index < 0) {
                throw new IllegalStateException("the call already ran or was cancelled");
            }
            long delayNanos = nanos(delay, "delay", false);
            removeAt(index);
            deadline = clock.nanoTime() + delayNanos;
            seq = sequence++;
            add(this);
        }

        @Override
        public String toString() {
            return "DelayedCall[" + task + (index >= 0 ? ", due at " + deadline : ", inactive") + "]";
        }
    }
}
