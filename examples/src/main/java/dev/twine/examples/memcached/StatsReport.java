package dev.twine.examples.memcached;

import dev.twine.server.Connection;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The groups of statistics, by memcached's names and in its order, with their values as text: what
 * {@code stats [group]} lists, one line each, and the binary protocol's stat sends, one response
 * each. With several partitions a counter is the sum over all of them, as memcached sums its
 * threads'.
 *
 * <ul>
 *   <li>The general group ({@code stats}; a binary stat with no key): the counters.</li>
 *   <li>{@value #SETTINGS}: the server's configuration ({@link ServerSettings}).</li>
 *   <li>{@value #ITEMS}: memcached reports it per slab class; this store has no slab allocator,
 *       so all its items are one class, class 1, with the per-class counters it keeps. As in
 *       memcached, a class that holds no item is not listed: an empty cache gives nothing.</li>
 *   <li>{@value #RESET}: no report; it zeroes the running counters ({@link #reset}).</li>
 * </ul>
 *
 * memcached's other groups ({@code slabs}, {@code sizes}, {@code conns}, {@code detail}, …)
 * describe machinery this server does not have, and are unknown here.
 */
final class StatsReport {

    private StatsReport() {}

    /** The general group's name: none. */
    static final String GENERAL = "";
    static final String SETTINGS = "settings";
    static final String ITEMS = "items";
    static final String RESET = "reset";

    /** One statistic: its name and its value, as text. */
    record Stat(String name, String value) {}

    /** One partition's counters, read on its owner's thread and added up on the connection's. */
    record Share(Store.Stats store, long lruTailAge, int currConnections, long totalConnections) {}

    /** {@code partition}'s counters, as of now; on its owner's thread. */
    static Share share(Partition partition) {
        return new Share(partition.store().stats(), partition.store().lruTailAge(),
                partition.stats().currConnections(), partition.stats().totalConnections());
    }

    /** {@code stats reset}: zeroes the partition's running counters; on its owner's thread. */
    static void reset(Partition partition) {
        partition.store().resetStats();
        partition.stats().reset();
    }

    /**
     * Gathers the statistics of {@code group} ({@value #GENERAL} for the general ones) from every
     * partition that keeps some, and gives them to {@code answer} on the connection's thread, in its
     * request order.
     *
     * @return false, having asked nothing, if the server has no such group to report
     */
    static boolean ask(Connection<Session> connection, Partitions partitions, ServerSettings settings,
            String group, Consumer<? super List<Stat>> answer) {
        switch (group) {
            case GENERAL -> partitions.askAll(connection, StatsReport::share,
                    shares -> answer.accept(collect(out -> general(shares, out))));
            case ITEMS -> partitions.askAll(connection, StatsReport::share,
                    shares -> answer.accept(collect(out -> items(shares, out))));
            case SETTINGS -> {
                final int port = ((InetSocketAddress) connection.transport().localAddress()).getPort();
                answer.accept(collect(out -> settings.forEach(port, out)));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static List<Stat> collect(Consumer<BiConsumer<String, String>> report) {
        final List<Stat> stats = new ArrayList<>();
        report.accept((name, value) -> stats.add(new Stat(name, value)));
        return stats;
    }

    /** The general group, over every partition's {@code shares}. */
    private static void general(List<Share> shares, BiConsumer<String, String> out) {
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

    /**
     * The {@value #ITEMS} group: every item in class 1, or nothing when there is none. Its age is
     * the oldest partition's, whose LRU tail has gone longest without a use.
     */
    private static void items(List<Share> shares, BiConsumer<String, String> out) {
        if (shares.stream().allMatch(share -> share.store().currItems() == 0)) {
            return;
        }
        out.accept("items:1:number", total(shares, Store.Stats::currItems));
        out.accept("items:1:age", Long.toString(shares.stream().mapToLong(Share::lruTailAge).max().orElseThrow()));
        out.accept("items:1:mem_requested", total(shares, Store.Stats::bytes));
        out.accept("items:1:evicted", total(shares, Store.Stats::evictions));
        out.accept("items:1:expired_unfetched", total(shares, Store.Stats::expiredUnfetched));
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
