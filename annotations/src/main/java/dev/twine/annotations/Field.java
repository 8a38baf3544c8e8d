package dev.twine.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a scalar component is laid out, when its Java type's natural encoding is not the wire's.
 * Without it: {@code byte} 1 byte, {@code short} 2, {@code int} 4, {@code long} 8, all signed,
 * two's complement; {@code boolean} 1 byte (0 false, anything else true; written as 1);
 * {@code float} 4 and {@code double} 8 bytes, IEEE 754; an enum 1 unsigned byte holding its
 * constant's {@link Code}. All in the protocol's byte order.
 *
 * <pre>{@code
 * @Field(width = 3, order = Order.LITTLE_ENDIAN) int offset   // 0x010203 -> 03 02 01
 * @Field(width = 2, unsigned = true) int port                 // ff ff -> 65535, not -1
 * @Field(varint = Varint.LEB128) long id                      // 300 -> ac 02
 * @Field(width = 2) Status status                              // enum, 2-byte code
 * }</pre>
 *
 * A width narrower than the type reads a signed value with sign extension, an unsigned one with
 * zeros; the encoder rejects a value the width cannot hold. An unsigned field as wide as its
 * type (an unsigned 8-byte {@code long}) keeps the bit pattern, as {@link Long#toUnsignedString}
 * expects.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Field {

    /** Bytes on the wire, 1 to 8, at most the type's own width; 0 means the type's natural width. */
    int width() default 0;

    /** Whether the wire value is unsigned. */
    boolean unsigned() default false;

    /** Byte order, when it differs from the protocol's. */
    Order order() default Order.PROTOCOL;

    /** A variable-length integer instead of a fixed width ({@code int} and {@code long} only). */
    Varint varint() default Varint.NONE;
}
