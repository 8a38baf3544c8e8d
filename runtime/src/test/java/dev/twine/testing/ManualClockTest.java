package dev.twine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    private final ManualClock clock = new ManualClock();
    private final List<String> log = new ArrayList<>();

    private void note(String what) {
        log.add(what + "@" + clock.nanoTime() / 1_000_000);
    }

    @Test
    void advanceRunsDueCallsInOrderWithTheClockAtEachDeadline() {
        clock.callLater(Duration.ofMillis(30), () -> note("c"));
        clock.callLater(Duration.ofMillis(10), () -> note("a"));
        clock.callLater(Duration.ofMillis(20), () -> note("b"));
        clock.advance(Duration.ofMillis(25));
        assertEquals(List.of("a@10", "b@20"), log);
        assertEquals(25_000_000, clock.nanoTime(), "the clock ends exactly where asked");
        clock.advance(Duration.ofMillis(5));
        assertEquals(List.of("a@10", "b@20", "c@30"), log);
    }

    @Test
    void callsScheduledDuringAdvanceRunIfTheyFallDueInTheWindow() {
        clock.callLater(Duration.ofMillis(10), () -> {
            note("first");
            clock.callLater(Duration.ofMillis(5), () -> note("inner"));
            clock.callLater(Duration.ofMillis(50), () -> note("later"));
        });
        clock.advance(Duration.ofMillis(20));
        assertEquals(List.of("first@10", "inner@15"), log);
        assertEquals(1, clock.pendingCalls());
    }

    @Test
    void repeatingCallsRunOncePerIntervalCrossed() {
        clock.callRepeating(Duration.ofSeconds(1), () -> note("tick"));
        clock.advance(Duration.ofMillis(3500));
        assertEquals(List.of("tick@1000", "tick@2000", "tick@3000"), log);
    }

    @Test
    void exceptionsFromCallsReachTheTest() {
        clock.callLater(Duration.ofMillis(1), () -> {
            throw new IllegalStateException("boom");
        });
        assertThrows(IllegalStateException.class, () -> clock.advance(Duration.ofMillis(1)));
    }

    @Test
    void wallClockMovesWithMonotonicTime() {
        ManualClock fromEpoch = new ManualClock(Instant.ofEpochSecond(1_000));
        fromEpoch.advance(Duration.ofMillis(1500));
        assertEquals(1_001_500, fromEpoch.currentTimeMillis());
        assertEquals(Instant.ofEpochSecond(1_001, 500_000_000), fromEpoch.instant());
    }

    @Test
    void timeDoesNotGoBack() {
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofMillis(-1)));
    }
}
