package dev.twine.runtime;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * One connection's way out: writes, closing, flow control. Every method is for the reactor thread
 * only (the ones that change anything fail fast elsewhere), and none of them blocks.
 *
 * <h2>Writing</h2>
 * {@link #write(ByteBuffer)} copies the bytes into the connection's outgoing buffer and returns at
 * once. The bytes leave when the current callback returns (several writes from one callback go out
 * in one system call); what the socket does not take stays queued and is sent as the peer reads.
 *
 * <h2>Write-buffer limits</h2>
 * Bytes queued but not yet sent count against three limits:
 * <ul>
 *   <li>the <b>high watermark</b> (default {@value #DEFAULT_HIGH_WATERMARK} bytes): above it
 *       {@link #isWritable()} turns false and the protocol hears
 *       {@link Protocol#onWritabilityChanged(boolean) onWritabilityChanged(false)};</li>
 *   <li>the <b>low watermark</b> (default {@value #DEFAULT_LOW_WATERMARK} bytes): when the buffer
 *       drains to it, writability comes back with {@code onWritabilityChanged(true)};</li>
 *   <li>the <b>limit</b> (default {@value #DEFAULT_WRITE_BUFFER_LIMIT} bytes): a write that would
 *       queue more than this aborts the connection with a {@link WriteBufferOverflowException}, so
 *       a peer that never reads cannot grow memory without bound, even under a protocol that
 *       ignores writability.</li>
 * </ul>
 *
 * <h2>Closing</h2>
 * {@link #close()} stops reading and closes once every queued byte is sent; {@link #abort()} drops
 * them and closes now. Either way the protocol's {@link Protocol#onClose onClose} runs once, after
 * the current callback returns. Writes after close or abort are ignored.
 */
public interface Transport {

    int DEFAULT_LOW_WATERMARK = 32 * 1024;
    int DEFAULT_HIGH_WATERMARK = 64 * 1024;
    long DEFAULT_WRITE_BUFFER_LIMIT = 16L * 1024 * 1024;

    /** Queues {@code data}'s remaining bytes and advances its position to its limit. */
    void write(ByteBuffer data);

    /** Queues {@code length} bytes of {@code data} from {@code offset}. */
    void write(byte[] data, int offset, int length);

    /** Queues all of {@code data}. */
    default void write(byte[] data) {
        write(data, 0, data.length);
    }

    /**
     * Lends room for exactly {@code size} bytes at the end of the outgoing queue, so that an encoder
     * that knows a message's size can put it there in place, with no buffer or copy of its own: put
     * exactly {@code size} bytes from the returned buffer's position (its limit is there, and its
     * order big-endian), then hand it to {@link #commit} before any other call on this transport.
     * Do not keep the buffer. A claim never committed queues nothing.
     *
     * <p>The default, for transports with no queue of their own to lend, returns a new buffer that
     * {@code commit} writes.
     */
    default ByteBuffer claim(int size) {
        return ByteBuffer.allocate(size);
    }

    /**
     * Queues the bytes put into {@code claimed}, the buffer the last {@link #claim} lent.
     *
     * @throws IllegalStateException if fewer bytes were put than were claimed
     */
    default void commit(ByteBuffer claimed) {
        if (claimed.hasRemaining()) {
            throw new IllegalStateException(claimed.remaining() + " claimed bytes were not put");
        }
        write(claimed.flip());
    }

    /** Stops reading, sends every queued byte, then closes. Idempotent. */
    void close();

    /** Drops queued bytes and closes now. Idempotent. */
    void abort();

    /**
     * Drops queued bytes and closes now, telling the protocol {@code cause} was why
     * ({@link CloseReason.Kind#FAILED}).
     */
    void abort(Throwable cause);

    /** False once {@link #close()} or {@link #abort()} was called or the connection was lost. */
    boolean isOpen();

    /**
     * Stops delivering bytes until {@link #resumeReading()}. When called inside
     * {@link Protocol#onBytes}, the bytes that call leaves unconsumed are kept and delivered first
     * on resume.
     */
    void pauseReading();

    /** Delivers again: first any kept bytes (after the current callback), then new ones. */
    void resumeReading();

    boolean isReadingPaused();

    /** False while the queued bytes are above the high watermark (and not yet down to the low). */
    boolean isWritable();

    /** Bytes written but not yet handed to the operating system. */
    long pendingWriteBytes();

    /**
     * Sets the watermarks that drive {@link #isWritable()}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    void setWriteBufferWatermarks(int low, int high);

    /**
     * Sets the most bytes that may wait in the outgoing buffer; a write beyond it aborts the
     * connection with a {@link WriteBufferOverflowException}.
     *
     * @throws IllegalArgumentException unless {@code limit} is positive
     */
    void setWriteBufferLimit(long limit);

    SocketAddress localAddress();

    SocketAddress remoteAddress();
}
