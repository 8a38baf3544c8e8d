package dev.twine.examples.memcached;

import java.util.HashMap;

/**
 * The store's entries by key, in least recently used order, with the bytes they are charged.
 *
 * <p>A hash map finds an entry; a doubly linked list threaded through the entries themselves keeps
 * the order. Every operation is O(1) and allocates nothing beyond a new entry (and the map's node
 * for a new key). Each entry is charged its key length, its value length and
 * {@value #ENTRY_OVERHEAD} bytes, about the size of memcached's item header (48 bytes, 56 with
 * the CAS unique).
 */
final class LruTable {

    /** The bytes charged for an entry besides its key and value. */
    static final int ENTRY_OVERHEAD = 50;

    /** An item with what the store keeps about it. */
    static final class Entry {
        final String key;
        Item item;
        /** The Unix second from which the item reads as missing; {@link Long#MAX_VALUE}: never. */
        long expiry;
        /** Whether a get or touch has read it since it was stored (memcached's ITEM_FETCHED). */
        boolean fetched;
        private Entry newer;
        private Entry older;

        private Entry(String key, Item item, long expiry) {
            this.key = key;
            this.item = item;
            this.expiry = expiry;
        }
    }

    private final HashMap<String, Entry> byKey = new HashMap<>();
    /** The list's sentinel: {@code ends.older} is the newest entry, {@code ends.newer} the eldest. */
    private final Entry ends = new Entry(null, null, 0);
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
    Entry get(String key) {
        return byKey.get(key);
    }

    /** Adds a new entry as the most recently used. */
    Entry add(String key, Item item, long expiry) {
        Entry entry = new Entry(key, item, expiry);
        byKey.put(key, entry);
        linkNewest(entry);
        bytes += charge(entry);
        return entry;
    }

    /** Gives {@code entry} a new item and makes it the most recently used. */
    void replace(Entry entry, Item item) {
        bytes -= charge(entry);
        entry.item = item;
        bytes += charge(entry);
        markUsed(entry);
    }

    /** Makes {@code entry} the most recently used. */
    void markUsed(Entry entry) {
        unlink(entry);
        linkNewest(entry);
    }

    void remove(Entry entry) {
        byKey.remove(entry.key);
        unlink(entry);
        bytes -= charge(entry);
    }

    /** The least recently used entry, or null when there is none. */
    Entry eldest() {
        return ends.newer == ends ? null : ends.newer;
    }

    /** What {@code entry} is charged now. */
    static long charge(Entry entry) {
        return charge(entry.key.length(), entry.item.value().length);
    }

    int size() {
        return byKey.size();
    }

    long bytes() {
        return bytes;
    }

    private void linkNewest(Entry entry) {
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
