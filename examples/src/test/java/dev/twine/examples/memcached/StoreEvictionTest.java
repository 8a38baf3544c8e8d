package dev.twine.examples.memcached;

import static dev.twine.examples.memcached.StoreFixture.bytes;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twine.examples.memcached.Store.Status;
import org.junit.jupiter.api.Test;

class StoreEvictionTest {

    /** Each item here: a one-byte key and a ten-byte value. */
    private static final long CHARGE = 1 + 10 + LruTable.ENTRY_OVERHEAD;
    private static final String VALUE = "0123456789";

    /** Room for exactly three items. */
    private final StoreFixture f = new StoreFixture(3 * CHARGE, 1024);

    private void fill() {
        f.set("a", VALUE, 0);
        f.set("b", VALUE, 0);
        f.set("c", VALUE, 0);
    }

    /** Past memcached's ITEM_UPDATE_INTERVAL since the last move: a read moves an item again. */
    private void afterTheUpdateInterval() {
        f.advanceSeconds(Store.UPDATE_INTERVAL_SECONDS + 1);
    }

    @Test
    void eachItemIsChargedKeyValueAndOverhead() {
        fill();
        assertEquals(3 * CHARGE, f.store.stats().bytes());
        assertEquals(0, f.store.stats().evictions());
    }

    @Test
    void aStoreOverTheLimitEvictsTheLeastRecentlyUsed() {
        fill();
        f.set("d", VALUE, 0);
        assertNull(f.get("a"));
        assertEquals(VALUE, f.get("b"));
        assertEquals(VALUE, f.get("c"));
        assertEquals(VALUE, f.get("d"));
        assertEquals(1, f.store.stats().evictions());
        assertEquals(3, f.store.stats().currItems());
        assertEquals(3 * CHARGE, f.store.stats().bytes());
    }

    @Test
    void aGetProtectsAnItem() {
        fill();
        afterTheUpdateInterval();
        f.get("a");
        f.set("d", VALUE, 0);
        assertEquals(VALUE, f.get("a"));
        assertNull(f.get("b"));
    }

    @Test
    void aTouchOrGetAndTouchProtectsAnItem() {
        fill();
        afterTheUpdateInterval();
        f.store.touch(bytes("a"), 0);
        f.store.getAndTouch(bytes("b"), 0);
        f.set("d", VALUE, 0);
        assertNull(f.get("c"));
        assertEquals(VALUE, f.get("a"));
        assertEquals(VALUE, f.get("b"));
    }

    @Test
    void aFailedAddProtectsAnItemAsInMemcached() {
        fill();
        afterTheUpdateInterval();
        assertEquals(Status.NOT_STORED, f.store.add(bytes("a"), 0, 0, bytes(VALUE)));
        f.set("d", VALUE, 0);
        assertEquals(VALUE, f.get("a"));
        assertNull(f.get("b"));
    }

    @Test
    void aReadWithinTheUpdateIntervalOfTheStoreLeavesTheItemWhereItIs() {
        fill();
        f.advanceSeconds(Store.UPDATE_INTERVAL_SECONDS);
        assertEquals(VALUE, f.get("a"));
        assertEquals(Status.OK, f.store.touch(bytes("a"), 0));
        assertEquals(VALUE, new String(f.store.getAndTouch(bytes("a"), 0).value(), ISO_8859_1));
        assertEquals(Status.NOT_STORED, f.store.add(bytes("a"), 0, 0, bytes(VALUE)));
        f.set("d", VALUE, 0);
        assertNull(f.get("a"), "still the eldest, so evicted first");
        assertEquals(1, f.store.stats().evictions());
    }

    @Test
    void aReadMovesAnItemOnlyOnceAMinute() {
        fill();
        afterTheUpdateInterval();
        f.get("a");     // moves: b c a
        f.get("b");     // moves: c a b
        f.get("a");     // a moved a moment ago: stays
        f.set("d", VALUE, 0);
        f.set("e", VALUE, 0);
        assertNull(f.get("c"));
        assertNull(f.get("a"));
        assertEquals(VALUE, f.get("b"));
        assertEquals(VALUE, f.get("d"));
        assertEquals(VALUE, f.get("e"));
    }

    @Test
    void anIncrWrittenInPlaceMovesAnItemOnlyAsAReadDoes() {
        fill();
        assertEquals(123456790, f.store.incr(bytes("a"), 1, false, false, 0, 0, 0).value());
        f.set("d", VALUE, 0);
        assertNull(f.get("a"), "written in place within the interval: still the eldest");

        afterTheUpdateInterval();
        assertEquals(123456790, f.store.incr(bytes("b"), 1, false, false, 0, 0, 0).value());
        f.set("e", VALUE, 0);
        assertNull(f.get("c"));
        assertEquals("123456790 ", f.get("b"));
    }

    @Test
    void anIncrThatLengthensTheValueStoresANewItemAsTheNewest() {
        f.set("a", "9", 0);
        f.set("b", VALUE, 0);
        f.set("c", VALUE, 0);
        assertEquals(10, f.store.incr(bytes("a"), 1, false, false, 0, 0, 0).value());
        f.set("d", VALUE, 0);
        assertNull(f.get("b"));
        assertEquals("10", f.get("a"));
        assertEquals(VALUE, f.get("c"));
    }

    @Test
    void storingOverAnItemMakesItTheNewestWithoutEvictingAnything() {
        fill();
        f.set("a", "9876543210", 0);
        assertEquals(0, f.store.stats().evictions());
        f.set("d", VALUE, 0);
        assertNull(f.get("b"));
        assertEquals("9876543210", f.get("a"));
    }

    @Test
    void aBigItemEvictsAsManyAsItNeedsOldestFirst() {
        fill();
        String big = "x".repeat((int) (2 * CHARGE - 1 - LruTable.ENTRY_OVERHEAD));
        f.set("d", big, 0);
        assertNull(f.get("a"));
        assertNull(f.get("b"));
        assertEquals(VALUE, f.get("c"));
        assertEquals(big, f.get("d"));
        assertEquals(2, f.store.stats().evictions());
    }

    @Test
    void growingAnItemEvictsOthersButNeverItself() {
        fill();
        String grown = "y".repeat((int) (3 * CHARGE - 1 - LruTable.ENTRY_OVERHEAD));
        assertEquals(Status.OK, f.store.append(bytes("b"), bytes(grown.substring(VALUE.length())), 0,
                false));
        assertNull(f.get("a"));
        assertNull(f.get("c"));
        assertEquals(VALUE + grown.substring(VALUE.length()), f.get("b"));
        assertEquals(2, f.store.stats().evictions());
        assertEquals(3 * CHARGE, f.store.stats().bytes());
    }

    @Test
    void deadItemsAtTheOldEndAreReclaimedNotEvicted() {
        f.set("a", VALUE, 1);
        f.set("b", VALUE, 0);
        f.set("c", VALUE, 0);
        f.advanceSeconds(1);
        f.set("d", VALUE, 0);
        assertEquals(0, f.store.stats().evictions());
        assertEquals(1, f.store.stats().expiredUnfetched());
        assertEquals(VALUE, f.get("b"));
    }

    @Test
    void aDeadItemThatWasReadIsNotCountedAsUnfetched() {
        f.set("a", VALUE, 1);
        f.get("a");
        f.set("b", VALUE, 0);
        f.set("c", VALUE, 0);
        f.advanceSeconds(1);
        f.set("d", VALUE, 0);
        assertEquals(0, f.store.stats().evictions());
        assertEquals(0, f.store.stats().expiredUnfetched());
    }

    @Test
    void aNewValueOverAReadItemIsUnreadAgain() {
        f.set("a", VALUE, 0);
        f.get("a");
        f.set("a", VALUE, 1);
        f.set("b", VALUE, 0);
        f.set("c", VALUE, 0);
        f.advanceSeconds(1);
        f.set("d", VALUE, 0);
        assertEquals(1, f.store.stats().expiredUnfetched());
    }

    @Test
    void deletingFreesItsMemory() {
        fill();
        f.store.delete(bytes("a"), 0);
        assertEquals(2 * CHARGE, f.store.stats().bytes());
        f.set("d", VALUE, 0);
        assertEquals(0, f.store.stats().evictions());
        assertEquals(VALUE, f.get("b"));
    }
}
