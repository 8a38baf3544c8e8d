package dev.twine.examples.memcached;

import static dev.twine.examples.memcached.StoreFixture.START;
import static dev.twine.examples.memcached.StoreFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twine.examples.memcached.Store.Status;
import org.junit.jupiter.api.Test;

class StoreFlushTest {

    private final StoreFixture f = new StoreFixture();

    @Test
    void withoutDelayEveryItemIsGoneAndLaterOnesInTheSameSecondStay() {
        f.set("a", "1", 0);
        f.set("b", "2", 100);
        f.store.flushAll(0);
        f.set("c", "3", 0);
        assertNull(f.get("a"));
        assertNull(f.get("b"));
        assertEquals("3", f.get("c"));
    }

    @Test
    void aNegativeDelayFlushesAtOnce() {
        f.set("a", "1", 0);
        f.store.flushAll(-5);
        assertNull(f.get("a"));
    }

    @Test
    void withADelayItemsStoredBeforeTheFlushTimeGoThen() {
        f.set("before", "1", 0);
        f.store.flushAll(10);
        f.advanceSeconds(5);
        f.set("during", "2", 0);
        f.advanceSeconds(4);
        assertEquals("1", f.get("before"));
        assertEquals("2", f.get("during"));

        f.advanceSeconds(1);
        f.set("at", "3", 0);
        assertNull(f.get("before"));
        assertNull(f.get("during"));
        assertEquals("3", f.get("at"));
    }

    @Test
    void itemsStoredAfterADelayedFlushStay() {
        f.set("before", "1", 0);
        f.store.flushAll(10);
        f.advanceSeconds(11);
        f.set("after", "2", 0);
        f.advanceSeconds(1000);
        assertNull(f.get("before"));
        assertEquals("2", f.get("after"));
    }

    @Test
    void aDelayOverThirtyDaysIsAnAbsoluteTime() {
        f.set("a", "1", 0);
        f.store.flushAll(START + 10);
        f.advanceSeconds(9);
        assertEquals("1", f.get("a"));
        f.advanceSeconds(1);
        assertNull(f.get("a"));
    }

    @Test
    void aLaterFlushReplacesAPendingOne() {
        f.store.flushAll(10);
        f.store.flushAll(0);
        f.set("a", "1", 0);
        f.advanceSeconds(20);
        assertEquals("1", f.get("a"));
    }

    @Test
    void aLongerDelayReplacesAShorterOne() {
        f.set("a", "1", 0);
        f.store.flushAll(10);
        f.store.flushAll(20);
        f.advanceSeconds(19);
        assertEquals("1", f.get("a"));
        f.advanceSeconds(1);
        assertNull(f.get("a"));
    }

    @Test
    void touchingAnItemDoesNotSaveItFromAFlush() {
        f.set("a", "1", 0);
        f.store.flushAll(10);
        f.advanceSeconds(5);
        f.store.touch(bytes("a"), 0);
        f.advanceSeconds(5);
        assertNull(f.get("a"));
    }

    @Test
    void aFlushedKeyIsMissingToAddAndReplace() {
        f.set("a", "1", 0);
        f.set("b", "1", 0);
        f.store.flushAll(0);
        assertEquals(Status.NOT_STORED, f.store.replace(bytes("b"), 0, 0, bytes("2"), 0));
        assertEquals(Status.OK, f.store.add(bytes("a"), 0, 0, bytes("2")));
        assertEquals("2", f.get("a"));
    }

    @Test
    void flushedItemsKeepTheirMemoryUntilLookedUp() {
        f.set("a", "1", 0);
        f.store.flushAll(0);
        assertEquals(1, f.store.stats().currItems());
        f.get("a");
        assertEquals(0, f.store.stats().currItems());
        assertEquals(0, f.store.stats().bytes());
    }
}
