package dev.twine.examples.memcached;

import java.util.Arrays;

/**
 * The decimal text that memcached's incr and decr work on, read and written as memcached 1.6 does.
 *
 * <p>Reading follows {@code safe_strtoull}, which is C's {@code strtoull} plus two checks: leading
 * white space is skipped; an optional {@code +} or {@code -} follows; then at least one digit, with
 * any number of leading zeros, up to 2^64 - 1; the number must end at white space, a NUL byte or
 * the end of the value. {@code strtoull} negates a {@code -} number modulo 2^64, and
 * {@code safe_strtoull} rejects the result only when its top bit is set: so {@code "-0"} reads as
 * 0 while {@code "-1"} is not a number.
 *
 * <p>Writing follows {@code do_add_delta}: a result no longer than the old value is written over it
 * in place, so it keeps the old length and is padded on the right with spaces ({@code "10"} decr 1
 * is {@code "9 "}); a longer result gets a value of its own length.
 */
final class UnsignedDecimal {

    private static final long MAX_DIV_10 = Long.divideUnsigned(-1L, 10);
    private static final long MAX_LAST_DIGIT = Long.remainderUnsigned(-1L, 10);

    private UnsignedDecimal() {}

    /**
     * The unsigned 64-bit number {@code text} holds.
     *
     * @throws NumberFormatException if memcached would answer that the value is not numeric
     */
    static long parse(byte[] text) {
        int at = 0;
        while (at < text.length && isSpace(text[at])) {
            at++;
        }
        boolean negative = at < text.length && text[at] == '-';
        if (at < text.length && (text[at] == '+' || negative)) {
            at++;
        }
        int digitsStart = at;
        long value = 0;
        boolean overflow = false;
        for (; at < text.length && text[at] >= '0' && text[at] <= '9'; at++) {
            int digit = text[at] - '0';
            overflow |= Long.compareUnsigned(value, MAX_DIV_10) > 0
                    || (value == MAX_DIV_10 && digit > MAX_LAST_DIGIT);
            value = value * 10 + digit;
        }
        if (at == digitsStart) {
            throw new NumberFormatException("no digits");
        }
        if (overflow) {
            throw new NumberFormatException("more than 2^64 - 1");
        }
        if (at < text.length && !isSpace(text[at]) && text[at] != 0) {
            throw new NumberFormatException("a non-digit follows the number at " + at);
        }
        if (negative) {
            value = -value;
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
        }
        return value;
    }

    /**
     * {@code value} as unsigned decimal digits, padded on the right with spaces to
     * {@code minLength} bytes when it is shorter.
     */
    static byte[] format(long value, int minLength) {
        int digits = digitCount(value);
        byte[] text = new byte[Math.max(digits, minLength)];
        Arrays.fill(text, digits, text.length, (byte) ' ');
        long rest = value;
        for (int at = digits - 1; at >= 0; at--) {
            text[at] = (byte) ('0' + Long.remainderUnsigned(rest, 10));
            rest = Long.divideUnsigned(rest, 10);
        }
        return text;
    }

    private static int digitCount(long value) {
        int count = 1;
        for (long rest = Long.divideUnsigned(value, 10); rest != 0; rest /= 10) {
            count++;
        }
        return count;
    }

    /** C's {@code isspace} in the "C" locale. */
    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
