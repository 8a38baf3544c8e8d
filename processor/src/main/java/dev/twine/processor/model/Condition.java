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
        return describe(true);
    }

    /** The condition's opposite in words: "bit 7 of flags is clear". */
    public String describeFalse() {
        return describe(false);
    }

    private String describe(boolean holds) {
        if (!testsBits()) {
            return field + (holds ? " == " : " != ") + equals;
        }
        return Long.bitCount(mask) == 1
                ? "bit " + Long.numberOfTrailingZeros(mask) + " of " + field + (holds ? " is set" : " is clear")
                : field + " & 0x" + Long.toHexString(mask) + (holds ? " is not 0" : " is 0");
    }
}
