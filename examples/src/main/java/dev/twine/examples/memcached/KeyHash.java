package dev.twine.examples.memcached;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 64-bit hash of a key's bytes, shared by the two things that spread keys: the store's table
 * ({@link LruTable}) picks a slot from its low bits, and {@link Partitions} a partition from its
 * high 32 bits, so that the keys of one partition still spread over every slot of its table.
 *
 * <p>It reads the key eight bytes at a time, multiplies each word into the running state, and ends
 * with MurmurHash3's 64-bit finaliser, so that every bit of the key moves every bit of the hash.
 * A key's last bytes are read as one word that may overlap the word before it; the key's length,
 * mixed in first, tells keys that overlap so apart. It allocates nothing.
 */
final class KeyHash {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The 64-bit golden ratio, odd: multiplying by it is a bijection that spreads low bits up. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** xxHash64's second prime. */
    private static final long PRIME = 0xC2B2AE3D27D4EB4FL;

    private KeyHash() {}

    /** The hash of all of {@code key}'s bytes. */
    static long of(byte[] key) {
        final int length = key.length;
        long hash = length * GOLDEN;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            hash = mix(hash, (long) LONGS.get(key, i));
        }
        if (i < length) {
            hash = mix(hash, length >= Long.BYTES ? (long) LONGS.get(key, length - Long.BYTES) : shortWord(key));
        }
        return finish(hash);
    }

    private static long mix(long hash, long word) {
        return Long.rotateLeft(hash ^ word * PRIME, 31) * GOLDEN;
    }

    /** A key shorter than a word, as a little-endian word. */
    private static long shortWord(byte[] key) {
        long word = 0;
        for (int i = key.length - 1; i >= 0; i--) {
            word = word << Byte.SIZE | key[i] & 0xff;
        }
        return word;
    }

    /** MurmurHash3's fmix64. */
    private static long finish(long hash) {
        hash ^= hash >>> 33;
        hash *= 0xFF51AFD7ED558CCDL;
        hash ^= hash >>> 33;
        hash *= 0xC4CEB9FE1A85EC53L;
        return hash ^ hash >>> 33;
    }
}
