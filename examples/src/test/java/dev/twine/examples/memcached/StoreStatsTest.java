package dev.twine.examples.memcached;

import static dev.twine.examples.memcached.StoreFixture.START;
import static dev.twine.examples.memcached.StoreFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.examples.memcached.Store.Stats;
import dev.twine.examples.memcached.Store.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreStatsTest {

    @Test
    void aFreshStoreCountsNothing() {
        StoreFixture f = new StoreFixture(300, 100);
        assertEquals(new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 300,
                0, START), f.store.stats());
    }

    @Test
    void countersAfterAScriptedSequence() {
        StoreFixture f = new StoreFixture(300, 100);
        Store s = f.store;
        runScript(f);

        assertEquals(new Stats(
                2,      // currItems: x, y
                7,      // totalItems: a, b, a (cas), a (append), e, x, y
                296,    // bytes
                2,      // getHits
                1,      // getMisses
                3,      // cmdGet
                11,     // cmdSet: every set, add, replace and append but the too-large one
                4,      // cmdTouch
                2,      // touchHits
                2,      // touchMisses
                1,      // deleteHits
                1,      // deleteMisses
                1,      // incrHits
                1,      // incrMisses
                1,      // decrHits
                1,      // decrMisses
                1,      // casHits
                1,      // casMisses
                1,      // casBadval
                1,      // evictions
                1,      // expiredUnfetched
                300,    // limitMaxbytes
                3,      // uptimeSeconds
                START + 3),
                s.stats());
    }

    @Test
    void aResetZeroesTheCountersButKeepsWhatIsStoredAndTheClock() {
        StoreFixture f = new StoreFixture(300, 100);
        runScript(f);

        f.store.resetStats();

        assertEquals(new Stats(2, 0, 296, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 300, 3, START + 3),
                f.store.stats());
        f.store.get(bytes("x"));
        assertEquals(1, f.store.stats().getHits());
    }

    /** Every command, hit and miss, an eviction and an expiry: something for every counter. */
    private static void runScript(StoreFixture f) {
        Store s = f.store;
        f.set("a", "1", 0);                                          // cas 1, 52 bytes
        f.set("b", "hello", 0);                                      // cas 2, 56 bytes
        assertEquals(Status.NOT_STORED, s.add(bytes("a"), 0, 0, bytes("x")));
        assertEquals(Status.NOT_STORED, s.replace(bytes("c"), 0, 0, bytes("x"), 0));
        s.get(bytes("a"));
        s.get(bytes("b"));
        s.get(bytes("c"));
        assertEquals(6, s.incr(bytes("a"), 5, false, false, 0, 0, 0).value());  // in place, cas 3
        s.incr(bytes("c"), 1, false, false, 0, 0, 0);
        assertEquals(0, s.incr(bytes("a"), 10, true, false, 0, 0, 0).value());  // in place, cas 4
        s.incr(bytes("c"), 1, true, false, 0, 0, 0);
        assertEquals(Status.EXISTS, s.set(bytes("a"), 0, 0, bytes("v"), 999));
        assertEquals(Status.OK, s.set(bytes("a"), 0, 0, bytes("v"), 4));  // cas 5
        assertEquals(Status.NOT_FOUND, s.set(bytes("c"), 0, 0, bytes("v"), 7));
        s.touch(bytes("b"), 0);
        s.touch(bytes("c"), 0);
        s.getAndTouch(bytes("b"), 0);
        s.getAndTouch(bytes("c"), 0);
        s.delete(bytes("c"), 0);
        s.delete(bytes("b"), 0);
        assertEquals(Status.TOO_LARGE, s.set(bytes("big"), 0, 0, new byte[98], 0));
        s.append(bytes("a"), bytes("w"), 0, false);                  // cas 6, 53 bytes
        f.set("e", "1", 1);                                          // cas 7, 52 bytes
        f.advanceSeconds(2);
        f.set("x", "x".repeat(97), 0);                               // 148 bytes: 253 in all
        // 148 more do not fit in 300: "a" is evicted, then "e" is reclaimed, dead and unread.
        f.set("y", "y".repeat(97), 0);
        f.clock.advance(Duration.ofMillis(1999));
    }

    @Test
    void getAndTouchCountsAsATouchOnlyAsInMemcached16() {
        StoreFixture f = new StoreFixture();
        f.set("a", "1", 0);
        f.store.getAndTouch(bytes("a"), 0);
        f.store.getAndTouch(bytes("missing"), 0);
        Stats stats = f.store.stats();
        assertEquals(0, stats.cmdGet());
        assertEquals(0, stats.getHits() + stats.getMisses());
        assertEquals(2, stats.cmdTouch());
        assertEquals(1, stats.touchHits());
        assertEquals(1, stats.touchMisses());
    }

    @Test
    void getCountsEveryKey() {
        StoreFixture f = new StoreFixture();
        f.set("a", "1", 0);
        for (int i = 0; i < 3; i++) {
            f.store.get(bytes("a"));
            f.store.get(bytes("missing"));
        }
        Stats stats = f.store.stats();
        assertEquals(6, stats.cmdGet());
        assertEquals(3, stats.getHits());
        assertEquals(3, stats.getMisses());
    }

    @Test
    void theLruTailsAgeIsTheTimeSinceTheEldestItemLastMoved() {
        StoreFixture f = new StoreFixture();
        assertEquals(0, f.store.lruTailAge(), "no items");
        f.set("a", "1", 0);
        f.advanceSeconds(20);
        f.set("b", "2", 0);
        f.advanceSeconds(45);
        assertEquals(65, f.store.lruTailAge());

        f.get("a");                                   // unmoved for over a minute: a moves, b is the tail
        assertEquals(45, f.store.lruTailAge());
        f.get("b");                                   // b has not gone a minute: it stays the tail
        assertEquals(45, f.store.lruTailAge());
        f.store.delete(bytes("b"), 0);
        assertEquals(0, f.store.lruTailAge(), "a moved just now");
    }
}
