package dev.twine.framing;

import dev.twine.testing.Chunking;
import java.util.Arrays;

/**
 * How a fuzz target reads the fuzzer's bytes: the first picks the configuration of what is
 * fuzzed, the second how the stream is cut into reads, the rest is the stream. So a seed is easy to
 * write by hand — two bytes, then what a peer sends — and the fuzzer mutates configuration,
 * cutting and stream alike.
 *
 * @param config  the first byte, unsigned; 0 for an empty input
 * @param cut     the second byte, unsigned: 0 reads the stream whole, {@code n} cuts it into reads
 *                of 1, 2, ... {@code n} bytes, round and round
 * @param stream  the rest
 */
public record FuzzedStream(int config, int cut, byte[] stream) {

    public static FuzzedStream of(byte[] input) {
        int config = input.length > 0 ? input[0] & 0xFF : 0;
        int cut = input.length > 1 ? input[1] & 0xFF : 0;
        return new FuzzedStream(config, cut, input.length > 2 ? Arrays.copyOfRange(input, 2, input.length) : new byte[0]);
    }

    /** The reads {@link #cut} asks for, afresh. */
    public Chunking cutting() {
        if (cut == 0) {
            return Chunking.whole();
        }
        int[] next = {0};
        return available -> {
            next[0] = next[0] % cut + 1;
            return Math.min(next[0], available);
        };
    }

    /** One of {@code choices}, picked by {@code bits} of the configuration from bit {@code shift} on. */
    @SafeVarargs
    public final <T> T pick(int shift, int bits, T... choices) {
        return choices[((config >>> shift) & ((1 << bits) - 1)) % choices.length];
    }
}
