package dev.twine.examples.memcached;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The words of one text-protocol command line, split as memcached splits them: on spaces only, so
 * that a tab or a stray {@code \r} stays inside a word. The words are views on the line, which is
 * valid only during the frame callback that split it. Numbers are read as memcached's
 * {@code safe_strto*} functions read them, quirks included, so that a client gets the same answer
 * from both servers. Reactor thread only: one instance serves every connection, a line at a time.
 */
final class TextTokens {

    /** Where each word starts and ends in the line; they grow to the most words a line had. */
    private int[] starts = new int[24];
    private int[] ends = new int[24];
    private ByteBuffer line;
    private int count;

    /** Splits {@code line} (its remaining bytes) into words; the line itself is not consumed. */
    void split(ByteBuffer line) {
        this.line = line;
        count = 0;
        int start = -1;
        for (int i = line.position(); i < line.limit(); i++) {
            boolean space = line.get(i) == ' ';
            if (!space && start < 0) {
                start = i;
            } else if (space && start >= 0) {
                add(start, i);
                start = -1;
            }
        }
        if (start >= 0) {
            add(start, line.limit());
        }
    }

    private void add(int start, int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    int count() {
        return count;
    }

    int length(int word) {
        return ends[word] - starts[word];
    }

    /** Whether word {@code word} is exactly {@code text} (ASCII). */
    boolean is(int word, String text) {
        return length(word) == text.length() && startsWith(word, text);
    }

    boolean startsWith(int word, String prefix) {
        if (length(word) < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line.get(starts[word] + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the last word is {@code noreply}, which is where memcached looks for it. */
    boolean endsWithNoreply() {
        return count > 0 && is(count - 1, "noreply");
    }

    /** The word's bytes, in an array of their own: a key, as the store takes keys. */
    byte[] bytes(int word) {
        byte[] bytes = new byte[length(word)];
        line.get(starts[word], bytes);
        return bytes;
    }

    /** The word as a string of one char per byte. */
    String string(int word) {
        return new String(bytes(word), StandardCharsets.ISO_8859_1);
    }

    /**
     * The word as memcached's {@code safe_strtoull} (and {@code safe_strtoul}, whose caller keeps
     * the low 32 bits) reads it: C's {@code strtoull}, which takes a sign and wraps a negative
     * number around, then refuses a result that looks negative when a minus sign was written.
     *
     * @throws NumberFormatException if memcached would refuse it
     */
    long unsigned(int word) {
        long value = parse(word, false);
        if (value < 0 && hasMinus(word)) {
            throw new NumberFormatException("negative: " + string(word));
        }
        return value;
    }

    /**
     * The word as memcached's {@code safe_strtol} reads it: C's 64-bit {@code strtol}. Its caller
     * keeps the low 32 bits, so {@code 4294967297} is 1 to memcached, and to us.
     *
     * @throws NumberFormatException if memcached would refuse it
     */
    long signed(int word) {
        return parse(word, true);
    }

    private boolean hasMinus(int word) {
        for (int i = starts[word]; i < ends[word]; i++) {
            if (line.get(i) == '-') {
                return true;
            }
        }
        return false;
    }

    /**
     * C's {@code strtol}/{@code strtoull} in base 10: leading white space, an optional sign, at
     * least one digit, out of range refused (ERANGE); then, as memcached checks, nothing after the
     * digits but the end of the word or white space.
     */
    private long parse(int word, boolean signed) {
        int i = starts[word];
        final int end = ends[word];
        while (i < end && isSpace(line.get(i))) {
            i++;
        }
        boolean negative = false;
        if (i < end && (line.get(i) == '+' || line.get(i) == '-')) {
            negative = line.get(i) == '-';
            i++;
        }
        final int firstDigit = i;
        long magnitude = 0;
        for (; i < end && line.get(i) >= '0' && line.get(i) <= '9'; i++) {
            long times10 = magnitude * 10;
            if (Long.compareUnsigned(magnitude, Long.divideUnsigned(-1L, 10)) > 0
                    || Long.compareUnsigned(times10 + (line.get(i) - '0'), times10) < 0) {
                throw new NumberFormatException("out of range: " + string(word));
            }
            magnitude = times10 + (line.get(i) - '0');
        }
        if (i == firstDigit || i < end && !isSpace(line.get(i))) {
            throw new NumberFormatException("not a number: " + string(word));
        }
        if (signed && Long.compareUnsigned(magnitude, negative ? Long.MIN_VALUE : Long.MAX_VALUE) > 0) {
            throw new NumberFormatException("out of range: " + string(word));
        }
        return negative ? -magnitude : magnitude;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b >= '\t' && b <= '\r';
    }
}
