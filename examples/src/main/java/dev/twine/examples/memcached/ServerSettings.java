package dev.twine.examples.memcached;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * What {@code stats settings} reports: the server's configuration, by the names and in the order
 * of memcached 1.6's {@code process_stat_settings}. Only settings this server really has are
 * listed, with its own values; memcached's others (slab sizes, the LRU crawler's tuning, UDP
 * threads, extstore, TLS certificates, …) describe machinery it does not have, and are left out
 * rather than invented. A few it does list say that something is off here as it can be in
 * memcached: no UDP, no SASL or ASCII authentication, no TLS, no LRU crawler, no segmented LRU.
 *
 * <p>Each reactor's server has its own, filled in as that server is configured: the limits and
 * threads when it is made, the listening address and connection limit when it
 * {@linkplain #listening listens}, the idle timeout when its {@linkplain #idleTimeout timeouts} are
 * set. Reactor thread only.
 */
final class ServerSettings {

    private final long maxBytes;
    private final int itemSizeMax;
    private final int threads;
    /** The host it listens on, as given; null until it listens (a bare protocol factory). */
    private String host;
    /** The most connections at once; 0 until it listens, when nothing limits them. */
    private int maxConnections;
    private Duration idleTimeout = Duration.ZERO;

    /**
     * @param maxBytes    the memory limit of the whole server (memcached's {@code -m}, in bytes)
     * @param itemSizeMax the largest item (memcached's {@code -I})
     * @param threads     the reactors serving the cache (memcached's {@code -t})
     */
    ServerSettings(long maxBytes, int itemSizeMax, int threads) {
        this.maxBytes = maxBytes;
        this.itemSizeMax = itemSizeMax;
        this.threads = threads;
    }

    /** The server listens on {@code address}, allowing {@code maxConnections} at once. */
    void listening(InetSocketAddress address, int maxConnections) {
        host = address.getHostString();
        this.maxConnections = maxConnections;
    }

    /** Connections silent for {@code idle} are closed (zero: never). */
    void idleTimeout(Duration idle) {
        idleTimeout = idle;
    }

    /**
     * Gives {@code out} each setting's name and value, for a connection accepted on {@code tcpPort}
     * (the bound port, which {@code --port 0} leaves to the system). The connection limit and the
     * interface are listed once the server listens: a bare protocol factory has neither.
     */
    void forEach(int tcpPort, BiConsumer<String, String> out) {
        out.accept("maxbytes", Long.toString(maxBytes));
        if (host != null) {
            out.accept("maxconns", Integer.toString(maxConnections));
        }
        out.accept("tcpport", Integer.toString(tcpPort));
        out.accept("udpport", "0");
        if (host != null) {
            out.accept("inter", host);
        }
        out.accept("evictions", "on");
        out.accept("num_threads", Integer.toString(threads));
        out.accept("cas_enabled", "yes");
        // Both protocols on one port, told apart by the first byte, as memcached's -B auto.
        out.accept("binding_protocol", "auto-negotiate");
        out.accept("auth_enabled_sasl", "no");
        out.accept("auth_enabled_ascii", "no");
        out.accept("item_size_max", Integer.toString(itemSizeMax));
        // At the limit the port stops accepting, as memcached without -o maxconns_fast.
        out.accept("maxconns_fast", "no");
        out.accept("lru_crawler", "no");
        out.accept("flush_enabled", "yes");
        out.accept("lru_segmented", "no");
        out.accept("idle_timeout", Long.toString(idleTimeout.toSeconds()));
        out.accept("ssl_enabled", "no");
    }
}
