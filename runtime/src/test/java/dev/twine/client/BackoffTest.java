package dev.twine.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final RandomGenerator UNUSED = new SplittableRandom(0);

    private static List<Long> millis(Backoff backoff, int retries, RandomGenerator random) {
        List<Long> delays = new ArrayList<>();
        for (int retry = 0; retry < retries; retry++) {
            delays.add(backoff.delay(retry, random).toMillis());
        }
        return delays;
    }

    @Test
    void withoutJitterEachDelayIsTheFactorTimesTheLastUpToTheMaximum() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).withJitter(0);
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), millis(backoff, 6, UNUSED));
    }

    @Test
    void theFactorIsAdjustableAndOneMeansAFixedDelay() {
        Backoff fixed = Backoff.exponential(Duration.ofMillis(250), Duration.ofSeconds(1)).withJitter(0).withFactor(1);
        assertEquals(List.of(250L, 250L, 250L), millis(fixed, 3, UNUSED));
        Backoff triple = fixed.withFactor(3);
        assertEquals(List.of(250L, 750L, 1000L), millis(triple, 3, UNUSED));
    }

    @Test
    void jitterSpreadsEachDelayWithinItsFractionAndNeverPastTheMaximum() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));
        RandomGenerator random = new SplittableRandom(7);
        boolean sawBelow = false;
        boolean sawAbove = false;
        for (int i = 0; i < 1_000; i++) {
            long first = backoff.delay(0, random).toNanos();
            assertTrue(first >= 80_000_000L && first <= 120_000_000L, "within ±20 % of 100 ms: " + first);
            sawBelow |= first < 100_000_000L;
            sawAbove |= first > 100_000_000L;
            long capped = backoff.delay(20, random).toNanos();
            assertTrue(capped >= 800_000_000L && capped <= 1_000_000_000L, "below the cap, at most it: " + capped);
        }
        assertTrue(sawBelow && sawAbove, "both ways");
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30));
        assertEquals(millis(backoff, 10, new SplittableRandom(42)), millis(backoff, 10, new SplittableRandom(42)));
        assertNotEquals(millis(backoff, 10, new SplittableRandom(42)), millis(backoff, 10, new SplittableRandom(43)));
    }

    @Test
    void aVeryLateRetryStaysAtTheMaximum() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofMinutes(5)).withJitter(0);
        assertEquals(Duration.ofMinutes(5), backoff.delay(Integer.MAX_VALUE, UNUSED));
    }

    @Test
    void nonsenseIsRefused() {
        Duration second = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> Backoff.exponential(Duration.ZERO, second));
        assertThrows(IllegalArgumentException.class, () -> Backoff.exponential(second, Duration.ofMillis(999)));
        Backoff backoff = Backoff.exponential(second, second);
        assertThrows(IllegalArgumentException.class, () -> backoff.withFactor(0.5));
        assertThrows(IllegalArgumentException.class, () -> backoff.withFactor(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> backoff.withJitter(1.5));
        assertThrows(IllegalArgumentException.class, () -> backoff.withJitter(-0.1));
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(-1, UNUSED));
    }
}
