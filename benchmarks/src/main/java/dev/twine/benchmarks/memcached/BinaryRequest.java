package dev.twine.benchmarks.memcached;

/**
 * One binary request as the {@link BinaryRequestDecoder} read it: what the handler needs from the
 * header, the key, a set's flags and expiration, and a set's value, the key and value copied out of
 * the read buffer because the store keeps them.
 *
 * @param opcode       the command
 * @param opaque       echoed in the response
 * @param cas          the unique a conditional set must match; 0 for none
 * @param extrasLength as the header says; the handler checks it against the opcode
 * @param key          the key's bytes; empty when there is none
 * @param flags        a set's flags (0 when the extras are not a set's)
 * @param expiration   a set's expiration, unsigned (0 when the extras are not a set's)
 * @param value        a set's value; empty for every other opcode
 */
record BinaryRequest(int opcode, int opaque, long cas, int extrasLength, byte[] key, int flags, int expiration,
        byte[] value) {}
