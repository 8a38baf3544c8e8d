package dev.twine.processor.model;

import com.palantir.javapoet.TypeName;

/** How one component is laid out on the wire. */
public sealed interface Encoding {

    /** What kind of scalar a {@link Scalar} is. */
    enum ScalarKind { INTEGER, BOOLEAN, FLOAT, DOUBLE, ENUM }

    /**
     * A number, boolean or enum of fixed width (or a varint integer).
     *
     * @param javaType the component's Java type, primitive or boxed
     * @param enumType the enum's codes when {@code kind} is {@code ENUM}, else {@code null}
     */
    record Scalar(ScalarKind kind, TypeName javaType, int width, boolean unsigned, boolean bigEndian,
            VarintKind varint, EnumModel enumType) implements Encoding {

        public boolean isVarint() {
            return varint != VarintKind.NONE;
        }

        /** The primitive type values are read as: {@code javaType} unboxed. */
        public TypeName primitive() {
            return javaType.isBoxedPrimitive() ? javaType.unbox() : javaType;
        }

        /** Bits in the primitive type (for integers: how wide a value the type holds). */
        public int typeBits() {
            TypeName p = primitive();
            if (p.equals(TypeName.BYTE)) {
                return 8;
            } else if (p.equals(TypeName.SHORT)) {
                return 16;
            } else if (p.equals(TypeName.INT) || p.equals(TypeName.FLOAT)) {
                return 32;
            }
            return 64;
        }
    }

    /** Kinds of byte sequence. */
    enum BlobKind { BYTES, UTF8, ASCII }

    /** A {@code byte[]} or a {@code String}. */
    record Blob(BlobKind kind, Size size) implements Encoding {}

    /** A {@code List} of records or scalars. */
    record Sequence(TypeName elementType, Encoding element, Size size) implements Encoding {}

    /** A record laid out inline, its components in place. */
    record Nested(RecordModel record) implements Encoding {}

    /** The frame's tag, read from and written to the protocol's tag field: {@code @Tag}. */
    record TagValue() implements Encoding {}

    /** The tag field's flag bits: {@code @TagFlags}. */
    record TagFlagsValue() implements Encoding {}
}
