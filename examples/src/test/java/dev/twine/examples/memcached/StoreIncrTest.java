package dev.twine.examples.memcached;

import static dev.twine.examples.memcached.StoreFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twine.examples.memcached.Store.Counter;
import dev.twine.examples.memcached.Store.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreIncrTest {

    private static final long MAX = -1L; // 2^64 - 1, unsigned

    private final StoreFixture f = new StoreFixture();

    private Counter incr(String key, long delta) {
        return f.store.incr(bytes(key), delta, false, false, 0, 0, 0);
    }

    private Counter decr(String key, long delta) {
        return f.store.incr(bytes(key), delta, true, false, 0, 0, 0);
    }

    @Test
    void incrAddsAndStoresTheDecimalString() {
        f.set("n", "41", 0);
        Counter counter = incr("n", 1);
        assertEquals(Status.OK, counter.status());
        assertEquals(42, counter.value());
        assertEquals("42", f.get("n"));
    }

    @Test
    void incrOfTheLargestValueWrapsToZero() {
        f.set("n", "18446744073709551615", 0);
        assertEquals(0, incr("n", 1).value());
        // Shorter than before, so written over the old value and padded, as memcached does.
        assertEquals("0" + " ".repeat(19), f.get("n"));
        assertEquals(1, incr("n", 1).value());
    }

    @Test
    void incrByTheLargestDeltaWraps() {
        f.set("n", "5", 0);
        assertEquals(4, incr("n", MAX).value());
    }

    @Test
    void decrStopsAtZero() {
        f.set("n", "5", 0);
        assertEquals(0, decr("n", 10).value());
        assertEquals("0", f.get("n"));
        assertEquals(0, decr("n", 1).value());
    }

    @Test
    void decrComparesTheDeltaUnsigned() {
        f.set("n", "18446744073709551615", 0);
        assertEquals(0, decr("n", MAX).value());
        f.set("n", "100", 0);
        assertEquals(0, decr("n", Long.MIN_VALUE).value());
    }

    @Test
    void aShorterResultKeepsTheLengthPaddedWithSpaces() {
        f.set("n", "10", 0);
        assertEquals(9, decr("n", 1).value());
        assertEquals("9 ", f.get("n"));
        assertEquals(10, incr("n", 1).value());
        assertEquals("10", f.get("n"));
    }

    @Test
    void incrOfLeadingZerosGivesTheNumberPaddedToTheOldLength() {
        f.set("n", "0099", 0);
        Counter counter = incr("n", 1);
        assertEquals(100, counter.value());
        assertEquals("100 ", f.get("n"));
    }

    @Test
    void aLongerResultGrowsTheValue() {
        f.set("n", "99", 0);
        long itemsBefore = f.store.stats().totalItems();
        assertEquals(100, incr("n", 1).value());
        assertEquals("100", f.get("n"));
        assertEquals(itemsBefore + 1, f.store.stats().totalItems());
    }

    @Test
    void anInPlaceResultIsNotANewItem() {
        f.set("n", "10", 0);
        long itemsBefore = f.store.stats().totalItems();
        incr("n", 1);
        assertEquals(itemsBefore, f.store.stats().totalItems());
    }

    @Test
    void incrKeepsTheFlags() {
        f.store.set(bytes("n"), 77, 0, bytes("1"), 0);
        incr("n", 1);
        f.store.set(bytes("m"), 78, 0, bytes("9"), 0);
        incr("m", 1);
        assertEquals(77, f.store.get(bytes("n")).flags());
        assertEquals(78, f.store.get(bytes("m")).flags());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "12abc", "1.5", "-1", " ", "+", "18446744073709551616",
            "99999999999999999999"})
    void valuesThatAreNotNumbersAreNonNumericAndLeftAlone(String value) {
        f.set("n", value, 0);
        assertEquals(Status.NON_NUMERIC, incr("n", 1).status());
        assertEquals(Status.NON_NUMERIC, decr("n", 1).status());
        assertEquals(value, f.get("n"));
        Store.Stats stats = f.store.stats();
        assertEquals(0, stats.incrHits() + stats.incrMisses() + stats.decrHits() + stats.decrMisses());
    }

    @Test
    void formsThatStrtoullAcceptsAreNumbers() {
        f.set("spaces", " \t42", 0);
        f.set("plus", "+7", 0);
        f.set("tail", "5 and more", 0);
        f.set("zeros", "000000000000000000000000001", 0);
        f.set("minusZero", "-0", 0);
        assertEquals(43, incr("spaces", 1).value());
        assertEquals(8, incr("plus", 1).value());
        assertEquals(6, incr("tail", 1).value());
        assertEquals("6" + " ".repeat(9), f.get("tail"));
        assertEquals(2, incr("zeros", 1).value());
        assertEquals(1, incr("minusZero", 1).value());
    }

    @Test
    void aMissingKeyIsNotFound() {
        assertEquals(new Counter(Status.NOT_FOUND, 0, 0), incr("n", 1));
        assertEquals(new Counter(Status.NOT_FOUND, 0, 0), decr("n", 1));
        assertNull(f.get("n"));
    }

    @Test
    void createStoresTheInitialValueForAMissingKey() {
        Counter counter = f.store.incr(bytes("n"), 5, false, true, 100, 10, 0);
        Item item = f.store.get(bytes("n"));
        assertEquals(new Counter(Status.OK, 100, item.cas()), counter);
        assertEquals("100", f.get("n"));
        assertEquals(0, item.flags());
        assertEquals(0, f.store.stats().incrMisses());
        f.advanceSeconds(10);
        assertNull(f.get("n"));
    }

    @Test
    void createStoresTheInitialValueAsAnUnsignedNumber() {
        f.store.incr(bytes("n"), 1, true, true, MAX, 0, 0);
        assertEquals("18446744073709551615", f.get("n"));
    }

    @Test
    void createOfALiveKeyChangesItByTheDelta() {
        f.set("n", "10", 0);
        assertEquals(11, f.store.incr(bytes("n"), 1, false, true, 100, 0, 0).value());
    }
}
