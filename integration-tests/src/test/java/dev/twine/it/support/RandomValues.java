package dev.twine.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random values for random frames, leaning on the edges where codecs break: the extremes of each
 * width, empty values, and lengths on both sides of a prefix's or varint's byte boundaries.
 */
public final class RandomValues {

    /** Code points of one, two, three and four UTF-8 bytes (the last a surrogate pair in Java). */
    private static final int[][] CODE_POINT_RANGES = {{0x01, 0x7f}, {0x80, 0x7ff}, {0x800, 0xd7ff},
            {0xe000, 0xfffd}, {0x10000, 0x10ffff}};

    private final Random random;

    public RandomValues(Random random) {
        this.random = random;
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    /** Uniform in {@code [min, max]}. */
    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** One of {@code choices}. */
    @SafeVarargs
    public final <T> T oneOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A signed integer that fits {@code bytes} bytes, often one of its extremes, 0 or -1. */
    public long signed(int bytes) {
        long max = bytes == 8 ? Long.MAX_VALUE : (1L << (8 * bytes - 1)) - 1;
        long min = -max - 1;
        return switch (random.nextInt(8)) {
            case 0 -> oneOf(min, max, 0L, -1L, 1L);
            case 1 -> random.nextInt(256) - 128;
            default -> random.nextLong() >> (64 - 8 * bytes);
        };
    }

    /**
     * An unsigned integer that fits {@code bytes} bytes, often one of its extremes; for 8 bytes,
     * any bit pattern.
     */
    public long unsigned(int bytes) {
        long max = bytes == 8 ? -1L : (1L << (8 * bytes)) - 1;
        return switch (random.nextInt(8)) {
            case 0 -> oneOf(0L, 1L, max, max >>> 1, (max >>> 1) + 1);
            case 1 -> random.nextInt(256) & max;
            default -> random.nextLong() >>> (64 - 8 * bytes);
        };
    }

    /**
     * A length from 0 to {@code max}: mostly short, sometimes anywhere, sometimes on a boundary
     * where a one-byte varint becomes two (127, 128) or a one-byte prefix runs out (255).
     */
    public int length(int max) {
        int length = switch (random.nextInt(10)) {
            case 0 -> oneOf(0, 1, 127, 128, 255, max);
            case 1, 2 -> random.nextInt(max + 1);
            default -> random.nextInt(Math.min(max, 16) + 1);
        };
        return Math.min(length, max);
    }

    public byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Random bytes of which none is {@code excluded}. */
    public byte[] bytesWithout(int length, byte excluded) {
        byte[] bytes = bytes(length);
        for (int i = 0; i < length; i++) {
            while (bytes[i] == excluded) {
                bytes[i] = (byte) random.nextInt(256);
            }
        }
        return bytes;
    }

    /** Printable ASCII: no control characters, so no terminator a test uses. */
    public String ascii(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) between(0x20, 0x7e));
        }
        return out.toString();
    }

    /**
     * Text of UTF-8 characters of every size, at most {@code maxBytes} bytes long when encoded. It
     * never contains U+0000, so it survives zero padding and zero terminators.
     */
    public String utf8(int maxBytes) {
        StringBuilder out = new StringBuilder();
        int budget = length(maxBytes);
        while (true) {
            int[] range = CODE_POINT_RANGES[random.nextInt(CODE_POINT_RANGES.length)];
            int codePoint = between(range[0], range[1]);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (size > budget) {
                return out.toString();
            }
            out.appendCodePoint(codePoint);
            budget -= size;
        }
    }

    /** A list of {@code count} elements from {@code element}. */
    public <T> List<T> list(int count, Supplier<T> element) {
        List<T> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(element.get());
        }
        return list;
    }
}
