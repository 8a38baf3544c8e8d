package dev.twine.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: how long to wait before each retry. Retry {@code n} (from 0)
 * waits {@code initialDelay × factor}<sup>n</sup>, at most {@code maxDelay}, then spread uniformly
 * by ±{@code jitter} of itself (and still at most {@code maxDelay}), so that clients that lost the
 * same server at the same moment do not all come back at the same moment.
 *
 * <pre>{@code
 * Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30));
 * // retries wait about 0.1 s, 0.2 s, 0.4 s, ... 25.6 s, then 30 s; each ±20 %
 * }</pre>
 *
 * The randomness is the caller's: a seeded {@link RandomGenerator} makes the delays repeatable,
 * which is how tests pin them down.
 *
 * @param initialDelay the delay before the first retry, before jitter; positive
 * @param maxDelay     the longest delay, jitter included; at least {@code initialDelay}
 * @param factor       how much longer each delay is than the one before; at least 1
 * @param jitter       the fraction by which a delay may vary either way; 0 (none) to 1
 */
public record Backoff(Duration initialDelay, Duration maxDelay, double factor, double jitter) {

    /** The factor {@link #exponential} uses: each wait twice the one before. */
    public static final double DEFAULT_FACTOR = 2.0;

    /** The jitter {@link #exponential} uses: ±20 %. */
    public static final double DEFAULT_JITTER = 0.2;

    public Backoff {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive, was " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay " + initialDelay);
        }
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("factor must be at least 1, was " + factor);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
    }

    /** Doubling delays from {@code initialDelay} up to {@code maxDelay}, with ±20 % jitter. */
    public static Backoff exponential(Duration initialDelay, Duration maxDelay) {
        return new Backoff(initialDelay, maxDelay, DEFAULT_FACTOR, DEFAULT_JITTER);
    }

    public Backoff withFactor(double newFactor) {
        return new Backoff(initialDelay, maxDelay, newFactor, jitter);
    }

    public Backoff withJitter(double newJitter) {
        return new Backoff(initialDelay, maxDelay, factor, newJitter);
    }

    /**
     * The delay before retry number {@code retry} (0 for the first), drawing the jitter from
     * {@code random}.
     *
     * @throws IllegalArgumentException if {@code retry} is negative
     */
    public Duration delay(int retry, RandomGenerator random) {
        if (retry < 0) {
            throw new IllegalArgumentException("retry must be 0 or more, was " + retry);
        }
        double max = maxDelay.toNanos();
        double base = Math.min(max, initialDelay.toNanos() * Math.pow(factor, retry));
        double spread = jitter == 0 ? 0 : jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos((long) Math.min(max, base * (1 + spread)));
    }
}
