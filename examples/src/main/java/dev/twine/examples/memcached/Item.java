package dev.twine.examples.memcached;

/**
 * A stored value as a reader sees it: its bytes, the client's flags, and its CAS unique.
 *
 * @param value the bytes; the store's own array, not to be changed
 * @param flags opaque to the server, 32 bits as memcached keeps them
 * @param cas   the unique that changes every time the item does
 */
public record Item(byte[] value, int flags, long cas) {}
