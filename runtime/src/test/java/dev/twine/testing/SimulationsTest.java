package dev.twine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulationsTest {

    private final List<Long> seeds = new ArrayList<>();
    private String savedSeed;
    private String savedCount;

    /** Whatever the run was started with, these tests set the properties themselves. */
    @BeforeEach
    void clearProperties() {
        savedSeed = System.clearProperty(Simulations.SEED_PROPERTY);
        savedCount = System.clearProperty(Simulations.COUNT_PROPERTY);
    }

    @AfterEach
    void restoreProperties() {
        restore(Simulations.SEED_PROPERTY, savedSeed);
        restore(Simulations.COUNT_PROPERTY, savedCount);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void runsEachSeedInOrder() {
        Simulations.forEachSeed(5, 3, seeds::add);
        assertEquals(List.of(5L, 6L, 7L), seeds);
    }

    @Test
    void aFailureStopsTheSweepAndNamesItsSeedAndHowToReplayIt() {
        IOException boom = new IOException("boom");
        AssertionError failure = assertThrows(AssertionError.class, () -> Simulations.forEachSeed(10, 100, seed -> {
            seeds.add(seed);
            if (seed == 14) {
                throw boom;
            }
        }));
        assertEquals(List.of(10L, 11L, 12L, 13L, 14L), seeds);
        assertEquals("seed 14 failed (seeds 10 to 13 passed); replay it alone with -Dtwine.sim.seed=14: "
                + "java.io.IOException: boom", failure.getMessage());
        assertSame(boom, failure.getCause());
    }

    @Test
    void theSeedPropertyReplaysThatSeedAlone() {
        System.setProperty(Simulations.SEED_PROPERTY, "1234");
        Simulations.forEachSeed(0, 2_000, seeds::add);
        assertEquals(List.of(1234L), seeds);

        AssertionError failure = assertThrows(AssertionError.class,
                () -> Simulations.forEachSeed(0, 2_000, seed -> {
                    throw new AssertionError("still broken");
                }));
        assertTrue(failure.getMessage().startsWith("seed 1234 failed; replay it alone with -Dtwine.sim.seed=1234"),
                failure.getMessage());
    }

    @Test
    void theCountPropertySweepsMoreSeeds() {
        System.setProperty(Simulations.COUNT_PROPERTY, "5");
        Simulations.forEachSeed(100, 2, seeds::add);
        assertEquals(List.of(100L, 101L, 102L, 103L, 104L), seeds);
    }
}
