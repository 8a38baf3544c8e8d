package dev.twine.testing;

/**
 * Runs one test body for many seeds, and turns a failure into the one command that replays it.
 *
 * <pre>{@code
 * @Test
 * void everyRequestIsAnsweredOrFails() {
 *     Simulations.forEachSeed(0, 2_000, seed -> {
 *         var network = new SimulatedNetwork(seed);
 *         // ... a whole conversation over network, then assertions
 *     });
 * }
 * }</pre>
 *
 * A failing seed stops the sweep with an {@link AssertionError} whose message names the seed and
 * how to run it alone (its cause is the original failure):
 *
 * <pre>
 * seed 1234 failed (seeds 0 to 1233 passed); replay it alone with -Dtwine.sim.seed=1234
 * </pre>
 *
 * <p>With Maven, {@code mvn test -Dtest=TheTest#theMethod -Dtwine.sim.seed=1234} runs that seed
 * only; add {@code -Dtwine.sim.trace=true} to see every network event ({@link SimulatedNetwork}).
 * {@code -Dtwine.sim.count=100000} sweeps more seeds than the test asks for, for a longer soak.
 */
public final class Simulations {

    /** The system property that, when set, makes every sweep run that one seed only. */
    public static final String SEED_PROPERTY = "twine.sim.seed";

    /** The system property that, when set, overrides how many seeds every sweep runs. */
    public static final String COUNT_PROPERTY = "twine.sim.count";

    private Simulations() {}

    /** A test body run once per seed. */
    @FunctionalInterface
    public interface SeededRun {
        void run(long seed) throws Exception;
    }

    /**
     * Runs {@code body} for the seeds {@code from} to {@code from + count - 1} in order, stopping
     * at the first that fails — or, with {@value #SEED_PROPERTY} set, for that seed alone.
     *
     * @throws AssertionError naming the seed that failed and how to replay it
     */
    public static void forEachSeed(long from, int count, SeededRun body) {
        String replay = System.getProperty(SEED_PROPERTY);
        if (replay != null) {
            long seed = Long.parseLong(replay.trim());
            run(seed, seed, body);
            return;
        }
        int seeds = Integer.getInteger(COUNT_PROPERTY, count);
        for (long seed = from; seed - from < seeds; seed++) {
            run(seed, from, body);
        }
    }

    private static void run(long seed, long from, SeededRun body) {
        try {
            body.run(seed);
        } catch (Throwable failure) {
            String passed = seed == from ? "" : " (seeds " + from + " to " + (seed - 1) + " passed)";
            throw new AssertionError("seed " + seed + " failed" + passed + "; replay it alone with -D"
                    + SEED_PROPERTY + "=" + seed + ": " + failure, failure);
        }
    }
}
