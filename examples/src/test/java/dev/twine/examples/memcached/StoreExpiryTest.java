package dev.twine.examples.memcached;

import static dev.twine.examples.memcached.StoreFixture.START;
import static dev.twine.examples.memcached.StoreFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twine.examples.memcached.Store.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreExpiryTest {

    private final StoreFixture f = new StoreFixture();

    @Test
    void zeroNeverExpires() {
        f.set("k", "v", 0);
        f.advanceSeconds(10L * 365 * 24 * 3600);
        assertEquals("v", f.get("k"));
    }

    @Test
    void relativeTimeCountsFromNow() {
        f.advanceSeconds(100);
        f.set("k", "v", 10);
        f.advanceSeconds(9);
        assertEquals("v", f.get("k"));
        f.advanceSeconds(1);
        assertNull(f.get("k"));
    }

    @Test
    void thirtyDaysIsStillRelative() {
        f.set("k", "v", Store.RELATIVE_EXPIRY_LIMIT);
        f.advanceSeconds(Store.RELATIVE_EXPIRY_LIMIT - 1);
        assertEquals("v", f.get("k"));
        f.advanceSeconds(1);
        assertNull(f.get("k"));
    }

    @Test
    void oneSecondOverThirtyDaysIsAnAbsoluteTimeLongPast() {
        assertEquals(Status.OK, f.store.set(bytes("k"), 0, Store.RELATIVE_EXPIRY_LIMIT + 1, bytes("v"), 0));
        assertNull(f.get("k"));
    }

    @Test
    void absoluteTimeInTheFutureExpiresThen() {
        f.set("k", "v", START + 100);
        f.advanceSeconds(99);
        assertEquals("v", f.get("k"));
        f.advanceSeconds(1);
        assertNull(f.get("k"));
    }

    @Test
    void absoluteTimeInThePastExpiresAtOnce() {
        assertEquals(Status.OK, f.store.set(bytes("k"), 0, START - 1, bytes("v"), 0));
        assertNull(f.get("k"));
    }

    @Test
    void absoluteTimeOfNowExpiresAtOnce() {
        f.set("k", "v", START);
        assertNull(f.get("k"));
    }

    @Test
    void negativeTimeExpiresAtOnceButIsStored() {
        assertEquals(Status.OK, f.store.set(bytes("k"), 0, -1, bytes("v"), 0));
        assertEquals(1, f.store.stats().currItems());
        assertNull(f.get("k"));
    }

    @Test
    void timeIsInWholeSecondsLikeMemcachedsClock() {
        f.clock.advance(Duration.ofMillis(999));
        f.set("k", "v", 1);
        f.clock.advance(Duration.ofMillis(1));
        assertNull(f.get("k"));
    }

    @Test
    void anExpiredKeyIsMissingToEveryCommand() {
        for (String key : new String[] {"add", "replace", "append", "incr", "touch", "gat", "delete"}) {
            f.set(key, "1", 1);
        }
        f.advanceSeconds(1);

        assertEquals(Status.OK, f.store.add(bytes("add"), 0, 0, bytes("new")));
        assertEquals("new", f.get("add"));
        assertEquals(Status.NOT_STORED, f.store.replace(bytes("replace"), 0, 0, bytes("x"), 0));
        assertEquals(Status.NOT_STORED, f.store.append(bytes("append"), bytes("x"), 0, false));
        assertEquals(Status.NOT_FOUND, f.store.incr(bytes("incr"), 1, false, false, 0, 0, 0).status());
        assertEquals(Status.NOT_FOUND, f.store.touch(bytes("touch"), 100));
        assertNull(f.store.getAndTouch(bytes("gat"), 100));
        assertEquals(Status.NOT_FOUND, f.store.delete(bytes("delete"), 0));
    }

    @Test
    void expiredItemsKeepTheirMemoryUntilLookedUp() {
        f.set("k", "value", 1);
        long charged = f.store.stats().bytes();
        f.advanceSeconds(1);
        assertEquals(1, f.store.stats().currItems());
        assertEquals(charged, f.store.stats().bytes());

        assertNull(f.get("k"));
        assertEquals(0, f.store.stats().currItems());
        assertEquals(0, f.store.stats().bytes());
    }

    @Test
    void touchSetsANewExpirationWithoutChangingTheUnique() {
        f.set("k", "v", 10);
        long cas = f.cas("k");
        f.advanceSeconds(5);
        assertEquals(Status.OK, f.store.touch(bytes("k"), 10));
        f.advanceSeconds(9);
        assertEquals(cas, f.cas("k"));
        f.advanceSeconds(1);
        assertNull(f.get("k"));
    }

    @Test
    void touchCanMakeAnItemNeverExpire() {
        f.set("k", "v", 10);
        f.store.touch(bytes("k"), 0);
        f.advanceSeconds(1000);
        assertEquals("v", f.get("k"));
    }

    @Test
    void getAndTouchReturnsTheItemAndSetsItsExpiration() {
        f.set("k", "v", 0);
        long cas = f.cas("k");
        Item item = f.store.getAndTouch(bytes("k"), 10);
        assertArrayEquals(bytes("v"), item.value());
        assertEquals(cas, item.cas());
        f.advanceSeconds(10);
        assertNull(f.get("k"));
    }

    @Test
    void getAndTouchWithANegativeTimeReturnsTheItemOnceThenItIsGone() {
        f.set("k", "v", 0);
        assertArrayEquals(bytes("v"), f.store.getAndTouch(bytes("k"), -1).value());
        assertNull(f.get("k"));
    }

    @Test
    void appendAndIncrKeepTheExpiration() {
        f.set("a", "x", 10);
        f.set("n", "1", 10);
        f.advanceSeconds(5);
        f.store.append(bytes("a"), bytes("y"), 0, false);
        f.store.incr(bytes("n"), 1, false, false, 0, 0, 0);
        f.advanceSeconds(4);
        assertEquals("xy", f.get("a"));
        assertEquals("2", f.get("n"));
        f.advanceSeconds(1);
        assertNull(f.get("a"));
        assertNull(f.get("n"));
    }
}
