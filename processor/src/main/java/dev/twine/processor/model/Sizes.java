package dev.twine.processor.model;

import java.util.OptionalInt;

/** Byte counts of layouts, known before any frame is seen. */
public final class Sizes {

    private Sizes() {}

    /**
     * The bytes {@code component} always takes, when that is the same for every frame: fixed-width
     * scalars, fixed-length blobs, and records made only of those. Empty when it varies.
     */
    public static OptionalInt fixed(ComponentModel component) {
        if (component.condition() != null) {
            return OptionalInt.empty();
        }
        return fixed(component.encoding());
    }

    static OptionalInt fixed(Encoding encoding) {
        if (encoding instanceof Encoding.Scalar scalar) {
            return scalar.isVarint() ? OptionalInt.empty() : OptionalInt.of(scalar.width());
        } else if (encoding instanceof Encoding.Blob blob) {
            return blob.size() instanceof Size.Fixed fixed
                    ? OptionalInt.of(fixed.bytes()) : OptionalInt.empty();
        } else if (encoding instanceof Encoding.Nested nested) {
            return fixed(nested.record());
        } else if (encoding instanceof Encoding.Sequence) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(0); // @Tag, @TagFlags: no bytes of their own
    }

    /** The bytes a record always takes, or empty when that varies. */
    public static OptionalInt fixed(RecordModel record) {
        int total = 0;
        for (ComponentModel component : record.components()) {
            OptionalInt size = fixed(component);
            if (size.isEmpty()) {
                return size;
            }
            total += size.getAsInt();
        }
        return OptionalInt.of(total);
    }

    /** The fewest bytes a record can take: how a count from the wire is bounded before allocating. */
    public static int minimum(RecordModel record) {
        int total = 0;
        for (ComponentModel component : record.components()) {
            total += minimum(component);
        }
        return total;
    }

    static int minimum(ComponentModel component) {
        return component.condition() != null ? 0 : minimum(component.encoding());
    }

    /** The fewest bytes one value of {@code encoding} can take. */
    public static int minimum(Encoding encoding) {
        if (encoding instanceof Encoding.Scalar scalar) {
            return scalar.isVarint() ? 1 : scalar.width();
        } else if (encoding instanceof Encoding.Blob blob) {
            return minimumOf(blob.size());
        } else if (encoding instanceof Encoding.Sequence sequence) {
            return minimumOf(sequence.size());
        } else if (encoding instanceof Encoding.Nested nested) {
            return minimum(nested.record());
        }
        return 0;
    }

    private static int minimumOf(Size size) {
        if (size instanceof Size.Fixed fixed) {
            return fixed.bytes();
        } else if (size instanceof Size.LengthPrefix prefix) {
            return prefix.width() == 0 ? 1 : prefix.width();
        } else if (size instanceof Size.CountPrefix prefix) {
            return prefix.width() == 0 ? 1 : prefix.width();
        } else if (size instanceof Size.Terminated) {
            return 1;
        }
        return 0;
    }
}
