package dev.twine.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a peer may keep a connection of a {@link Connections} table waiting, at the three places
 * where a hostile or broken peer stalls a server; {@link Duration#ZERO} turns one off. When one
 * expires the handler hears {@link FrameHandler#onTimeout}, which by default aborts the connection
 * with a {@link ConnectionTimeoutException} saying which. Set them with
 * {@link Connections#setTimeouts}; every one is off unless set (as in Twisted and Netty).
 *
 * <ul>
 *   <li><b>{@code idle}</b> — the most time between two frames (or from connecting to the first):
 *       memcached's {@code idle_timeout}, Twisted's {@code TimeoutMixin} and Netty's
 *       {@code ReadTimeoutHandler}, but counted in <em>whole frames</em>, not bytes. A peer that
 *       sends one byte now and then (slowloris) keeps a byte-counting timer young for ever; it
 *       cannot make a frame arrive.</li>
 *   <li><b>{@code frame}</b> — the most time from a frame's first byte to its last: nginx's
 *       {@code client_header_timeout}. The same protection where {@code idle} must be long (pooled
 *       client connections that wait minutes between requests) but frames are quick. With
 *       {@code maxFrameLength} bytes allowed per frame it asks for a rate of at least
 *       {@code maxFrameLength / frame} from a peer that sends frames that large.</li>
 *   <li><b>{@code write}</b> — the most time the outgoing buffer may stay above its high watermark
 *       (from crossing it until it drains to the low one): Redis's
 *       {@code client-output-buffer-limit} soft limit. It ends a peer that stops reading its replies;
 *       the table's backpressure has already stopped reading from it, so without this it would wait,
 *       holding its buffers, for ever. It counts time above the watermark, not time since the last
 *       byte went out, so a peer that reads a byte now and then (the slow-read attack) cannot keep it
 *       alive either.</li>
 * </ul>
 *
 * <p>The clocks keep running while the table holds reading back for backpressure, so a peer that
 * reads nothing is ended by whichever timeout comes first; and a reply that takes the peer longer
 * than {@code idle} to read is cut short — set {@code idle} above the longest, or leave it off and
 * rely on {@code frame} and {@code write}.
 *
 * @param idle  the most time between frames; zero for none
 * @param frame the most time a frame may take to arrive whole; zero for none
 * @param write the most time the outgoing buffer may stay above its high watermark; zero for none
 */
public record ConnectionTimeouts(Duration idle, Duration frame, Duration write) {

    /** No timeouts: the default. */
    public static final ConnectionTimeouts NONE = new ConnectionTimeouts(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** @throws IllegalArgumentException if a duration is negative */
    public ConnectionTimeouts {
        check(idle, "idle");
        check(frame, "frame");
        check(write, "write");
    }

    private static void check(Duration timeout, String which) {
        Objects.requireNonNull(timeout, which);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the " + which + " timeout must be zero (none) or more, was "
                    + timeout);
        }
    }

    /** These timeouts with {@code idle} as the idle timeout. */
    public ConnectionTimeouts withIdle(Duration idle) {
        return new ConnectionTimeouts(idle, frame, write);
    }

    /** These timeouts with {@code frame} as the frame timeout. */
    public ConnectionTimeouts withFrame(Duration frame) {
        return new ConnectionTimeouts(idle, frame, write);
    }

    /** These timeouts with {@code write} as the write timeout. */
    public ConnectionTimeouts withWrite(Duration write) {
        return new ConnectionTimeouts(idle, frame, write);
    }

    /** True when every timeout is off. */
    public boolean isNone() {
        return idle.isZero() && frame.isZero() && write.isZero();
    }
}
