package dev.twine.processor.model;

/**
 * When a {@code @PresentIf} component is on the wire.
 *
 * @param field  the earlier component the condition reads (a path: {@code flags} or
 *               {@code header.flags})
 * @param mask   bits of which one must be set, or 0 to compare with {@code equals}
 * @param equals the value the field must have when {@code mask} is 0
 */
public record Condition(String field, long mask, long equals) {

    public boolean testsBits() {
        return mask != 0;
    }

    /** The condition in words, for messages and layout tables: "bit 7 of flags is set". */
    public String describe() {
        if (!testsBits()) {
            return field + " == " + equals;
        }
        return Long.bitCount(mask) == 1
                ? "bit " + Long.numberOfTrailingZeros(mask) + " of " + field + " is set"
                : field + " & 0x" + Long.toHexString(mask) + " is not 0";
    }
}
