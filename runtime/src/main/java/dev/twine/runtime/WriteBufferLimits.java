package dev.twine.runtime;

/**
 * The write-buffer policy of one transport — watermarks, hard limit, and which writability changes
 * its protocol has still to hear about — for {@link Transport} implementations (the reactor's
 * sockets and the {@code testing} package's in-memory pipe share it). See {@link Transport} for
 * what the three numbers mean.
 */
public final class WriteBufferLimits {

    private int lowWatermark = Transport.DEFAULT_LOW_WATERMARK;
    private int highWatermark = Transport.DEFAULT_HIGH_WATERMARK;
    private long limit = Transport.DEFAULT_WRITE_BUFFER_LIMIT;
    private boolean writable = true;
    private boolean writableAsNotified = true;
    private boolean wentAboveHigh;

    /** @see Transport#setWriteBufferWatermarks(int, int) */
    public void setWatermarks(int low, int high) {
        if (low < 0 || low > high) {
            throw new IllegalArgumentException("need 0 <= low <= high, got low=" + low + " high=" + high);
        }
        lowWatermark = low;
        highWatermark = high;
    }

    /** @see Transport#setWriteBufferLimit(long) */
    public void setLimit(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        this.limit = limit;
    }

    public int lowWatermark() {
        return lowWatermark;
    }

    public int highWatermark() {
        return highWatermark;
    }

    public long limit() {
        return limit;
    }

    public boolean isWritable() {
        return writable;
    }

    /**
     * The exception to abort with if a write would leave {@code pendingAfterWrite} bytes queued, or
     * {@code null} if that is within the limit.
     */
    public WriteBufferOverflowException checkLimit(long pendingAfterWrite) {
        return pendingAfterWrite > limit ? new WriteBufferOverflowException(pendingAfterWrite, limit) : null;
    }

    /** Records that {@code pending} bytes are now queued (after a write or a drain). */
    public void update(long pending) {
        if (writable && pending > highWatermark) {
            writable = false;
            wentAboveHigh = true;
        } else if (!writable && pending <= lowWatermark) {
            writable = true;
        }
    }

    /**
     * The next writability change the protocol must be told, or {@code null} when it knows the
     * current state. A buffer that rose above the high watermark and drained again before anyone was
     * told still yields both edges, false then true: a protocol that saw {@code isWritable()} false
     * stopped producing and waits for the true.
     */
    public Boolean nextChange() {
        if (wentAboveHigh && writableAsNotified) {
            wentAboveHigh = false;
            writableAsNotified = false;
            return Boolean.FALSE;
        }
        wentAboveHigh = false;
        if (writable != writableAsNotified) {
            writableAsNotified = writable;
            return writable;
        }
        return null;
    }
}
