package dev.twine.processor.model;

import java.util.List;

/** How many bytes (or elements) a {@code byte[]}, {@code String} or {@code List} takes. */
public sealed interface Size {

    /** Exactly {@code bytes} bytes: {@code @FixedLength}. */
    record Fixed(int bytes) implements Size {}

    /** A byte count before the value: {@code @LengthPrefix}. */
    record LengthPrefix(int width, VarintKind varint, boolean bigEndian, int max) implements Size {}

    /** A byte count computed from earlier components: {@code @LengthFrom}. */
    record LengthFrom(String field, List<String> minus, int plus) implements Size {
        public LengthFrom {
            minus = List.copyOf(minus);
        }
    }

    /** Every byte left in the frame: {@code @Rest}. */
    record Rest() implements Size {}

    /** Up to a terminator byte, which is consumed: {@code @Terminated}. */
    record Terminated(byte terminator) implements Size {}

    /** An element count before the elements: {@code @CountPrefix}. */
    record CountPrefix(int width, VarintKind varint, boolean bigEndian, int max) implements Size {}

    /** An element count in an earlier component: {@code @CountFrom}. */
    record CountFrom(String field) implements Size {}
}
