package dev.twine.annotations;

/**
 * A variable-length unsigned integer encoding, for a {@link LengthField}, a {@link LengthPrefix},
 * a {@link CountPrefix} or an integer component ({@link Field#varint()}).
 *
 * <p>Both encodings put 7 bits of the value in each byte, least significant group first, with the
 * top bit of a byte set when another byte follows:
 *
 * <pre>
 * 0        -&gt; 00
 * 127      -&gt; 7f
 * 128      -&gt; 80 01
 * 16383    -&gt; ff 7f
 * 2097152  -&gt; 80 80 80 01
 * </pre>
 */
public enum Varint {
    /** Not a varint: the attribute's fixed {@code width} applies. */
    NONE,
    /**
     * Unsigned LEB128 (protobuf's varint): up to 10 bytes, values up to 2<sup>64</sup> - 1. A
     * value that does not fit the Java type it is read into is a corrupt frame.
     */
    LEB128,
    /**
     * MQTT's "Variable Byte Integer" (MQTT 3.1.1 section 2.2.3): at most 4 bytes, values up to
     * 268,435,455. A fifth byte is a corrupt frame.
     */
    MQTT
}
