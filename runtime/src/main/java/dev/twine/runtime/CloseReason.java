package dev.twine.runtime;

import java.util.Objects;

/**
 * Why a connection ended: who ended it ({@link #kind()}) and, when something went wrong, the
 * exception that did it ({@link #cause()}).
 *
 * @param kind  who ended the connection
 * @param cause the exception behind it, or {@code null} for a deliberate, orderly close
 */
public record CloseReason(Kind kind, Throwable cause) {

    /** Who ended a connection. */
    public enum Kind {
        /** This side called {@link Transport#close()}; every pending write was sent first. */
        CLOSED,
        /** This side called {@link Transport#abort()}; pending writes were dropped. */
        ABORTED,
        /**
         * The peer closed its side (end of stream). Pending writes were sent first. A connection
         * table reports a stream that ended mid-frame as this kind with a
         * {@link dev.twine.framing.TruncatedFrameException} cause (so not {@link #isClean()}).
         */
        PEER_CLOSED,
        /** The connection broke: an I/O error such as a reset; {@link #cause()} has it. */
        LOST,
        /**
         * A protocol callback threw, a framer rejected the input, or a transport limit was hit;
         * {@link #cause()} has the exception. The connection was aborted.
         */
        FAILED,
        /** The reactor shut down while the connection was open. */
        SHUTDOWN
    }

    public CloseReason {
        Objects.requireNonNull(kind, "kind");
    }

    public static CloseReason closed() {
        return new CloseReason(Kind.CLOSED, null);
    }

    public static CloseReason aborted() {
        return new CloseReason(Kind.ABORTED, null);
    }

    public static CloseReason peerClosed() {
        return new CloseReason(Kind.PEER_CLOSED, null);
    }

    public static CloseReason lost(Throwable cause) {
        return new CloseReason(Kind.LOST, Objects.requireNonNull(cause, "cause"));
    }

    public static CloseReason failed(Throwable cause) {
        return new CloseReason(Kind.FAILED, Objects.requireNonNull(cause, "cause"));
    }

    public static CloseReason shutdown() {
        return new CloseReason(Kind.SHUTDOWN, null);
    }

    /** True when the connection ended in order: closed by either side, with nothing going wrong. */
    public boolean isClean() {
        return cause == null && (kind == Kind.CLOSED || kind == Kind.PEER_CLOSED);
    }

    @Override
    public String toString() {
        return cause == null ? kind.toString() : kind + ": " + cause;
    }
}
