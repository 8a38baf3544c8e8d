package dev.twine.examples.memcached;

import static dev.twine.examples.memcached.StoreFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twine.examples.memcached.Store.Status;
import org.junit.jupiter.api.Test;

/** add, replace, append and prepend, and the item size limit. */
class StoreCommandsTest {

    private static final int MAX_ITEM = 20;

    private final StoreFixture f = new StoreFixture(1 << 20, MAX_ITEM);

    @Test
    void addOfALiveKeyIsNotStored() {
        f.set("k", "old", 0);
        assertEquals(Status.NOT_STORED, f.store.add(bytes("k"), 0, 0, bytes("new")));
        assertEquals("old", f.get("k"));
    }

    @Test
    void addOfANewKeyStores() {
        assertEquals(Status.OK, f.store.add(bytes("k"), 3, 0, bytes("v")));
        assertEquals("v", f.get("k"));
        assertEquals(3, f.store.get(bytes("k")).flags());
    }

    @Test
    void replaceOfAMissingKeyIsNotStored() {
        assertEquals(Status.NOT_STORED, f.store.replace(bytes("k"), 0, 0, bytes("v"), 0));
        assertNull(f.get("k"));
    }

    @Test
    void replaceOfALiveKeyStoresValueFlagsAndExpiration() {
        f.set("k", "old", 0);
        assertEquals(Status.OK, f.store.replace(bytes("k"), 9, 5, bytes("new"), 0));
        assertEquals("new", f.get("k"));
        assertEquals(9, f.store.get(bytes("k")).flags());
        f.advanceSeconds(5);
        assertNull(f.get("k"));
    }

    @Test
    void appendAndPrependToAMissingKeyAreNotStored() {
        assertEquals(Status.NOT_STORED, f.store.append(bytes("k"), bytes("x"), 0, false));
        assertEquals(Status.NOT_STORED, f.store.append(bytes("k"), bytes("x"), 0, true));
        assertNull(f.get("k"));
    }

    @Test
    void appendAndPrependJoinValuesAndKeepTheFlags() {
        assertEquals(Status.OK, f.store.set(bytes("k"), 42, 0, bytes("mid"), 0));
        assertEquals(Status.OK, f.store.append(bytes("k"), bytes("-end"), 0, false));
        assertEquals(Status.OK, f.store.append(bytes("k"), bytes("start-"), 0, true));
        assertEquals("start-mid-end", f.get("k"));
        assertEquals(42, f.store.get(bytes("k")).flags());
    }

    @Test
    void anItemExactlyAtTheSizeLimitIsStored() {
        String value = "x".repeat(MAX_ITEM - 1);
        assertEquals(Status.OK, f.store.set(bytes("k"), 0, 0, bytes(value), 0));
        assertEquals(value, f.get("k"));
    }

    @Test
    void aTooLargeSetStoresNothingAndRemovesTheOldItemAsMemcachedDoes() {
        f.set("k", "old", 0);
        assertEquals(Status.TOO_LARGE, f.store.set(bytes("k"), 0, 0, bytes("x".repeat(MAX_ITEM)), 0));
        assertNull(f.get("k"));
        assertEquals(0, f.store.stats().currItems());
    }

    @Test
    void aTooLargeConditionalStoreLeavesTheOldItem() {
        f.set("k", "old", 0);
        byte[] tooLarge = bytes("x".repeat(MAX_ITEM));
        assertEquals(Status.TOO_LARGE, f.store.set(bytes("k"), 0, 0, tooLarge, f.cas("k")));
        assertEquals(Status.TOO_LARGE, f.store.add(bytes("k"), 0, 0, tooLarge));
        assertEquals(Status.TOO_LARGE, f.store.replace(bytes("k"), 0, 0, tooLarge, 0));
        assertEquals(Status.TOO_LARGE, f.store.append(bytes("k"), tooLarge, 0, false));
        assertEquals("old", f.get("k"));
    }

    @Test
    void aTooLargeSetOfANewKeyStoresNothing() {
        assertEquals(Status.TOO_LARGE, f.store.set(bytes("k"), 0, 0, bytes("x".repeat(MAX_ITEM)), 0));
        assertNull(f.get("k"));
        assertEquals(0, f.store.stats().totalItems());
    }

    @Test
    void anAppendWhoseResultIsTooLargeIsNotStoredAsInMemcached() {
        f.set("k", "0123456789", 0);
        assertEquals(Status.NOT_STORED, f.store.append(bytes("k"), bytes("0123456789"), 0, false));
        assertEquals("0123456789", f.get("k"));
    }

    @Test
    void anItemLargerThanAllMemoryIsTooLarge() {
        StoreFixture small = new StoreFixture(LruTable.ENTRY_OVERHEAD + 5, 1024);
        small.set("a", "1234", 0);
        assertEquals(Status.TOO_LARGE, small.store.set(bytes("b"), 0, 0, bytes("12345"), 0));
        assertEquals("1234", small.get("a"));
        assertEquals(0, small.store.stats().evictions());
    }
}
