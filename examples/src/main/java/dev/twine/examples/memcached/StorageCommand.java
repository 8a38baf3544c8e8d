package dev.twine.examples.memcached;

/**
 * A text-protocol storage command whose data block is on its way: what to do with the block when
 * the framer delivers it.
 *
 * @param verb    which command
 * @param key     the item's key
 * @param flags   the client's 32 bits
 * @param exptime the expiration time as the client gave it
 * @param cas     the unique {@code cas} compares with; 0 for the other verbs
 * @param noreply whether the client asked for no reply
 */
record StorageCommand(Verb verb, String key, int flags, long exptime, long cas, boolean noreply) {

    /** The six storage commands; {@code cas} takes a unique after the length. */
    enum Verb {
        SET, ADD, REPLACE, APPEND, PREPEND, CAS
    }
}
