package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.twine.testing.ManualClock;
import java.time.Duration;

/** A store on a manual clock, with the conversions its tests share. */
final class StoreFixture {

    /** The manual clock's first Unix second. */
    static final long START = ManualClock.DEFAULT_START.getEpochSecond();

    final ManualClock clock = new ManualClock();
    final Store store;

    StoreFixture(long memoryLimit, int maxItemBytes) {
        store = new Store(clock, memoryLimit, maxItemBytes);
    }

    /** A roomy store: 1 MiB of memory, items of up to 1 KiB. */
    StoreFixture() {
        this(1 << 20, 1024);
    }

    void advanceSeconds(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    /** Stores {@code value} under {@code key} with flags 0, and says it did. */
    void set(String key, String value, long exptime) {
        Store.Status status = store.set(bytes(key), 0, exptime, bytes(value), 0);
        if (status != Store.Status.OK) {
            throw new AssertionError("set " + key + ": " + status);
        }
    }

    /** The value a get reads, or null. */
    String get(String key) {
        Item item = store.get(bytes(key));
        return item == null ? null : new String(item.value(), ISO_8859_1);
    }

    long cas(String key) {
        return store.get(bytes(key)).cas();
    }

    static byte[] bytes(String text) {
        return text.getBytes(ISO_8859_1);
    }
}
