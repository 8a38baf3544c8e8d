package dev.twine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopingCallTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final ManualClock clock = new ManualClock();
    /** When each run happened, in whole seconds of the clock, and how many ticks it was told about. */
    private final List<String> runs = new ArrayList<>();

    private void note(int ticks) {
        runs.add(clock.nanoTime() / 1_000_000_000 + "s:" + ticks);
    }

    private LoopingCall counting() {
        return new LoopingCall(clock, ticks -> {
            note(ticks);
            return null;
        });
    }

    /** A looping call whose every run returns a new pending Deferred, kept in {@code pending}. */
    private static LoopingCall waitingEachRun(Scheduler scheduler, List<Deferred<Void>> pending) {
        return new LoopingCall(scheduler, ticks -> {
            Deferred<Void> work = new Deferred<>();
            pending.add(work);
            return work;
        });
    }

    private static <T> List<Object> outcomes(Deferred<T> deferred) {
        List<Object> outcomes = new ArrayList<>();
        deferred.addCallbacks(outcomes::add, outcomes::add);
        return outcomes;
    }

    @Test
    void runsAtOnceThenEveryIntervalUntilStoppedAndTheDeferredFiresWithTheLoopingCall() {
        int[] count = {0};
        LoopingCall loop = new LoopingCall(clock, () -> count[0]++);
        List<Object> stopped = outcomes(loop.start(SECOND));
        assertEquals(0, count[0], "never inside start()");

        clock.advance(Duration.ZERO);
        assertEquals(1, count[0]);
        clock.advance(Duration.ofMillis(2500));
        assertEquals(3, count[0], "at 0 s, 1 s and 2 s");
        assertTrue(loop.isRunning());

        loop.stop();

        assertEquals(List.of(loop), stopped);
        assertFalse(loop.isRunning());
        assertEquals(0, clock.pendingCalls(), "nothing left scheduled");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(3, count[0]);
    }

    @Test
    void startingWithoutNowWaitsOneInterval() {
        LoopingCall loop = counting();
        loop.start(SECOND, false);
        clock.advance(Duration.ofMillis(999));
        assertEquals(List.of(), runs);
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("1s:1"), runs);
    }

    @Test
    void aRunWhoseDeferredOutlastsIntervalsMakesTheNextWaitAndSkipsTheMissedTicks() {
        List<Deferred<Void>> pending = new ArrayList<>();
        LoopingCall loop = new LoopingCall(clock, ticks -> {
            note(ticks);
            Deferred<Void> work = new Deferred<>();
            pending.add(work);
            return work;
        });
        loop.start(SECOND);
        clock.advance(Duration.ZERO);
        assertEquals(List.of("0s:1"), runs);

        clock.advance(Duration.ofMillis(3500)); // the run's work takes 3.5 intervals
        assertEquals(List.of("0s:1"), runs, "no run while the previous one's Deferred is pending");
        pending.get(0).callback(null);
        clock.advance(Duration.ofMillis(499));
        assertEquals(List.of("0s:1"), runs, "next on the grid: 4 s, not at once and not back to back");
        clock.advance(Duration.ofMillis(1));

        assertEquals(List.of("0s:1", "4s:4"), runs, "ticks 1, 2 and 3 were skipped; the run is told 4 passed");
    }

    @Test
    void aLateTimerSkipsMissedTicksAndKeepsThePhase() {
        // A reactor that was busy runs the timer late; drive a timer queue by hand to be that late.
        long[] now = {0};
        Clock busy = new Clock() {
            @Override
            public long nanoTime() {
                return now[0];
            }

            @Override
            public long currentTimeMillis() {
                return now[0] / 1_000_000;
            }
        };
        Timers timers = new Timers(busy);
        List<String> late = new ArrayList<>();
        LoopingCall loop = new LoopingCall(timers, ticks -> {
            late.add(now[0] / 1_000_000 + "ms:" + ticks);
            return null;
        });
        loop.start(Duration.ofMillis(10), false);

        now[0] = Duration.ofMillis(10).toNanos();
        timers.runNextDue(now[0]);
        now[0] = Duration.ofMillis(55).toNanos();   // busy from 10 ms to 55 ms
        timers.runNextDue(now[0]);
        assertFalse(timers.runNextDue(now[0]), "one run for the missed ticks, not four back to back");
        now[0] = Duration.ofMillis(60).toNanos();
        timers.runNextDue(now[0]);

        assertEquals(List.of("10ms:1", "55ms:4", "60ms:1"), late);
    }

    @Test
    void aRunThatThrowsStopsTheLoopAndFailsTheDeferred() {
        IllegalStateException broken = new IllegalStateException("broken");
        int[] count = {0};
        LoopingCall loop = new LoopingCall(clock, () -> {
            if (++count[0] == 2) {
                throw broken;
            }
        });
        List<Object> stopped = outcomes(loop.start(SECOND));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(2, count[0]);
        assertEquals(List.of(broken), stopped);
        assertFalse(loop.isRunning());
    }

    @Test
    void aRunWhoseDeferredFailsStopsTheLoopWithThatFailure() {
        IOException lost = new IOException("lost");
        LoopingCall loop = new LoopingCall(clock, ticks -> Deferred.failed(lost));
        List<Object> stopped = outcomes(loop.start(SECOND));
        clock.advance(Duration.ZERO);
        assertEquals(List.of(lost), stopped);
        assertEquals(0, clock.pendingCalls());
    }

    @Test
    void stoppingWhileARunsDeferredIsPendingFiresWhenItFires() {
        List<Deferred<Void>> pending = new ArrayList<>();
        LoopingCall loop = waitingEachRun(clock, pending);
        List<Object> stopped = outcomes(loop.start(SECOND));
        clock.advance(Duration.ZERO);

        loop.stop();
        assertEquals(List.of(), stopped, "the run is still in progress");
        pending.get(0).callback(null);

        assertEquals(List.of(loop), stopped);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(1, pending.size(), "no further run");
    }

    @Test
    void aRunWhoseDeferredFiresAfterTheReactorShutDownEndsTheLoopInsteadOfSchedulingTheNext() {
        Reactor reactor = Reactor.open(clock.timers());
        List<Deferred<Void>> pending = new ArrayList<>();
        LoopingCall loop = waitingEachRun(reactor, pending);
        List<Object> stopped = outcomes(loop.start(SECOND));
        clock.advance(Duration.ZERO);

        reactor.close();
        pending.get(0).callback(null); // as a reply that the shutdown's onClose settles

        assertEquals(List.of(loop), stopped, "ended as stop() ends it");
        assertFalse(loop.isRunning());
        assertEquals(0, clock.pendingCalls());
        assertThrows(IllegalStateException.class, () -> loop.start(SECOND), "a closed reactor starts nothing");
    }

    @Test
    void itCannotStartAgainUntilAStoppedRunHasFinished() {
        List<Deferred<Void>> pending = new ArrayList<>();
        LoopingCall loop = waitingEachRun(clock, pending);
        List<Object> firstStopped = outcomes(loop.start(SECOND));
        clock.advance(Duration.ZERO);
        loop.stop();

        assertThrows(IllegalStateException.class, () -> loop.start(SECOND));
        pending.get(0).callback(null);
        assertEquals(List.of(loop), firstStopped);

        loop.start(SECOND);
        clock.advance(SECOND);
        assertEquals(2, pending.size());
        pending.get(1).callback(null);
        clock.advance(SECOND);
        assertEquals(3, pending.size(), "one run a second, from the new start only");
    }

    @Test
    void aRunMayStopItsOwnLoop() {
        LoopingCall[] self = new LoopingCall[1];
        int[] count = {0};
        self[0] = new LoopingCall(clock, () -> {
            if (++count[0] == 3) {
                self[0].stop();
            }
        });
        List<Object> stopped = outcomes(self[0].start(SECOND));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(3, count[0]);
        assertEquals(List.of(self[0]), stopped);
    }

    @Test
    void itCanStartAgainAfterStoppingButNotTwiceAtOnce() {
        LoopingCall loop = counting();
        loop.start(SECOND);
        assertThrows(IllegalStateException.class, () -> loop.start(SECOND));
        loop.stop();
        assertThrows(IllegalStateException.class, loop::stop);
        Deferred<LoopingCall> again = loop.start(SECOND);
        clock.advance(Duration.ZERO);
        assertEquals(List.of("0s:1"), runs);
        loop.stop();
        assertSame(loop, outcomes(again).get(0));
    }

    @Test
    void theIntervalMustBePositive() {
        LoopingCall loop = counting();
        assertThrows(IllegalArgumentException.class, () -> loop.start(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> loop.start(Duration.ofSeconds(-1)));
        assertFalse(loop.isRunning());
    }

    @Test
    void onAReactorItRunsOnTheReactorsTimers() {
        try (Reactor reactor = Reactor.open(clock.timers())) {
            new LoopingCall(reactor, () -> note(0)).start(SECOND);
            clock.advance(Duration.ofSeconds(2));
            assertEquals(List.of("0s:0", "1s:0", "2s:0"), runs);
        }
    }
}
