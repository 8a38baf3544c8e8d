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
record StorageCommand(Verb verb, byte[] key, int flags, long exptime, long cas, boolean noreply) {

    /**
     * memcached's uniques start at 1, so {@code cas} with unique 0 never matches; the store reads
     * 0 as "no check", so ask for a unique no item reaches instead.
     */
    private static final long NO_ITEM_HAS_THIS_UNIQUE = -1L;

    /** The six storage commands; {@code cas} takes a unique after the length. */
    enum Verb {
        SET, ADD, REPLACE, APPEND, PREPEND, CAS
    }

    /** Stores {@code value}, the data block without its delimiter, as the command says. */
    Store.Status applyTo(Store store, byte[] value) {
        return switch (verb) {
            case SET -> store.set(key, flags, exptime, value, 0);
            case ADD -> store.add(key, flags, exptime, value);
            case REPLACE -> store.replace(key, flags, exptime, value, 0);
            case APPEND -> store.append(key, value, 0, false);
            case PREPEND -> store.append(key, value, 0, true);
            case CAS -> store.set(key, flags, exptime, value, cas == 0 ? NO_ITEM_HAS_THIS_UNIQUE : cas);
        };
    }
}
