package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The memcached example's command line: memcached's bounds on {@code -m} and {@code -I}. */
class MemcachedOptionsTest {

    private static final int GIB = 1024 * 1024 * 1024;

    private static MemcachedOptions parse(String... options) throws CommandLine.UsageException {
        String[] args = new String[options.length + 3];
        args[0] = "memcached";
        args[1] = "--port";
        args[2] = "0";
        System.arraycopy(options, 0, args, 3, options.length);
        return MemcachedOptions.parse(args, 1);
    }

    private static String refusal(String... options) {
        return assertThrows(CommandLine.UsageException.class, () -> parse(options)).getMessage();
    }

    @Test
    void theDefaultsAreMemcacheds() throws Exception {
        MemcachedOptions options = parse();

        assertEquals(64L * 1024 * 1024, options.memoryLimit());
        assertEquals(1024 * 1024, options.maxItemBytes());
        assertEquals(1, options.threads());
        assertEquals(new InetSocketAddress("127.0.0.1", 0), options.address());
    }

    @Test
    void hostMemoryAndItemLimitAreTakenAsGiven() throws Exception {
        MemcachedOptions options = parse("--host", "127.0.0.2", "--memory-mb", "2", "--max-item-bytes", "4096");

        assertEquals(new InetSocketAddress("127.0.0.2", 0), options.address());
        assertEquals(2L * 1024 * 1024, options.memoryLimit());
        assertEquals(4096, options.maxItemBytes());
    }

    /** memcached's {@code -I 1024m}: its largest, with the memory it needs (twice as much). */
    @Test
    void anItemLimitOfOneGibibyteIsAccepted() throws Exception {
        MemcachedOptions options = parse("--memory-mb", "2048", "--max-item-bytes", Integer.toString(GIB));

        assertEquals(GIB, options.maxItemBytes());
        assertEquals(2048L * 1024 * 1024, options.memoryLimit());
    }

    @Test
    void anItemLimitOverOneGibibyteIsRefused() {
        assertEquals("--max-item-bytes must be between 1024 and 1073741824, was 1073741825",
                refusal("--memory-mb", "4096", "--max-item-bytes", Integer.toString(GIB + 1)));
        assertEquals("--max-item-bytes must be between 1024 and 1073741824, was 1023",
                refusal("--max-item-bytes", "1023"));
    }

    /** memcached 1.6: "Cannot set item size limit higher than 1/2 of memory max." */
    @Test
    void anItemLimitOverHalfTheMemoryIsRefusedSayingWhatWouldDo() throws Exception {
        assertEquals(32 * 1024 * 1024, parse("--memory-mb", "64", "--max-item-bytes", "33554432").maxItemBytes());

        assertEquals("--max-item-bytes 33554433 is more than half of --memory-mb 64 (33554432 bytes), which"
                + " memcached refuses too: give --memory-mb 65 or more, or a smaller --max-item-bytes",
                refusal("--memory-mb", "64", "--max-item-bytes", "33554433"));
        assertEquals("--max-item-bytes 1073741824 is more than half of --memory-mb 64 (33554432 bytes), which"
                + " memcached refuses too: give --memory-mb 2048 or more, or a smaller --max-item-bytes",
                refusal("--max-item-bytes", Integer.toString(GIB)));
    }

    @Test
    void theDefaultItemLimitNeedsTwoMebibytes() throws Exception {
        assertEquals("--max-item-bytes 1048576 (the default) is more than half of --memory-mb 1 (524288 bytes),"
                + " which memcached refuses too: give --memory-mb 2 or more, or a smaller --max-item-bytes",
                refusal("--memory-mb", "1"));
        assertEquals(512 * 1024, parse("--memory-mb", "1", "--max-item-bytes", "524288").maxItemBytes());
        assertEquals(1024 * 1024, parse("--memory-mb", "2").maxItemBytes());
    }
}
