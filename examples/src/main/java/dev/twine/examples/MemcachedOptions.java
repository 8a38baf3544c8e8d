package dev.twine.examples;

import dev.twine.examples.memcached.ConnectionLimits;
import dev.twine.examples.memcached.McRequest;
import dev.twine.server.ConnectionTimeouts;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;

/**
 * The memcached example's command line, checked as memcached checks its own: {@code --memory-mb}
 * and {@code --max-item-bytes} are its {@code -m} and {@code -I}, with its bounds — an item limit
 * of 1024 bytes to 1 GiB, and at most half of the memory limit.
 *
 * @param memoryLimit  the most bytes the items may take
 * @param maxItemBytes the largest item, key and value
 * @param threads      reactor threads, the cache partitioned between them
 */
record MemcachedOptions(InetSocketAddress address, long memoryLimit, int maxItemBytes, int threads,
        ConnectionLimits limits) {

    private static final Set<String> NAMES = Set.of("port", "host", "memory-mb", "max-item-bytes", "threads",
            "max-connections", "idle-timeout", "request-timeout", "write-timeout");

    private static final int DEFAULT_MEMORY_MB = 64;
    private static final int DEFAULT_MAX_ITEM_BYTES = 1 << 20;
    /** memcached's least {@code -I}. */
    private static final int MIN_ITEM_BYTES = 1024;

    /** The options from {@code args[from]} on. */
    static MemcachedOptions parse(String[] args, int from) throws CommandLine.UsageException {
        CommandLine options = new CommandLine(args, from, NAMES);
        int memoryMb = options.intValue("memory-mb", DEFAULT_MEMORY_MB, 1, Integer.MAX_VALUE);
        long memoryLimit = (long) memoryMb << 20;
        int maxItemBytes = options.intValue("max-item-bytes", DEFAULT_MAX_ITEM_BYTES, MIN_ITEM_BYTES,
                McRequest.LARGEST_ITEM_LIMIT);
        if (maxItemBytes > memoryLimit / 2) {
            // memcached refuses it too: an item that takes most of the memory evicts everything else.
            long neededMb = (2L * maxItemBytes + (1 << 20) - 1) >> 20;
            String given = options.get("max-item-bytes", null) == null ? " (the default)" : "";
            throw new CommandLine.UsageException("--max-item-bytes " + maxItemBytes + given
                    + " is more than half of --memory-mb " + memoryMb + " (" + memoryLimit / 2
                    + " bytes), which memcached refuses too: give --memory-mb " + neededMb
                    + " or more, or a smaller --max-item-bytes");
        }
        int threads = options.intValue("threads", 1, 1, Main.MAX_THREADS);
        ConnectionLimits limits = limits(options);
        return new MemcachedOptions(options.listenAddress(), memoryLimit, maxItemBytes, threads, limits);
    }

    /** {@code --max-connections} and the three timeouts, in seconds, over the example's defaults. */
    private static ConnectionLimits limits(CommandLine options) throws CommandLine.UsageException {
        ConnectionTimeouts defaults = ConnectionLimits.DEFAULTS.timeouts();
        return new ConnectionLimits(
                options.intValue("max-connections", ConnectionLimits.DEFAULTS.maxConnections(), 1, Integer.MAX_VALUE),
                new ConnectionTimeouts(seconds(options, "idle-timeout", defaults.idle()),
                        seconds(options, "request-timeout", defaults.frame()),
                        seconds(options, "write-timeout", defaults.write())));
    }

    private static Duration seconds(CommandLine options, String name, Duration otherwise)
            throws CommandLine.UsageException {
        return Duration.ofSeconds(options.intValue(name, (int) otherwise.toSeconds(), 0, Integer.MAX_VALUE));
    }
}
