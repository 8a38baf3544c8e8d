package dev.twine.examples.memcached;

import java.util.Map;
import java.util.TreeMap;

/**
 * The simulations' oracle: what a memcached server holds after each command, as a map and a page
 * of rules taken from memcached's protocol documentation rather than from {@link Store}, so the two
 * can disagree. It covers what the simulations send: items that never expire (expiry 0) in a cache
 * that never fills, and no CAS.
 */
final class ItemModel {

    /** What a command did, whatever the protocol calls it. */
    enum Answer { OK, EXISTS, NOT_FOUND, NOT_STORED, NON_NUMERIC }

    /** An item: its value (one char per byte) and flags. */
    record Item(String value, int flags) {}

    /** What incr or decr did, and on {@link Answer#OK} the counter it left. */
    record Counted(Answer answer, long value) {}

    private final Map<String, Item> items;

    ItemModel() {
        this(new TreeMap<>());
    }

    private ItemModel(Map<String, Item> items) {
        this.items = items;
    }

    /** An independent copy, to try out commands whose fate is unknown. */
    ItemModel copy() {
        return new ItemModel(new TreeMap<>(items));
    }

    /** The item under {@code key}, or {@code null}. */
    Item get(String key) {
        return items.get(key);
    }

    Answer set(String key, String value, int flags) {
        items.put(key, new Item(value, flags));
        return Answer.OK;
    }

    /** Stores only if the key is free. */
    Answer add(String key, String value, int flags) {
        return items.putIfAbsent(key, new Item(value, flags)) == null ? Answer.OK : Answer.EXISTS;
    }

    /** Stores only over an existing item. */
    Answer replace(String key, String value, int flags) {
        return items.replace(key, new Item(value, flags)) != null ? Answer.OK : Answer.NOT_FOUND;
    }

    /** Adds {@code value} after (or before) an existing item's, keeping its flags. */
    Answer append(String key, String value, boolean prepend) {
        Item item = items.get(key);
        if (item == null) {
            return Answer.NOT_STORED;
        }
        items.put(key, new Item(prepend ? value + item.value() : item.value() + value, item.flags()));
        return Answer.OK;
    }

    Answer delete(String key) {
        return items.remove(key) != null ? Answer.OK : Answer.NOT_FOUND;
    }

    /** Touch with expiry 0 changes nothing but says whether the item is there. */
    Answer touch(String key) {
        return items.containsKey(key) ? Answer.OK : Answer.NOT_FOUND;
    }

    void flush() {
        items.clear();
    }

    /**
     * incr or decr: the value read as an unsigned 64-bit decimal (leading white space and zeros
     * allowed, only white space after the digits); incr wraps at 2^64, decr stops at 0. The result
     * is written over the old value, padded on the right with spaces to its length if shorter. A
     * missing item is created as {@code initial} when {@code create} (the binary protocol's incr).
     */
    Counted incr(String key, long delta, boolean decrement, boolean create, long initial) {
        Item item = items.get(key);
        if (item == null) {
            if (!create) {
                return new Counted(Answer.NOT_FOUND, 0);
            }
            items.put(key, new Item(Long.toUnsignedString(initial), 0));
            return new Counted(Answer.OK, initial);
        }
        Long old = number(item.value());
        if (old == null) {
            return new Counted(Answer.NON_NUMERIC, 0);
        }
        long value = decrement ? (Long.compareUnsigned(delta, old) > 0 ? 0 : old - delta) : old + delta;
        StringBuilder text = new StringBuilder(Long.toUnsignedString(value));
        while (text.length() < item.value().length()) {
            text.append(' ');
        }
        items.put(key, new Item(text.toString(), item.flags()));
        return new Counted(Answer.OK, value);
    }

    /** Every item, by key. */
    Map<String, Item> items() {
        return new TreeMap<>(items);
    }

    private static Long number(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(trimmed);
        } catch (NumberFormatException over) {
            return null;
        }
    }
}
