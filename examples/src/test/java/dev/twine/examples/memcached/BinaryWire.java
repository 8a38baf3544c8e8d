package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Binary packets built by hand from memcached's {@code protocol_binary.txt}, independent of the
 * generated encoder, for tests to send and to compare with what the server writes.
 */
final class BinaryWire {

    static final byte[] NONE = {};

    private BinaryWire() {}

    /** Bytes written as the spec writes them: hex pairs, spaces ignored. */
    static byte[] hex(String pairs) {
        return HexFormat.of().parseHex(pairs.replace(" ", "").replace("\n", ""));
    }

    static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }

    /** A request whose header lengths agree with its extras, key and value. */
    static byte[] request(int opcode, int opaque, long cas, byte[] extras, String key, byte[] value) {
        final byte[] keyBytes = key.getBytes(ISO_8859_1);
        return request(opcode, keyBytes.length, extras.length, opaque, cas,
                concat(extras, keyBytes, value));
    }

    /** A request with the header lengths given, whatever the body is. */
    static byte[] request(int opcode, int keyLength, int extrasLength, int opaque, long cas, byte[] body) {
        return ByteBuffer.allocate(24 + body.length)
                .put((byte) 0x80).put((byte) opcode).putShort((short) keyLength).put((byte) extrasLength)
                .put((byte) 0).putShort((short) 0).putInt(body.length).putInt(opaque).putLong(cas)
                .put(body).array();
    }

    /** A response, as memcached writes it. */
    static byte[] response(int opcode, int status, int opaque, long cas, byte[] extras, String key, byte[] value) {
        final byte[] keyBytes = key.getBytes(ISO_8859_1);
        final int bodyLength = extras.length + keyBytes.length + value.length;
        return ByteBuffer.allocate(24 + bodyLength)
                .put((byte) 0x81).put((byte) opcode).putShort((short) keyBytes.length).put((byte) extras.length)
                .put((byte) 0).putShort((short) status).putInt(bodyLength).putInt(opaque).putLong(cas)
                .put(extras).put(keyBytes).put(value).array();
    }

    /** A response with neither extras nor key nor value. */
    static byte[] success(int opcode, int opaque, long cas) {
        return response(opcode, 0, opaque, cas, NONE, "", NONE);
    }

    /** An error response: the status and memcached's text for it. */
    static byte[] error(int opcode, int status, int opaque, String text) {
        return response(opcode, status, opaque, 0, NONE, "", ascii(text));
    }

    static byte[] int32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    /** set/add/replace extras: flags, then expiration. */
    static byte[] flagsAndExpiry(int flags, int expiration) {
        return ByteBuffer.allocate(8).putInt(flags).putInt(expiration).array();
    }

    /** incr/decr extras: delta, initial value, expiration. */
    static byte[] counter(long delta, long initial, int expiration) {
        return ByteBuffer.allocate(20).putLong(delta).putLong(initial).putInt(expiration).array();
    }

    static byte[] int64(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    static byte[] concat(byte[]... parts) {
        final var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
