package dev.twine.examples.memcached;

import java.util.Arrays;

/**
 * The store's entries by key, in least recently used order, with the bytes they are charged.
 *
 * <p>An open-addressing hash table finds an entry by its key's bytes: an array of entries, each in
 * the slot its key's {@link KeyHash} picks or, when that is taken, in the first free slot after it
 * (linear probing). A lookup reads the slots from there to the first empty one, comparing the hash
 * each entry keeps before its key, and allocates nothing. A removal shifts the entries after the
 * freed slot back towards their own slots, so no tombstones are left to lengthen later probes. The
 * array doubles whenever it would be more than half full. A doubly linked list threaded through the
 * entries themselves keeps the order.
 *
 * <pre>
 *            [ -- | a  | b  | c  | -- | d  | -- | -- ]   home slots: a 1, b 2, c 1, d 5
 * remove a:  [ -- | c  | b  | -- | -- | d  | -- | -- ]   c moves back to slot 1, nearer its home;
 *                                                        b stays: slot 1 is before its home
 * </pre>
 *
 * <p>Every operation is O(1) (amortised, for a growing table) and allocates nothing beyond a new
 * entry. Each entry is charged its key length, its value length and {@value #ENTRY_OVERHEAD}
 * bytes, about the size of memcached's item header (48 bytes, 56 with the CAS unique).
 */
final class LruTable {

    /** The bytes charged for an entry besides its key and value. */
    static final int ENTRY_OVERHEAD = 50;

    private static final int INITIAL_SLOTS = 16;
    /** The largest array of slots; half of it is over 500 million entries. */
    private static final int MAX_SLOTS = 1 << 30;

    /** An item with what the store keeps about it. */
    static final class Entry {
        /** The key's bytes; the store's own, never changed. */
        final byte[] key;
        /** The key's hash, which picks its slot. */
        private final int hash;
        Item item;
        /** The Unix second from which the item reads as missing; {@link Long#MAX_VALUE}: never. */
        long expiry;
        /** Whether a get or touch has read it since it was stored (memcached's ITEM_FETCHED). */
        boolean fetched;
        /** The Unix second it last became the most recently used (memcached's {@code time}). */
        long usedAt;
        private Entry newer;
        private Entry older;

        private Entry(byte[] key, int hash, Item item, long expiry) {
            this.key = key;
            this.hash = hash;
            this.item = item;
            this.expiry = expiry;
        }
    }

    /** The hash table: each entry at its home slot or after it, with no empty slot in between. */
    private Entry[] slots = new Entry[INITIAL_SLOTS];
    private int size;
    /** The list's sentinel: {@code ends.older} is the newest entry, {@code ends.newer} the eldest. */
    private final Entry ends = new Entry(null, 0, null, 0);
    private long bytes;

    LruTable() {
        ends.newer = ends;
        ends.older = ends;
    }

    /** What an entry with this key and value is charged. */
    static long charge(long keyLength, long valueLength) {
        return keyLength + valueLength + ENTRY_OVERHEAD;
    }

    /** The entry for {@code key}, live or not, or null. */
    Entry get(byte[] key) {
        final int hash = hash(key);
        final Entry[] slots = this.slots;
        final int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            final Entry entry = slots[i];
            if (entry == null || entry.hash == hash && Arrays.equals(entry.key, key)) {
                return entry;
            }
        }
    }

    /**
     * Adds a new entry as the most recently used, as of the Unix second {@code now}. The table keeps
     * {@code key}, which no entry may have yet.
     */
    Entry add(byte[] key, Item item, long expiry, long now) {
        if (size >= slots.length / 2) {
            grow();
        }
        final Entry entry = new Entry(key, hash(key), item, expiry);
        place(slots, entry);
        size++;
        linkNewest(entry, now);
        bytes += charge(entry);
        return entry;
    }

    /** Gives {@code entry} a new item, where it is in the order. */
    void replace(Entry entry, Item item) {
        bytes -= charge(entry);
        entry.item = item;
        bytes += charge(entry);
    }

    /** Makes {@code entry} the most recently used, as of the Unix second {@code now}. */
    void markUsed(Entry entry, long now) {
        unlink(entry);
        linkNewest(entry, now);
    }

    void remove(Entry entry) {
        free(slotOf(entry));
        size--;
        unlink(entry);
        bytes -= charge(entry);
    }

    /** The least recently used entry, or null when there is none. */
    Entry eldest() {
        return ends.newer == ends ? null : ends.newer;
    }

    /** What {@code entry} is charged now. */
    static long charge(Entry entry) {
        return charge(entry.key.length, entry.item.value().length);
    }

    int size() {
        return size;
    }

    long bytes() {
        return bytes;
    }

    private static int hash(byte[] key) {
        return (int) KeyHash.of(key);
    }

    private int slotOf(Entry entry) {
        final int mask = slots.length - 1;
        int i = entry.hash & mask;
        while (slots[i] != entry) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Empties slot {@code hole}, moving back each later entry of its run that may sit there. */
    private void free(int hole) {
        final int mask = slots.length - 1;
        for (int i = (hole + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
            final Entry entry = slots[i];
            // It may move back to the hole if its home is not after the hole: at most as far
            // from it as the hole is.
            if (((i - entry.hash) & mask) >= ((i - hole) & mask)) {
                slots[hole] = entry;
                hole = i;
            }
        }
        slots[hole] = null;
    }

    private void grow() {
        if (slots.length == MAX_SLOTS) {
            throw new IllegalStateException("the table holds its most entries, " + size);
        }
        final Entry[] grown = new Entry[slots.length * 2];
        for (Entry entry = ends.newer; entry != ends; entry = entry.newer) {
            place(grown, entry);
        }
        slots = grown;
    }

    /** Puts {@code entry} in the first free slot from its home. */
    private static void place(Entry[] slots, Entry entry) {
        final int mask = slots.length - 1;
        int i = entry.hash & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = entry;
    }

    private void linkNewest(Entry entry, long now) {
        entry.usedAt = now;
        entry.older = ends.older;
        entry.newer = ends;
        ends.older.newer = entry;
        ends.older = entry;
    }

    private void unlink(Entry entry) {
        entry.older.newer = entry.newer;
        entry.newer.older = entry.older;
    }
}
