package dev.twine.testing;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Transport;
import dev.twine.runtime.WriteBufferLimits;
import dev.twine.runtime.WriteBufferOverflowException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One side of a connection in memory: the {@link Transport} its protocol writes to, and the calls
 * into that protocol, under the reactor's rules — a callback that throws fails this side only, a
 * protocol paused mid-read keeps its unconsumed bytes, {@code onClose} comes exactly once and
 * nothing after it.
 *
 * <p>What lies between two sides is a {@link Carrier}'s business: {@link MemoryPipe} hands bytes
 * straight from one side's queue to the other's protocol, {@link SimulatedNetwork} sends them
 * through a network with latency. The carrier moves the bytes, decides when a closing side has
 * finished ({@link #finishClosing()}) and when the peer's end of stream is seen
 * ({@link #seeEndOfStream}); this class keeps one side's state.
 */
final class MemoryTransport implements Transport {

    /** Whatever carries bytes between two sides, as one side needs to reach it. */
    interface Carrier {

        /** The protocol wrote, closed, resumed reading or moved its watermarks: there is work. */
        void wake();

        /** {@code side} has closed: not one byte more leaves it, and its peer must hear the end. */
        void closed(MemoryTransport side);
    }

    private enum State { OPEN, CLOSING, CLOSED }

    private final String name;
    private final Protocol protocol;
    private final SocketAddress localAddress;
    private final SocketAddress remoteAddress;
    private final Carrier carrier;
    private final ByteQueue outbound = new ByteQueue();
    private final WriteBufferLimits limits = new WriteBufferLimits();
    private State state = State.OPEN;
    private CloseReason reason;
    private boolean closeNotified;
    private boolean readingPaused;
    /** The peer finished sending: end of stream, seen once everything before it is read. */
    private boolean endOfStream;

    MemoryTransport(String name, Protocol protocol, SocketAddress localAddress, SocketAddress remoteAddress,
            Carrier carrier) {
        this.name = name;
        this.protocol = Objects.requireNonNull(protocol, name);
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
        this.carrier = carrier;
    }

    // ---------------------------------------------------------------------------------------------
    // For the carrier

    /** Tells the protocol it is connected. */
    void connect() {
        try {
            protocol.onConnect(this);
        } catch (Throwable t) {
            abortWith(CloseReason.failed(t));
        }
    }

    /** True while the protocol takes bytes: open, and not paused. */
    boolean isReading() {
        return state == State.OPEN && !readingPaused;
    }

    boolean isClosing() {
        return state == State.CLOSING;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** True once the protocol has heard {@code onClose}. */
    boolean closeNotified() {
        return closeNotified;
    }

    /** Why this side closed, or {@code null} while it is open. */
    CloseReason reason() {
        return reason;
    }

    /**
     * Hands {@code data} to the protocol.
     *
     * @return how many of its bytes are done with: all of them, unless the protocol paused mid-read,
     *     which keeps the ones it left to be delivered again, first, when it resumes
     */
    int deliver(ByteBuffer data) {
        int start = data.position();
        int size = data.remaining();
        try {
            protocol.onBytes(data);
        } catch (Throwable t) {
            abortWith(CloseReason.failed(t));
        }
        return state == State.OPEN && readingPaused ? data.position() - start : size;
    }

    /** Bytes written and not yet taken by the carrier. */
    int pending() {
        return outbound.size();
    }

    /** Puts the first {@code length} pending bytes into {@code target}, leaving them pending. */
    void copyPending(ByteBuffer target, int length) {
        outbound.copyTo(target, length);
    }

    /** The carrier took the first {@code length} pending bytes: they no longer count as queued. */
    void sent(int length) {
        outbound.discard(length);
        limits.update(outbound.size());
    }

    /** The peer's end of stream arrived, behind every byte it sent. */
    void endOfStreamArrived() {
        endOfStream = true;
    }

    /**
     * Begins closing with {@link CloseReason.Kind#PEER_CLOSED} if the peer's end of stream has
     * arrived, {@code nothingLeftToRead}, and this side reads (a paused reader sees the end only
     * after it resumes, as on a socket).
     *
     * @return true if it did
     */
    boolean seeEndOfStream(boolean nothingLeftToRead) {
        if (endOfStream && nothingLeftToRead && isReading()) {
            beginClosing(CloseReason.peerClosed());
            return true;
        }
        return false;
    }

    /** A closing side has sent all it will: it is closed now, for the reason it began closing. */
    void finishClosing() {
        finish(reason);
    }

    /**
     * The connection broke under this side (a reset). After the peer's end of stream, that is part
     * of the orderly end, as the reactor reports it.
     */
    void lose(IOException cause) {
        abortWith(state == State.CLOSING && reason.kind() == CloseReason.Kind.PEER_CLOSED
                ? reason : CloseReason.lost(cause));
    }

    /**
     * Tells the protocol of writability changes and, once closed, of the close.
     *
     * @return true if it called the protocol
     */
    boolean notifyProtocol() {
        boolean acted = false;
        Boolean change;
        while (state != State.CLOSED && (change = limits.nextChange()) != null) {
            acted = true;
            try {
                protocol.onWritabilityChanged(change);
            } catch (Throwable t) {
                abortWith(CloseReason.failed(t));
            }
        }
        if (state == State.CLOSED && !closeNotified) {
            closeNotified = true;
            acted = true;
            try {
                protocol.onClose(reason);
            } catch (Throwable t) {
                // As on a reactor: nothing is called after onClose, so there is nobody to tell.
            }
        }
        return acted;
    }

    private void beginClosing(CloseReason why) {
        if (state == State.OPEN) {
            state = State.CLOSING;
            reason = why;
            carrier.wake();
        }
    }

    /** Closes this side, dropping what it has not sent. */
    private void finish(CloseReason why) {
        state = State.CLOSED;
        reason = why;
        outbound.clear();
        carrier.closed(this);
    }

    private void abortWith(CloseReason why) {
        if (state != State.CLOSED) {
            finish(why);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Transport

    @Override
    public void write(ByteBuffer data) {
        int length = data.remaining();
        if (admit(length)) {
            outbound.append(data);
            limits.update(outbound.size());
            carrier.wake();
        }
        data.position(data.limit());
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (admit(length)) {
            outbound.append(ByteBuffer.wrap(data, offset, length));
            limits.update(outbound.size());
            carrier.wake();
        }
    }

    private boolean admit(int length) {
        if (state != State.OPEN || length == 0) {
            return false;
        }
        WriteBufferOverflowException overflow = limits.checkLimit((long) outbound.size() + length);
        if (overflow != null) {
            abortWith(CloseReason.failed(overflow));
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        beginClosing(CloseReason.closed());
    }

    @Override
    public void abort() {
        abortWith(CloseReason.aborted());
    }

    @Override
    public void abort(Throwable cause) {
        abortWith(CloseReason.failed(Objects.requireNonNull(cause, "cause")));
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public void pauseReading() {
        readingPaused = true;
    }

    @Override
    public void resumeReading() {
        readingPaused = false;
        carrier.wake();
    }

    @Override
    public boolean isReadingPaused() {
        return readingPaused;
    }

    @Override
    public boolean isWritable() {
        return limits.isWritable();
    }

    @Override
    public long pendingWriteBytes() {
        return outbound.size();
    }

    @Override
    public void setWriteBufferWatermarks(int low, int high) {
        limits.setWatermarks(low, high);
        limits.update(outbound.size());
        carrier.wake();
    }

    @Override
    public void setWriteBufferLimit(long limit) {
        limits.setLimit(limit);
    }

    @Override
    public SocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String toString() {
        return name + "[" + state + "]";
    }
}
