package dev.twine.examples.memcached;

import static dev.twine.examples.memcached.StoreFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.examples.memcached.Store.Counter;
import dev.twine.examples.memcached.Store.Stats;
import dev.twine.examples.memcached.Store.Status;
import org.junit.jupiter.api.Test;

class StoreCasTest {

    private final StoreFixture f = new StoreFixture();

    @Test
    void everyModificationTakesAFreshUniqueFromOneCounter() {
        f.set("a", "1", 0);
        long afterSet = f.cas("a");
        f.set("b", "1", 0);
        long otherKey = f.cas("b");
        f.store.append(bytes("a"), bytes("0"), 0, false);
        long afterAppend = f.cas("a");
        f.store.replace(bytes("a"), 0, 0, bytes("20"), 0);
        long afterReplace = f.cas("a");
        Counter incremented = f.store.incr(bytes("a"), 1, false, false, 0, 0, 0);
        long afterIncr = f.cas("a");

        assertEquals(1, afterSet);
        assertEquals(2, otherKey);
        assertEquals(3, afterAppend);
        assertEquals(4, afterReplace);
        assertEquals(5, afterIncr);
        assertEquals(afterIncr, incremented.cas());
    }

    @Test
    void touchAndGetAndTouchKeepTheUnique() {
        f.set("k", "v", 0);
        long cas = f.cas("k");
        f.store.touch(bytes("k"), 100);
        f.store.getAndTouch(bytes("k"), 200);
        assertEquals(cas, f.cas("k"));
    }

    @Test
    void setWithTheItemsUniqueStores() {
        f.set("k", "old", 0);
        long cas = f.cas("k");
        assertEquals(Status.OK, f.store.set(bytes("k"), 7, 0, bytes("new"), cas));
        Item item = f.store.get(bytes("k"));
        assertEquals("new", f.get("k"));
        assertEquals(7, item.flags());
        assertTrue(item.cas() > cas);
    }

    @Test
    void setWithAnotherUniqueIsExistsAndChangesNothing() {
        f.set("k", "old", 0);
        long cas = f.cas("k");
        assertEquals(Status.EXISTS, f.store.set(bytes("k"), 0, 0, bytes("new"), cas + 1));
        assertEquals("old", f.get("k"));
        assertEquals(cas, f.cas("k"));
    }

    @Test
    void setWithAUniqueOfAMissingKeyIsNotFoundAndStoresNothing() {
        assertEquals(Status.NOT_FOUND, f.store.set(bytes("k"), 0, 0, bytes("new"), 1));
        assertNull(f.get("k"));
    }

    @Test
    void setWithAUniqueOfAnExpiredKeyIsNotFound() {
        f.set("k", "old", 1);
        long cas = f.cas("k");
        f.advanceSeconds(1);
        assertEquals(Status.NOT_FOUND, f.store.set(bytes("k"), 0, 0, bytes("new"), cas));
    }

    @Test
    void replaceWithAUniqueChecksItLikeSet() {
        f.set("k", "old", 0);
        long cas = f.cas("k");
        assertEquals(Status.EXISTS, f.store.replace(bytes("k"), 0, 0, bytes("x"), cas + 1));
        assertEquals(Status.NOT_FOUND, f.store.replace(bytes("missing"), 0, 0, bytes("x"), cas));
        assertEquals("old", f.get("k"));
        assertEquals(Status.OK, f.store.replace(bytes("k"), 0, 0, bytes("new"), cas));
        assertEquals("new", f.get("k"));
    }

    @Test
    void appendAndPrependWithAnotherUniqueAreExists() {
        f.set("k", "mid", 0);
        long cas = f.cas("k");
        assertEquals(Status.EXISTS, f.store.append(bytes("k"), bytes("+"), cas + 1, false));
        assertEquals(Status.EXISTS, f.store.append(bytes("k"), bytes("+"), cas + 1, true));
        assertEquals("mid", f.get("k"));
        assertEquals(Status.OK, f.store.append(bytes("k"), bytes(">"), cas, false));
        assertEquals(Status.OK, f.store.append(bytes("k"), bytes("<"), f.cas("k"), true));
        assertEquals("<mid>", f.get("k"));
    }

    @Test
    void appendWithAUniqueOfAMissingKeyIsNotStoredAsInMemcached() {
        assertEquals(Status.NOT_STORED, f.store.append(bytes("missing"), bytes("x"), 1, false));
        assertEquals(Status.NOT_STORED, f.store.append(bytes("missing"), bytes("x"), 1, true));
    }

    @Test
    void deleteChecksTheUnique() {
        f.set("k", "v", 0);
        long cas = f.cas("k");
        assertEquals(Status.EXISTS, f.store.delete(bytes("k"), cas + 1));
        assertEquals("v", f.get("k"));
        assertEquals(Status.NOT_FOUND, f.store.delete(bytes("missing"), cas));
        assertEquals(Status.OK, f.store.delete(bytes("k"), cas));
        assertNull(f.get("k"));
    }

    @Test
    void incrAndDecrCheckTheUnique() {
        f.set("n", "10", 0);
        long cas = f.cas("n");
        assertEquals(Status.EXISTS, f.store.incr(bytes("n"), 1, false, false, 0, 0, cas + 1).status());
        assertEquals(Status.EXISTS, f.store.incr(bytes("n"), 1, true, false, 0, 0, cas + 1).status());
        assertEquals("10", f.get("n"));
        assertEquals(Status.NOT_FOUND, f.store.incr(bytes("missing"), 1, false, false, 0, 0, cas).status());

        Counter counter = f.store.incr(bytes("n"), 5, false, false, 0, 0, cas);
        assertEquals(new Counter(Status.OK, 15, f.cas("n")), counter);
        assertNotEquals(cas, counter.cas());
    }

    @Test
    void onlyTheCasCommandCountsCasStatistics() {
        f.set("k", "v", 0);
        long cas = f.cas("k");
        f.store.set(bytes("k"), 0, 0, bytes("v"), cas + 100);
        f.store.replace(bytes("missing"), 0, 0, bytes("v"), cas);
        f.store.set(bytes("k"), 0, 0, bytes("v"), cas);
        f.store.append(bytes("k"), bytes("x"), 12345, false);
        f.store.delete(bytes("k"), 12345);
        f.store.incr(bytes("k"), 1, false, false, 0, 0, 12345);

        Stats stats = f.store.stats();
        assertEquals(1, stats.casHits());
        assertEquals(1, stats.casMisses());
        assertEquals(1, stats.casBadval());
    }
}
