package dev.twine.examples.memcached;

import java.util.function.BiConsumer;

/**
 * The general statistics, by memcached's names and in its order, with their values as decimal
 * text: what the binary protocol's stat with no key sends, one response each.
 */
final class StatsReport {

    private StatsReport() {}

    /** The one {@code stats} group besides the general one: {@code stats reset}. */
    static final String RESET = "reset";

    /** {@code stats reset}: zeroes the server's and the store's running counters. */
    static void reset(Store store, ServerStats server) {
        store.resetStats();
        server.reset();
    }

    /** Gives {@code out} each statistic's name and value. */
    static void forEach(Store store, ServerStats server, BiConsumer<String, String> out) {
        final Store.Stats s = store.stats();
        out.accept("pid", Long.toString(ProcessHandle.current().pid()));
        out.accept("uptime", Long.toString(s.uptimeSeconds()));
        out.accept("time", Long.toString(s.time()));
        out.accept("version", server.version());
        out.accept("pointer_size", "64");
        out.accept("curr_connections", Integer.toString(server.currConnections()));
        out.accept("total_connections", Long.toString(server.totalConnections()));
        out.accept("cmd_get", Long.toString(s.cmdGet()));
        out.accept("cmd_set", Long.toString(s.cmdSet()));
        out.accept("cmd_touch", Long.toString(s.cmdTouch()));
        out.accept("get_hits", Long.toString(s.getHits()));
        out.accept("get_misses", Long.toString(s.getMisses()));
        out.accept("delete_misses", Long.toString(s.deleteMisses()));
        out.accept("delete_hits", Long.toString(s.deleteHits()));
        out.accept("incr_misses", Long.toString(s.incrMisses()));
        out.accept("incr_hits", Long.toString(s.incrHits()));
        out.accept("decr_misses", Long.toString(s.decrMisses()));
        out.accept("decr_hits", Long.toString(s.decrHits()));
        out.accept("cas_misses", Long.toString(s.casMisses()));
        out.accept("cas_hits", Long.toString(s.casHits()));
        out.accept("cas_badval", Long.toString(s.casBadval()));
        out.accept("touch_hits", Long.toString(s.touchHits()));
        out.accept("touch_misses", Long.toString(s.touchMisses()));
        out.accept("limit_maxbytes", Long.toString(s.limitMaxbytes()));
        out.accept("threads", "1");
        out.accept("bytes", Long.toString(s.bytes()));
        out.accept("curr_items", Long.toString(s.currItems()));
        out.accept("total_items", Long.toString(s.totalItems()));
        out.accept("expired_unfetched", Long.toString(s.expiredUnfetched()));
        out.accept("evictions", Long.toString(s.evictions()));
    }
}
