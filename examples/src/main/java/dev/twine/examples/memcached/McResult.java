package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;

/**
 * What a memcached server answered one request of {@link MemcachedClient}'s. Every answer is a
 * result, errors included: a get of a missing key is {@link McStatus#KEY_NOT_FOUND}, and its
 * {@link #value} is the server's message ("Not found"). Only a request the server never answered
 * (a timeout, a lost connection) is a failure instead.
 *
 * @param status what the server said
 * @param flags  the item's flags, for a hit of get, gat or touch; 0 otherwise
 * @param cas    the item's CAS unique: for a hit, and for a store, delete or counter that succeeded;
 *               0 for an answer that did not come (see {@link MemcachedClient}'s quiet requests)
 * @param key    the key, for getk and getkq hits; empty otherwise
 * @param value  the item's bytes for a hit, the counter as 8 big-endian bytes for incr and decr,
 *               the version for version, the message for an error; empty otherwise
 */
public record McResult(McStatus status, int flags, long cas, byte[] key, byte[] value) {

    private static final byte[] EMPTY = {};

    /** A quiet request's answer when the server said nothing: what its silence means. */
    static McResult silent(McStatus status) {
        return new McResult(status, 0, 0, EMPTY, EMPTY);
    }

    /** A response as the client reads it: the flags are a hit's 4 bytes of extras. */
    static McResult of(McResponse.Response response) {
        McResponse.Header header = response.header();
        byte[] extras = response.extras();
        int flags = extras.length == 4 ? ByteBuffer.wrap(extras).getInt() : 0;
        return new McResult(McStatus.of(header.status()), flags, header.cas(), response.key(), response.value());
    }

    /** True when the server reported {@link McStatus#NO_ERROR}. */
    public boolean isOk() {
        return status == McStatus.NO_ERROR;
    }

    /** The key as a string, one char per byte (ISO-8859-1), as the client's keys are. */
    public String keyString() {
        return new String(key, ISO_8859_1);
    }

    /** The value as a string, one char per byte (ISO-8859-1). */
    public String valueString() {
        return new String(value, ISO_8859_1);
    }

    /**
     * The counter an incr or decr left, unsigned (read it with {@link Long#toUnsignedString}).
     *
     * @throws IllegalStateException if the value is not 8 bytes: not a counter's answer
     */
    public long counter() {
        if (value.length != Long.BYTES) {
            throw new IllegalStateException("not a counter: " + this);
        }
        return ByteBuffer.wrap(value).getLong();
    }

    @Override
    public String toString() {
        return "McResult[" + status + " flags=" + flags + " cas=" + cas + " key=\"" + keyString()
                + "\" value=\"" + valueString() + "\"]";
    }
}
