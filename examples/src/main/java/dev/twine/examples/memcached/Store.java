package dev.twine.examples.memcached;

import dev.twine.examples.memcached.LruTable.Entry;
import dev.twine.runtime.Clock;
import java.util.Arrays;

/**
 * The cache behind both of the memcached example's protocols, with memcached's semantics: keys of
 * up to {@value #MAX_KEY_LENGTH} bytes (any bytes, compared byte for byte), values with
 * 32-bit flags, expiration times (seconds from now, or an absolute Unix time when over
 * {@value #RELATIVE_EXPIRY_LIMIT} seconds; 0 never expires; a negative time expires at once), CAS
 * uniques, an item size limit, and a memory limit enforced by evicting the least recently used
 * items. Time is read only through the {@link Clock}, so tests move it with a manual clock.
 * Reactor thread only, like everything it serves.
 *
 * <p>What it copies from memcached 1.6, and where it knowingly differs:
 * <ul>
 * <li><b>Time</b> is whole Unix seconds, as memcached's clock ticks once a second: an item whose
 *     expiration second has come reads as missing, even if it was stored a millisecond earlier.
 * <li><b>Expiration</b> ({@code realtime()}): 0 never; 1 to {@value #RELATIVE_EXPIRY_LIMIT}
 *     seconds from now; larger values are an absolute Unix time, so one in the past expires the
 *     item at once; negative values expire it at once ({@code EXPTIME_TO_POSITIVE_TIME}). Such an
 *     item is still stored (the command succeeds); it reads as missing.
 * <li><b>Dead items</b> (expired or flushed) read as missing to every command, so add stores over
 *     them and replace, append, incr, touch and delete miss. Their memory is reclaimed lazily,
 *     when a command looks the key up, or when eviction finds them at the old end of the LRU; until
 *     then they still count in {@code curr_items} and {@code bytes}, as in memcached. Reclaiming at
 *     eviction time is not an eviction; it counts {@code expired_unfetched} if nothing read it.
 * <li><b>CAS uniques</b> come from one counter that every stored, appended, replaced or
 *     incremented item takes a fresh value from, starting at 1. <b>Touch does not change the
 *     unique</b> ({@code do_item_touch} only sets {@code exptime}), nor does getAndTouch.
 * <li><b>CAS checks</b> ({@code do_store_item}): a set or replace with a unique is memcached's
 *     {@code cas} command: a dead or missing key is NOT_FOUND ({@code cas_misses}), another unique
 *     is EXISTS ({@code cas_badval}), a match stores ({@code cas_hits}). Append and prepend with a
 *     unique: EXISTS on a mismatch, but NOT_STORED on a missing key, as memcached answers (not
 *     NOT_FOUND), and no cas counter moves. Delete and incr: EXISTS on a mismatch, NOT_FOUND on a
 *     missing key, no cas counter. Binary incr with {@code create} on a missing key stores the
 *     initial value whatever the unique, as memcached does.
 * <li><b>add</b> of a live key is NOT_STORED and counts as a use of that item (see
 *     <b>Recency</b>); <b>replace, append, prepend</b> of a missing key are NOT_STORED;
 *     append and prepend keep the item's flags and expiration.
 * <li><b>Item size</b>: an item whose key and value are longer than {@link #maxItemBytes()}, or
 *     that would be charged more than the memory limit, is TOO_LARGE and stores nothing. Like
 *     memcached's {@code process_update_command}, a too-large <em>set</em> also removes the key's
 *     old item, so that a failed set never leaves the previous value readable; add, replace and
 *     append leave it. (memcached also removes it on a binary set with a unique; this store does
 *     so only for a set without one, as for the ASCII {@code cas} command, since a conditional
 *     store that failed its size check has not been allowed to overwrite anything.) Append checks
 *     the appended bytes alone for TOO_LARGE; when only the joined value is too long the answer is
 *     NOT_STORED, memcached's answer when allocating the joined item fails.
 * <li><b>incr/decr</b> ({@code do_add_delta}): an empty value is NON_NUMERIC (checked before the
 *     unique), other values are read by {@code safe_strtoull} (see {@link UnsignedDecimal}:
 *     leading white space, a sign and any number of leading zeros are accepted, the value must
 *     fit 64 unsigned bits; so "at most 20 digits" is really "at most 2^64 - 1"). incr wraps
 *     modulo 2^64, decr stops at 0. The result keeps the old length when it is not longer,
 *     padded with spaces ({@code "0099"} incr 1 is 100, stored as {@code "100 "}); a longer result
 *     is stored as a new item, which counts in {@code total_items} (an in-place one does not).
 *     Both keep the flags and expiration. {@code create} on a missing key stores
 *     {@code initial} with flags 0 and counts no miss.
 * <li><b>flush_all</b>: with delay 0 (or negative) every item existing now becomes dead, and
 *     items stored afterwards, even within the same second, are live (memcached's
 *     {@code oldest_cas}). With a delay, every item stored before the flush time becomes dead
 *     when that time comes, while items stored at or after it live. The delay converts like an
 *     expiration time, so one over 30 days is an absolute Unix time. A new flush_all replaces a
 *     pending delayed one, as memcached's single {@code oldest_live} does. memcached takes a
 *     delayed flush one second early ({@code oldest_live = realtime(delay) - 1}); this store
 *     takes it exactly {@code delay} seconds from now.
 * <li><b>Memory</b>: each item is charged key length + value length +
 *     {@value LruTable#ENTRY_OVERHEAD} bytes (about memcached's item header); {@code bytes}
 *     reports that sum. A store that would exceed the limit first evicts least recently used
 *     items, eldest first, until it fits, counting {@code evictions}. (memcached bounds slab
 *     pages, not these sums, and keeps segmented LRUs; a single LRU is this example's model of it.)
 * <li><b>Recency</b>: every store of an item (set, add, replace, append, prepend, and an incr or
 *     decr whose result is longer than the old value, which stores a new item) makes it the most
 *     recently used, as memcached's {@code do_item_link} does. A use that stores no new item — a
 *     get, getAndTouch or touch hit, an add refused because the key is live, an incr or decr
 *     written in place — goes through memcached's {@code do_item_update}: it moves the item to the
 *     newest end only if the item has not moved for more than {@value #UPDATE_INTERVAL_SECONDS}
 *     seconds ({@code ITEM_UPDATE_INTERVAL}), so that an item read many times a second moves once
 *     a minute at most. An item read within a minute of its last move therefore keeps its place
 *     and may be evicted before items that were stored, or moved, after it.
 * <li><b>Counters</b> as memcached's threads count them: {@code cmd_get}, {@code get_hits} and
 *     {@code get_misses} per key read by get. getAndTouch counts as memcached 1.6 counts gat:
 *     {@code cmd_touch} and {@code touch_hits}/{@code touch_misses} only, not {@code cmd_get} nor
 *     the get hits. {@code cmd_set} counts every set, add, replace, append and prepend that is
 *     not TOO_LARGE, whatever it answers. {@code incr_hits}/{@code decr_hits} count changed
 *     values, {@code incr_misses}/{@code decr_misses} missing keys (NON_NUMERIC and EXISTS count
 *     neither). {@code delete_hits}/{@code delete_misses} likewise (a unique mismatch counts
 *     neither). {@code total_items} counts every item stored. {@code uptime} is whole seconds
 *     since construction, {@code time} the clock's Unix second.
 * </ul>
 *
 * <p>The store keeps the key and value arrays it is given when it stores an item, and hands the same
 * value arrays out in {@link Item}s; neither side may change them afterwards. A key it is only asked
 * about is not kept.
 */
public final class Store {

    /** memcached's longest key. */
    public static final int MAX_KEY_LENGTH = 250;

    /**
     * memcached's {@code ITEM_UPDATE_INTERVAL}: reading an item moves it to the newest end of the
     * LRU only if it has not moved for longer than this.
     */
    public static final long UPDATE_INTERVAL_SECONDS = 60;

    /** Expiration times up to this many seconds (30 days) are relative; larger ones are absolute. */
    public static final long RELATIVE_EXPIRY_LIMIT = 60L * 60 * 24 * 30;

    /** An expiration second that never comes. */
    private static final long NEVER = Long.MAX_VALUE;
    /** An expiration second that has always passed. */
    private static final long ALREADY = Long.MIN_VALUE;

    /** What a storage command did. */
    public enum Status {
        /** Stored, deleted or touched as asked. */
        OK,
        /** add of a key that exists, replace/append/prepend of one that does not. */
        NOT_STORED,
        /** The CAS unique given does not match the item's. */
        EXISTS,
        /** No such key (or it has expired). */
        NOT_FOUND,
        /** The item would be larger than the item size limit. */
        TOO_LARGE,
        /** incr/decr of a value that is not a decimal number of at most 20 digits. */
        NON_NUMERIC
    }

    /**
     * What incr/decr did: on {@link Status#OK}, the new value and the item's new CAS unique.
     */
    public record Counter(Status status, long value, long cas) {}

    /** The counters {@code stats} reports. */
    public record Stats(long currItems, long totalItems, long bytes, long getHits, long getMisses,
            long cmdGet, long cmdSet, long cmdTouch, long touchHits, long touchMisses,
            long deleteHits, long deleteMisses, long incrHits, long incrMisses, long decrHits,
            long decrMisses, long casHits, long casMisses, long casBadval, long evictions,
            long expiredUnfetched, long limitMaxbytes, long uptimeSeconds, long time) {}

    /** The storage commands that take a whole value, as memcached's {@code comm}. */
    private enum Mode { SET, ADD, REPLACE }

    private final Clock clock;
    private final long memoryLimit;
    private final int maxItemBytes;
    private final long startMillis;
    private final LruTable table = new LruTable();

    private long lastCas;
    /** Items whose unique is below this were flushed. */
    private long flushedBelowCas;
    /** The Unix second at which a delayed flush_all takes effect, or {@link #NEVER}. */
    private long pendingFlushAt = NEVER;

    private long totalItems;
    private long getHits;
    private long getMisses;
    private long cmdGet;
    private long cmdSet;
    private long cmdTouch;
    private long touchHits;
    private long touchMisses;
    private long deleteHits;
    private long deleteMisses;
    private long incrHits;
    private long incrMisses;
    private long decrHits;
    private long decrMisses;
    private long casHits;
    private long casMisses;
    private long casBadval;
    private long evictions;
    private long expiredUnfetched;

    /**
     * @param clock          where time comes from
     * @param memoryLimit    the most bytes the items may take (memcached's {@code -m}, in bytes)
     * @param maxItemBytes   the largest item accepted (memcached's {@code -I}), key and value
     * @throws IllegalArgumentException if a limit is not positive
     */
    public Store(Clock clock, long memoryLimit, int maxItemBytes) {
        if (memoryLimit <= 0 || maxItemBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive; got memoryLimit "
                    + memoryLimit + ", maxItemBytes " + maxItemBytes);
        }
        this.clock = clock;
        this.memoryLimit = memoryLimit;
        this.maxItemBytes = maxItemBytes;
        this.startMillis = clock.currentTimeMillis();
    }

    /**
     * The live item for {@code key}, or null; counts a hit or a miss, and marks it fetched and, at
     * most once per {@value #UPDATE_INTERVAL_SECONDS} seconds, recently used.
     */
    public Item get(byte[] key) {
        long now = now();
        Entry entry = live(key, now);
        cmdGet++;
        if (entry == null) {
            getMisses++;
            return null;
        }
        getHits++;
        markFetched(entry, now);
        return entry.item;
    }

    /** get, and sets its expiration to {@code exptime} (memcached's gat/gats). */
    public Item getAndTouch(byte[] key, long exptime) {
        Entry entry = touched(key, exptime);
        return entry == null ? null : entry.item;
    }

    /** Stores unconditionally, or only if the item's unique is {@code cas} when it is not 0. */
    public Status set(byte[] key, int flags, long exptime, byte[] value, long cas) {
        return store(Mode.SET, key, flags, exptime, value, cas);
    }

    /** Stores only if there is no live item. */
    public Status add(byte[] key, int flags, long exptime, byte[] value) {
        return store(Mode.ADD, key, flags, exptime, value, 0);
    }

    /** Stores only if there is a live item (whose unique is {@code cas}, when not 0). */
    public Status replace(byte[] key, int flags, long exptime, byte[] value, long cas) {
        return store(Mode.REPLACE, key, flags, exptime, value, cas);
    }

    /** Appends to, or prepends to, a live item's value; its flags and expiration stay. */
    public Status append(byte[] key, byte[] value, long cas, boolean prepend) {
        long now = now();
        if (!fits(key, value.length)) {
            return Status.TOO_LARGE;
        }
        cmdSet++;
        Entry entry = live(key, now);
        if (entry == null) {
            return Status.NOT_STORED;
        }
        if (cas != 0 && cas != entry.item.cas()) {
            return Status.EXISTS;
        }
        byte[] old = entry.item.value();
        if (!fits(key, (long) old.length + value.length)) {
            return Status.NOT_STORED;
        }
        byte[] first = prepend ? value : old;
        byte[] second = prepend ? old : value;
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        put(entry, key, new Item(joined, entry.item.flags(), nextCas()), entry.expiry, now);
        return Status.OK;
    }

    /**
     * Adds {@code delta} to, or subtracts it from, a live item's decimal value: an increment wraps
     * at 2^64, a decrement stops at 0. For a missing key with {@code create}, stores
     * {@code initial} with {@code exptime} (the binary protocol's initial value); otherwise
     * NOT_FOUND.
     */
    public Counter incr(byte[] key, long delta, boolean decrement, boolean create, long initial,
            long exptime, long cas) {
        long now = now();
        Entry entry = live(key, now);
        if (entry == null) {
            if (!create) {
                if (decrement) {
                    decrMisses++;
                } else {
                    incrMisses++;
                }
                return failed(Status.NOT_FOUND);
            }
            return storeCounter(null, key, UnsignedDecimal.format(initial, 0), initial, 0,
                    expiry(exptime, now), now);
        }
        byte[] old = entry.item.value();
        if (old.length == 0) {
            return failed(Status.NON_NUMERIC);
        }
        if (cas != 0 && cas != entry.item.cas()) {
            return failed(Status.EXISTS);
        }
        long value;
        try {
            value = UnsignedDecimal.parse(old);
        } catch (NumberFormatException notANumber) {
            return failed(Status.NON_NUMERIC);
        }
        if (decrement) {
            value = Long.compareUnsigned(delta, value) > 0 ? 0 : value - delta;
            decrHits++;
        } else {
            value += delta;
            incrHits++;
        }
        byte[] text = UnsignedDecimal.format(value, old.length);
        if (text.length == old.length) {
            // Written over the old value in place: the same item, so no new item is counted.
            Item item = new Item(text, entry.item.flags(), nextCas());
            table.replace(entry, item);
            bump(entry, now);
            return new Counter(Status.OK, value, item.cas());
        }
        return storeCounter(entry, key, text, value, entry.item.flags(), entry.expiry, now);
    }

    /** Deletes a live item (whose unique is {@code cas}, when not 0). */
    public Status delete(byte[] key, long cas) {
        Entry entry = live(key, now());
        if (entry == null) {
            deleteMisses++;
            return Status.NOT_FOUND;
        }
        if (cas != 0 && cas != entry.item.cas()) {
            return Status.EXISTS;
        }
        deleteHits++;
        table.remove(entry);
        return Status.OK;
    }

    /**
     * A set refused from its declared size, before its value was read: like a too-large
     * {@link #set} without a unique, it removes the key's old item, so that no stale value
     * survives a set that failed. Nothing is counted.
     *
     * @return {@link Status#TOO_LARGE}, the set's answer
     */
    public Status refuseOversizedSet(byte[] key) {
        removeAny(key);
        return Status.TOO_LARGE;
    }

    /** Sets a live item's expiration. */
    public Status touch(byte[] key, long exptime) {
        return touched(key, exptime) == null ? Status.NOT_FOUND : Status.OK;
    }

    /**
     * Invalidates every item existing now, when {@code when} says: 0 or a negative time at once, else
     * read as an expiration time (seconds from now up to {@value #RELATIVE_EXPIRY_LIMIT}, a Unix
     * time beyond), as memcached reads a flush's delay in both protocols.
     */
    public void flushAll(long when) {
        long now = now();
        pendingFlushAt = when == 0 ? now : expiry(when, now);
        applyDueFlush(now);
    }

    /**
     * The CAS unique handed out last: after a storage command that answered {@link Status#OK}, the
     * stored item's (what the binary protocol's reply carries), without a lookup that would count
     * as a get.
     */
    public long lastCas() {
        return lastCas;
    }

    /** The largest item accepted, key and value. */
    public int maxItemBytes() {
        return maxItemBytes;
    }

    /**
     * Seconds since the least recently used item last moved to the newest end, 0 when there is
     * none: memcached's {@code items:<class>:age}, the age of its LRU's tail. A clock stepped back
     * gives 0, not a negative age.
     */
    public long lruTailAge() {
        Entry eldest = table.eldest();
        return eldest == null ? 0 : Math.max(0, now() - eldest.usedAt);
    }

    /** The counters, as of now. */
    public Stats stats() {
        long millis = clock.currentTimeMillis();
        return new Stats(table.size(), totalItems, table.bytes(), getHits, getMisses, cmdGet,
                cmdSet, cmdTouch, touchHits, touchMisses, deleteHits, deleteMisses, incrHits,
                incrMisses, decrHits, decrMisses, casHits, casMisses, casBadval, evictions,
                expiredUnfetched, memoryLimit, (millis - startMillis) / 1000,
                Math.floorDiv(millis, 1000));
    }

    /**
     * {@code stats reset}: zeroes the counters of commands and their outcomes, {@code total_items}
     * and {@code evictions}, as memcached's does. What describes the cache as it is now
     * ({@code curr_items}, {@code bytes}) and the clock are kept.
     */
    public void resetStats() {
        totalItems = 0;
        getHits = 0;
        getMisses = 0;
        cmdGet = 0;
        cmdSet = 0;
        cmdTouch = 0;
        touchHits = 0;
        touchMisses = 0;
        deleteHits = 0;
        deleteMisses = 0;
        incrHits = 0;
        incrMisses = 0;
        decrHits = 0;
        decrMisses = 0;
        casHits = 0;
        casMisses = 0;
        casBadval = 0;
        evictions = 0;
        expiredUnfetched = 0;
    }

    private Status store(Mode mode, byte[] key, int flags, long exptime, byte[] value, long cas) {
        long now = now();
        if (!fits(key, value.length)) {
            if (mode == Mode.SET && cas == 0) {
                removeAny(key);
            }
            return Status.TOO_LARGE;
        }
        cmdSet++;
        Entry entry = live(key, now);
        Status status = cas != 0 ? compareUnique(entry, cas) : precondition(mode, entry, now);
        if (status == Status.OK) {
            put(entry, key, new Item(value, flags, nextCas()), expiry(exptime, now), now);
        }
        return status;
    }

    /** memcached's {@code cas} command: the unique must match a live item's. */
    private Status compareUnique(Entry entry, long cas) {
        if (entry == null) {
            casMisses++;
            return Status.NOT_FOUND;
        }
        if (cas != entry.item.cas()) {
            casBadval++;
            return Status.EXISTS;
        }
        casHits++;
        return Status.OK;
    }

    private Status precondition(Mode mode, Entry entry, long now) {
        switch (mode) {
            case ADD:
                if (entry == null) {
                    return Status.OK;
                }
                bump(entry, now);
                return Status.NOT_STORED;
            case REPLACE:
                return entry == null ? Status.NOT_STORED : Status.OK;
            default:
                return Status.OK;
        }
    }

    private Counter storeCounter(Entry entry, byte[] key, byte[] text, long value, int flags,
            long expiry, long now) {
        if (!fits(key, text.length)) {
            return failed(Status.TOO_LARGE);
        }
        Item item = new Item(text, flags, nextCas());
        put(entry, key, item, expiry, now);
        return new Counter(Status.OK, value, item.cas());
    }

    private static Counter failed(Status status) {
        return new Counter(status, 0, 0);
    }

    /** The live entry for {@code key}, or null; reclaims a dead one, as memcached's get does. */
    private Entry live(byte[] key, long now) {
        Entry entry = table.get(key);
        if (entry == null || !isDead(entry, now)) {
            return entry;
        }
        table.remove(entry);
        return null;
    }

    private boolean isDead(Entry entry, long now) {
        return entry.expiry <= now || entry.item.cas() < flushedBelowCas;
    }

    private Entry touched(byte[] key, long exptime) {
        long now = now();
        Entry entry = live(key, now);
        cmdTouch++;
        if (entry == null) {
            touchMisses++;
            return null;
        }
        touchHits++;
        entry.expiry = expiry(exptime, now);
        markFetched(entry, now);
        return entry;
    }

    /** memcached's {@code do_item_bump}: the item has been read. */
    private void markFetched(Entry entry, long now) {
        entry.fetched = true;
        bump(entry, now);
    }

    /**
     * memcached's {@code do_item_update}: makes {@code entry} the most recently used unless it
     * became so within the last {@value #UPDATE_INTERVAL_SECONDS} seconds.
     */
    private void bump(Entry entry, long now) {
        if (entry.usedAt < now - UPDATE_INTERVAL_SECONDS) {
            table.markUsed(entry, now);
        }
    }

    /**
     * Stores {@code item} as a new item under {@code key}, in place of {@code existing} when not
     * null, evicting what it must first. The item must {@link #fits fit}.
     */
    private void put(Entry existing, byte[] key, Item item, long expiry, long now) {
        long charge = LruTable.charge(key.length, item.value().length);
        if (existing == null) {
            makeRoom(charge, now);
            table.add(key, item, expiry, now);
        } else {
            // Newest first, so that the eviction below reaches every other item before this one.
            table.markUsed(existing, now);
            makeRoom(charge - LruTable.charge(existing), now);
            table.replace(existing, item);
            existing.expiry = expiry;
            existing.fetched = false;
        }
        totalItems++;
    }

    /**
     * Removes least recently used entries until {@code extra} more bytes fit, reclaiming dead ones
     * without counting them as evictions, as memcached's {@code lru_pull_tail} does.
     */
    private void makeRoom(long extra, long now) {
        while (table.bytes() + extra > memoryLimit) {
            Entry eldest = table.eldest();
            if (!isDead(eldest, now)) {
                evictions++;
            } else if (!eldest.fetched) {
                expiredUnfetched++;
            }
            table.remove(eldest);
        }
    }

    private void removeAny(byte[] key) {
        Entry entry = table.get(key);
        if (entry != null) {
            table.remove(entry);
        }
    }

    private boolean fits(byte[] key, long valueLength) {
        return key.length + valueLength <= maxItemBytes
                && LruTable.charge(key.length, valueLength) <= memoryLimit;
    }

    private long nextCas() {
        return ++lastCas;
    }

    /** The clock's Unix second, after applying a delayed flush_all that has come due. */
    private long now() {
        long now = Math.floorDiv(clock.currentTimeMillis(), 1000);
        applyDueFlush(now);
        return now;
    }

    private void applyDueFlush(long now) {
        if (pendingFlushAt <= now) {
            // Every item modified before now has a unique up to lastCas: nothing has run between
            // the flush time and this first command after it.
            flushedBelowCas = lastCas + 1;
            pendingFlushAt = NEVER;
        }
    }

    /** The Unix second from which an item stored now with {@code exptime} reads as missing. */
    private static long expiry(long exptime, long now) {
        if (exptime == 0) {
            return NEVER;
        }
        if (exptime < 0) {
            return ALREADY;
        }
        return exptime > RELATIVE_EXPIRY_LIMIT ? exptime : now + exptime;
    }
}
