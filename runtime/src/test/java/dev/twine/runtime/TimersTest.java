package dev.twine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimersTest {

    /** A clock the test sets by hand, so the queue is tested on its own. */
    private static final class FixedClock implements Clock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public long currentTimeMillis() {
            return now / 1_000_000;
        }
    }

    private final FixedClock clock = new FixedClock();
    private final Timers timers = new Timers(clock);
    private final List<String> ran = new ArrayList<>();

    private int runAllDue() {
        int n = 0;
        while (timers.runNextDue(clock.now)) {
            n++;
        }
        return n;
    }

    @Test
    void runsInDeadlineOrderThenSchedulingOrder() {
        timers.callLater(Duration.ofNanos(30), () -> ran.add("30"));
        timers.callLater(Duration.ofNanos(10), () -> ran.add("10a"));
        timers.callLater(Duration.ofNanos(20), () -> ran.add("20"));
        timers.callLater(Duration.ofNanos(10), () -> ran.add("10b"));
        clock.now = 100;
        assertEquals(4, runAllDue());
        assertEquals(List.of("10a", "10b", "20", "30"), ran);
    }

    @Test
    void nothingRunsBeforeItsDeadline() {
        timers.callLater(Duration.ofNanos(10), () -> ran.add("x"));
        clock.now = 9;
        assertFalse(timers.runNextDue(clock.now));
        assertEquals(1, timers.nanosUntilNextDue(clock.now));
        clock.now = 10;
        assertTrue(timers.runNextDue(clock.now));
        assertEquals(List.of("x"), ran);
        assertEquals(Long.MAX_VALUE, timers.nanosUntilNextDue(clock.now));
    }

    @Test
    void cancelledCallsNeverRunAndLeaveTheHeapConsistent() {
        List<DelayedCall> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            calls.add(timers.callLater(Duration.ofNanos((i * 37) % 100), () -> ran.add(Integer.toString(n))));
        }
        for (int i = 0; i < 100; i += 3) {
            assertTrue(calls.get(i).cancel());
            assertFalse(calls.get(i).isActive());
            assertFalse(calls.get(i).cancel(), "second cancel reports nothing to cancel");
        }
        clock.now = 1_000;
        runAllDue();
        List<String> expected = new ArrayList<>();
        for (int delay = 0; delay < 100; delay++) {
            for (int i = 0; i < 100; i++) {
                if (i % 3 != 0 && (i * 37) % 100 == delay) {
                    expected.add(Integer.toString(i));
                }
            }
        }
        assertEquals(expected, ran);
        assertEquals(0, timers.size());
    }

    @Test
    void rescheduleMovesACallBehindOthers() {
        DelayedCall first = timers.callLater(Duration.ofNanos(5), () -> ran.add("first"));
        timers.callLater(Duration.ofNanos(10), () -> ran.add("second"));
        clock.now = 4;
        first.reschedule(Duration.ofNanos(20)); // now due at 24
        clock.now = 23;
        runAllDue();
        assertEquals(List.of("second"), ran);
        clock.now = 24;
        runAllDue();
        assertEquals(List.of("second", "first"), ran);
        assertThrows(IllegalStateException.class, () -> first.reschedule(Duration.ZERO));
    }

    @Test
    void repeatingCallKeepsItsPhaseAndSkipsMissedTicks() {
        List<Long> times = new ArrayList<>();
        timers.callRepeating(Duration.ofNanos(10), () -> times.add(clock.now));
        clock.now = 10;
        runAllDue();
        clock.now = 20;
        runAllDue();
        clock.now = 55; // missed 30, 40, 50: one run now, next due at 60
        runAllDue();
        assertEquals(List.of(10L, 20L, 55L), times);
        assertEquals(5, timers.nanosUntilNextDue(clock.now));
    }

    @Test
    void repeatingCallCanCancelItself() {
        DelayedCall[] self = new DelayedCall[1];
        self[0] = timers.callRepeating(Duration.ofNanos(1), () -> {
            ran.add("tick");
            if (ran.size() == 3) {
                self[0].cancel();
            }
        });
        for (clock.now = 1; clock.now <= 10; clock.now++) {
            runAllDue();
        }
        assertEquals(3, ran.size());
        assertFalse(self[0].isActive());
    }

    @Test
    void aThrowingCallLeavesTheQueueUsable() {
        timers.callLater(Duration.ZERO, () -> {
            throw new IllegalStateException("boom");
        });
        timers.callLater(Duration.ZERO, () -> ran.add("after"));
        assertThrows(IllegalStateException.class, () -> timers.runNextDue(0));
        assertTrue(timers.runNextDue(0));
        assertEquals(List.of("after"), ran);
    }

    @Test
    void rejectsNegativeDelaysAndNonPositiveIntervals() {
        assertThrows(IllegalArgumentException.class, () -> timers.callLater(Duration.ofNanos(-1), () -> {}));
        assertThrows(IllegalArgumentException.class, () -> timers.callRepeating(Duration.ZERO, () -> {}));
    }
}
