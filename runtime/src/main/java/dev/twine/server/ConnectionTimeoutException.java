package dev.twine.server;

import java.time.Duration;
import java.util.Objects;

/**
 * One of a table's {@link ConnectionTimeouts} expired for a connection: the peer sent no frame, did
 * not finish one, or did not read its replies, in time. Handed to {@link FrameHandler#onTimeout},
 * whose default aborts the connection with it as the cause of a
 * {@link dev.twine.runtime.CloseReason.Kind#FAILED FAILED} close.
 */
public final class ConnectionTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which timeout expired. */
    public enum Kind {
        /** No frame arrived for {@link ConnectionTimeouts#idle()}. */
        IDLE,
        /** A frame that had started did not finish within {@link ConnectionTimeouts#frame()}. */
        FRAME,
        /** The outgoing buffer stayed above its high watermark for {@link ConnectionTimeouts#write()}. */
        WRITE
    }

    private final Kind kind;
    private final Duration limit;

    public ConnectionTimeoutException(Kind kind, Duration limit) {
        super(message(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(limit, "limit")));
        this.kind = kind;
        this.limit = limit;
    }

    private static String message(Kind kind, Duration limit) {
        return switch (kind) {
            case IDLE -> "no frame arrived for " + limit + " (the idle timeout)";
            case FRAME -> "a frame took more than " + limit + " to arrive whole (the frame timeout)";
            case WRITE -> "the peer did not read its replies: the outgoing buffer stayed above its high"
                    + " watermark for " + limit + " (the write timeout)";
        };
    }

    public Kind kind() {
        return kind;
    }

    /** The timeout that expired. */
    public Duration limit() {
        return limit;
    }
}
