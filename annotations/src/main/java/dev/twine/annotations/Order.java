package dev.twine.annotations;

/**
 * A byte order. {@link #PROTOCOL} means "the protocol's order" and is what field-level attributes
 * default to; a {@link Protocol} itself must say {@link #BIG_ENDIAN} or {@link #LITTLE_ENDIAN}.
 *
 * <pre>
 * the int 0x01020304 in BIG_ENDIAN:    01 02 03 04
 *                    in LITTLE_ENDIAN: 04 03 02 01
 * </pre>
 */
public enum Order {
    /** The order the enclosing {@link Protocol} declares. */
    PROTOCOL,
    /** Most significant byte first ("network order"). */
    BIG_ENDIAN,
    /** Least significant byte first. */
    LITTLE_ENDIAN
}
