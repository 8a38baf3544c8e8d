package dev.twine.runtime;

/**
 * A connection queued more outgoing bytes than its {@linkplain Transport#setWriteBufferLimit limit}:
 * the peer is not reading (or reads too slowly) and the protocol kept writing. The connection is
 * aborted with this as the reason.
 */
public final class WriteBufferOverflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long pending;
    private final long limit;

    public WriteBufferOverflowException(long pending, long limit) {
        super("write buffer would hold " + pending + " bytes, over its limit of " + limit
                + " (the peer is not reading; pause when Transport.isWritable() is false, or raise"
                + " Transport.setWriteBufferLimit)");
        this.pending = pending;
        this.limit = limit;
    }

    /** Bytes the buffer would have held after the refused write. */
    public long pending() {
        return pending;
    }

    public long limit() {
        return limit;
    }
}
