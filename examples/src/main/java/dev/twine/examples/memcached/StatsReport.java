package dev.twine.examples.memcached;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * The general statistics, by memcached's names and in its order, with their values as decimal
 * text: what {@code stats} lists and the binary protocol's stat with no key sends, one response
 * each. With several partitions each is the sum over all of them, as memcached sums its threads'.
 */
final class StatsReport {

    private StatsReport() {}

    /** The one {@code stats} group besides the general one: {@code stats reset}. */
    static final String RESET = "reset";

    /** One partition's counters, read on its owner's thread and added up on the connection's. */
    record Share(Store.Stats store, int currConnections, long totalConnections) {}

    /** {@code partition}'s counters, as of now; on its owner's thread. */
    static Share share(Partition partition) {
        return new Share(partition.store().stats(), partition.stats().currConnections(),
                partition.stats().totalConnections());
    }

    /** {@code stats reset}: zeroes the partition's running counters; on its owner's thread. */
    static void reset(Partition partition) {
        partition.store().resetStats();
        partition.stats().reset();
    }

    /** Gives {@code out} each statistic's name and value, over every partition's {@code shares}. */
    static void forEach(List<Share> shares, BiConsumer<String, String> out) {
        // The partitions started together and read one clock: any one's time will do.
        final Store.Stats first = shares.get(0).store();
        out.accept("pid", Long.toString(ProcessHandle.current().pid()));
        out.accept("uptime", Long.toString(first.uptimeSeconds()));
        out.accept("time", Long.toString(first.time()));
        out.accept("version", ServerStats.VERSION);
        out.accept("pointer_size", "64");
        out.accept("curr_connections", sum(shares, Share::currConnections));
        out.accept("total_connections", sum(shares, Share::totalConnections));
        out.accept("cmd_get", total(shares, Store.Stats::cmdGet));
        out.accept("cmd_set", total(shares, Store.Stats::cmdSet));
        out.accept("cmd_touch", total(shares, Store.Stats::cmdTouch));
        out.accept("get_hits", total(shares, Store.Stats::getHits));
        out.accept("get_misses", total(shares, Store.Stats::getMisses));
        out.accept("delete_misses", total(shares, Store.Stats::deleteMisses));
        out.accept("delete_hits", total(shares, Store.Stats::deleteHits));
        out.accept("incr_misses", total(shares, Store.Stats::incrMisses));
        out.accept("incr_hits", total(shares, Store.Stats::incrHits));
        out.accept("decr_misses", total(shares, Store.Stats::decrMisses));
        out.accept("decr_hits", total(shares, Store.Stats::decrHits));
        out.accept("cas_misses", total(shares, Store.Stats::casMisses));
        out.accept("cas_hits", total(shares, Store.Stats::casHits));
        out.accept("cas_badval", total(shares, Store.Stats::casBadval));
        out.accept("touch_hits", total(shares, Store.Stats::touchHits));
        out.accept("touch_misses", total(shares, Store.Stats::touchMisses));
        out.accept("limit_maxbytes", total(shares, Store.Stats::limitMaxbytes));
        out.accept("threads", Integer.toString(shares.size()));
        out.accept("bytes", total(shares, Store.Stats::bytes));
        out.accept("curr_items", total(shares, Store.Stats::currItems));
        out.accept("total_items", total(shares, Store.Stats::totalItems));
        out.accept("expired_unfetched", total(shares, Store.Stats::expiredUnfetched));
        out.accept("evictions", total(shares, Store.Stats::evictions));
    }

    /** A store counter, summed over the partitions. */
    private static String total(List<Share> shares, ToLongFunction<Store.Stats> counter) {
        return sum(shares, share -> counter.applyAsLong(share.store()));
    }

    private static String sum(List<Share> shares, ToLongFunction<Share> counter) {
        long sum = 0;
        for (Share share : shares) {
            sum += counter.applyAsLong(share);
        }
        return Long.toString(sum);
    }
}
