package dev.twine.testing;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Transport;
import dev.twine.runtime.WriteBufferLimits;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A {@link Transport} with no network behind it, for unit-testing one protocol by calling its
 * callbacks directly (Twisted's {@code StringTransport}, Netty's {@code EmbeddedChannel}). It
 * records what the protocol wrote and whether it closed, aborted or paused, and lets the test decide
 * whether it is writable.
 *
 * <pre>{@code
 * var transport = new RecordingTransport();
 * var protocol = new EchoProtocol();
 * protocol.onConnect(transport);
 * protocol.onBytes(ByteBuffer.wrap("hello\r\n".getBytes(US_ASCII)));
 * assertEquals("hello\r\n", transport.takeWrittenString());
 * }</pre>
 *
 * <p>It calls nothing back: it never calls {@code onClose} or {@code onWritabilityChanged} by
 * itself. To run two protocols against each other use {@link MemoryPipe}.
 */
public final class RecordingTransport implements Transport {

    private final SocketAddress localAddress;
    private final SocketAddress remoteAddress;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private CloseReason closeReason;
    private boolean readingPaused;
    private boolean writable = true;
    private final WriteBufferLimits limits = new WriteBufferLimits();

    /** A transport between 127.0.0.1:1 (local) and 127.0.0.1:2 (remote). */
    public RecordingTransport() {
        this(new InetSocketAddress("127.0.0.1", 1), new InetSocketAddress("127.0.0.1", 2));
    }

    public RecordingTransport(SocketAddress localAddress, SocketAddress remoteAddress) {
        this.localAddress = Objects.requireNonNull(localAddress, "localAddress");
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    @Override
    public void write(ByteBuffer data) {
        if (closeReason != null) {
            data.position(data.limit());
            return;
        }
        while (data.hasRemaining()) {
            written.write(data.get());
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (closeReason == null) {
            written.write(data, offset, length);
        }
    }

    /** Everything written so far (and not taken). */
    public byte[] written() {
        return written.toByteArray();
    }

    /** Everything written so far, and forgets it. */
    public byte[] takeWritten() {
        byte[] bytes = written.toByteArray();
        written.reset();
        return bytes;
    }

    /** {@link #takeWritten()} as UTF-8 text. */
    public String takeWrittenString() {
        return new String(takeWritten(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (closeReason == null) {
            closeReason = CloseReason.closed();
        }
    }

    @Override
    public void abort() {
        if (closeReason == null) {
            closeReason = CloseReason.aborted();
        }
    }

    @Override
    public void abort(Throwable cause) {
        if (closeReason == null) {
            closeReason = CloseReason.failed(cause);
        }
    }

    @Override
    public boolean isOpen() {
        return closeReason == null;
    }

    /**
     * How the protocol ended the connection — {@code CLOSED} after {@link #close()}, {@code ABORTED}
     * or {@code FAILED} (with the cause) after abort — or {@code null} while it is open.
     */
    public CloseReason closeReason() {
        return closeReason;
    }

    @Override
    public void pauseReading() {
        readingPaused = true;
    }

    @Override
    public void resumeReading() {
        readingPaused = false;
    }

    @Override
    public boolean isReadingPaused() {
        return readingPaused;
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    /** Sets what {@link #isWritable()} answers; the test then calls the protocol's callback itself. */
    public void setWritable(boolean writable) {
        this.writable = writable;
    }

    /** Nothing is ever pending: every write is recorded at once. */
    @Override
    public long pendingWriteBytes() {
        return 0;
    }

    @Override
    public void setWriteBufferWatermarks(int low, int high) {
        limits.setWatermarks(low, high);
    }

    @Override
    public void setWriteBufferLimit(long limit) {
        limits.setLimit(limit);
    }

    /** The watermarks and limit the protocol set, for assertions. */
    public WriteBufferLimits writeBufferLimits() {
        return limits;
    }

    @Override
    public SocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remoteAddress;
    }
}
