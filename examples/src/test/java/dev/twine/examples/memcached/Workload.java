package dev.twine.examples.memcached;

import dev.twine.testing.NetworkConditions;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * What a memcached simulation throws at the server, drawn from the seed: a few keys, so commands
 * collide; short values; counters near the edges of 64 bits; and a network profile per seed.
 *
 * <p>Text keys only ever hold letters (so incr on them is always non-numeric), counter keys only
 * decimal numbers (so the model's reading of a number needs no corner of {@code strtoull}).
 */
final class Workload {

    private static final List<String> TEXT_KEYS = List.of("t0", "t1", "t2", "t3");
    private static final List<String> COUNTER_KEYS = List.of("n0", "n1", "n2");

    /** incr and decr deltas: -1 is 2^64 - 1, which wraps an incr round to one less. */
    private static final long[] DELTAS = {0, 1, 7, 1000, -1};
    private static final long[] INITIALS = {0, 5, -1};

    private final SplittableRandom random;
    private final String keyPrefix;

    /** Material drawn from {@code random}, with keys of its own that start with {@code keyPrefix}. */
    Workload(SplittableRandom random, String keyPrefix) {
        this.random = random;
        this.keyPrefix = keyPrefix;
    }

    /**
     * The network a seed gets: a quarter each of a quick one; a slow one whose round trips of up
     * to 1.4 s outlast a 1 s timeout; a quick one that resets half its connections mid-conversation;
     * and a slow one with tiny segments, reads and window that resets half its connections.
     */
    static NetworkConditions conditionsFor(long seed) {
        NetworkConditions quick = NetworkConditions.defaults();
        return switch ((int) Math.floorMod(seed, 4L)) {
            case 0 -> quick;
            case 1 -> quick.withLatency(Duration.ofMillis(1), Duration.ofMillis(700));
            case 2 -> quick.withResets(0.5, Duration.ofMillis(40));
            default -> quick.withLatency(Duration.ofMillis(1), Duration.ofMillis(600)).withMaxSegmentSize(16)
                    .withMaxReadSize(16).withReceiveWindow(256).withResets(0.5, Duration.ofSeconds(2));
        };
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean nextBoolean() {
        return random.nextBoolean();
    }

    /** Shows text in a description: whole if short, else its length and start. */
    static String abbreviate(String text) {
        return text.length() <= 80 ? text : "(" + text.length() + " chars) " + text.substring(0, 40) + "...";
    }

    /** A pause between bursts of requests: up to 3 ms, so bursts overlap on a slow network. */
    Duration pause() {
        return Duration.ofNanos(random.nextLong(3_000_000));
    }

    String textKey() {
        return keyPrefix + TEXT_KEYS.get(random.nextInt(TEXT_KEYS.size()));
    }

    String counterKey() {
        return keyPrefix + COUNTER_KEYS.get(random.nextInt(COUNTER_KEYS.size()));
    }

    /** Every key this workload uses. */
    List<String> keys() {
        return Stream.concat(TEXT_KEYS.stream(), COUNTER_KEYS.stream()).map(key -> keyPrefix + key)
                .toList();
    }

    /**
     * Small write-buffer watermarks for the server's side of a connection, one time in two: then
     * the server's connection table stops reading whenever replies back up, and resumes as they
     * drain — the path a slow reader takes.
     *
     * @return {@code {low, high}}, or {@code null} to leave the defaults
     */
    int[] serverWatermarks() {
        return random.nextBoolean() ? new int[] {16 + random.nextInt(32), 64 + random.nextInt(128)} : null;
    }

    int flags() {
        return random.nextInt(4);
    }

    /**
     * Zero to six lowercase letters, or one time in sixteen a hundred to three thousand: a frame
     * that spans many segments and, stored and read back, makes replies back up.
     */
    String letters() {
        StringBuilder value = new StringBuilder();
        for (int i = random.nextInt(16) == 0 ? 100 + random.nextInt(2900) : random.nextInt(7); i > 0; i--) {
            value.append((char) ('a' + random.nextInt(26)));
        }
        return value.toString();
    }

    /** A decimal number of one to four digits, leading zeros and all. */
    String digits() {
        StringBuilder value = new StringBuilder();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            value.append((char) ('0' + random.nextInt(10)));
        }
        return value.toString();
    }

    long delta() {
        return DELTAS[random.nextInt(DELTAS.length)];
    }

    long initial() {
        return INITIALS[random.nextInt(INITIALS.length)];
    }
}
