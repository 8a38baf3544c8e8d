package dev.twine.examples.memcached;

import static dev.twine.examples.memcached.StoreFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.twine.examples.memcached.LruTable.Entry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LruTableTest {

    private static final Item ITEM = new Item(bytes("v"), 0, 1);

    /**
     * Random adds and removes of a few dozen keys, against a map: the table starts at 16 slots, so
     * its runs of probes collide, wrap around its end and are shifted back by removals, and it
     * grows several times. After every step each key is found exactly when the map has it, and the
     * LRU order, size and bytes agree.
     */
    @Test
    void findsExactlyWhatItHoldsThroughAddsRemovesAndGrowth() {
        for (long seed = 0; seed < 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            LruTable table = new LruTable();
            Map<String, Entry> model = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                keys.add("k" + i + "-".repeat(random.nextInt(12)));
            }
            for (int step = 0; step < 2_000; step++) {
                String key = keys.get(random.nextInt(keys.size()));
                Entry entry = table.get(bytes(key));
                assertSame(model.get(key), entry, "seed " + seed + " step " + step + ": " + key);
                // Grow towards all the keys, then shrink towards none, then grow again.
                boolean adding = random.nextInt(100) < (step / 500 % 2 == 0 ? 70 : 30);
                if (entry == null && adding) {
                    model.put(key, table.add(bytes(key), ITEM, Long.MAX_VALUE, 0));
                } else if (entry != null && !adding) {
                    table.remove(entry);
                    model.remove(key);
                }
                assertEquals(model.size(), table.size());
                for (String each : keys) {
                    assertSame(model.get(each), table.get(bytes(each)), "seed " + seed + " step " + step + ": " + each);
                }
            }
            long bytes = 0;
            for (Entry entry : model.values()) {
                bytes += LruTable.charge(entry);
            }
            assertEquals(bytes, table.bytes());
            for (Entry expected : model.values()) {
                assertSame(expected, table.eldest());
                table.remove(expected);
            }
            assertNull(table.eldest());
        }
    }

    @Test
    void keysAreComparedByEveryByte() {
        LruTable table = new LruTable();
        Entry entry = table.add(new byte[] {'k', 0, (byte) 0xff}, ITEM, Long.MAX_VALUE, 0);

        assertSame(entry, table.get(new byte[] {'k', 0, (byte) 0xff}));
        assertNull(table.get(new byte[] {'k', 0}));
        assertNull(table.get(new byte[] {'k', 0, (byte) 0xff, 0}));
        assertNull(table.get(new byte[] {'k', 0, (byte) 0xfe}));
        assertArrayEquals(new byte[] {'k', 0, (byte) 0xff}, entry.key);
    }

    /** Keys that differ in one byte, anywhere, or only in length, hash apart, whatever their length. */
    @Test
    void theHashDependsOnEveryByteAndTheLength() {
        Set<Long> hashes = new HashSet<>();
        int keys = 0;
        for (int length = 0; length <= 40; length++) {
            byte[] key = new byte[length];
            hashes.add(KeyHash.of(key));
            keys++;
            for (int i = 0; i < length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] changed = key.clone();
                    changed[i] ^= (byte) (1 << bit);
                    hashes.add(KeyHash.of(changed));
                    keys++;
                }
            }
        }
        assertEquals(keys, hashes.size());
        assertEquals(KeyHash.of(bytes("some key")), KeyHash.of(bytes("some key")));
        assertNotEquals(KeyHash.of(bytes("ab")), KeyHash.of(new byte[] {'a', 'b', 0}));
    }
}
