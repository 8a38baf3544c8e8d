package dev.twine.server;

import dev.twine.framing.FrameSink;
import dev.twine.framing.FrameTooLongException;
import dev.twine.framing.Framer;
import dev.twine.framing.FramingException;
import dev.twine.runtime.Transport;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One live connection in a {@link Connections} table: its id, its per-connection state, its
 * transport and its current framer. Handed to every {@link FrameHandler} call, and found again by
 * id or by iterating the table. Reactor thread only.
 *
 * @param <S> the per-connection state type
 */
public final class Connection<S> {

    private final long id;
    private final Transport transport;
    private S state;
    private Stage<?, S> stage;
    /** The table paused reading because the transport is unwritable. */
    private boolean pausedForBackpressure;
    /** The handler paused reading, through {@link #pauseReading()}. */
    private boolean pausedByHandler;
    /** The handler stopped reading for good, through {@link #stopReading()}. */
    private boolean readingStopped;
    /** Whole frames that reached the handler: what the table's timeouts count as progress. */
    private long framesReceived;

    Connection(long id, Transport transport, S state) {
        this.id = id;
        this.transport = transport;
        this.state = state;
    }

    /** The id the table gave this connection: counting up from 1, never reused within the table. */
    public long id() {
        return id;
    }

    /** The per-connection state made for it when it connected (may be {@code null}). */
    public S state() {
        return state;
    }

    /** Replaces the per-connection state. */
    public void setState(S state) {
        this.state = state;
    }

    public Transport transport() {
        return transport;
    }

    /** The framer reading this connection now. */
    public Framer<?> framer() {
        return stage.framer;
    }

    /**
     * From the next frame on, reads this connection with {@code framer} and hands its frames to
     * {@code handler}. Called inside {@link FrameHandler#onFrame}, the bytes after the current frame
     * go to the new framer, in order, in the same call — how a protocol moves from a handshake to its
     * main format, or detects which format the peer speaks. Called anywhere else, whatever the old
     * framer held of an unfinished frame is dropped.
     */
    public <F> void switchFramer(Framer<F> framer, FrameHandler<F, S> handler) {
        stage = new Stage<>(this, Objects.requireNonNull(framer, "framer"),
                Objects.requireNonNull(handler, "handler"));
    }

    /** Shorthand for {@code transport().write(data)}. */
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    /** Shorthand for {@code transport().write(data)}. */
    public void write(byte[] data) {
        transport.write(data);
    }

    /** Shorthand for {@code transport().close()}: close once pending writes are sent. */
    public void close() {
        transport.close();
    }

    public boolean isOpen() {
        return transport.isOpen();
    }

    /**
     * Stops delivering frames from this connection, including ones already received, until
     * {@link #resumeReading()}. Use this rather than the transport's own method: the table pauses
     * for backpressure too, and this way neither resume undoes the other's pause.
     */
    public void pauseReading() {
        pausedByHandler = true;
        transport.pauseReading();
    }

    /**
     * Lifts {@link #pauseReading()}; reading resumes unless backpressure still holds it, or
     * {@link #stopReading()} stopped it for good.
     */
    public void resumeReading() {
        pausedByHandler = false;
        if (!pausedForBackpressure && !readingStopped) {
            transport.resumeReading();
        }
    }

    /**
     * Stops reading this connection for good while keeping it open for writes: no frame is
     * delivered after this call, not even from the bytes already received, and reading stays paused
     * ({@link #resumeReading()} and the table's resume after backpressure no longer lift it), so
     * what the peer sends next is never read — nor, therefore, its end of stream. Write what is
     * still owed, then {@link #close()}, which sends it all before closing.
     *
     * <p>In {@link FrameHandler#onFramingError} this keeps the table from aborting a connection whose
     * framer failed: the way to answer every request before the bad one — including answers still
     * being made elsewhere, on another reactor — and only then close, as memcached does.
     */
    public void stopReading() {
        readingStopped = true;
        transport.pauseReading();
    }

    /** Whether {@link #stopReading()} was called: no frame comes from this connection any more. */
    public boolean isReadingStopped() {
        return readingStopped;
    }

    Stage<?, S> stage() {
        return stage;
    }

    long framesReceived() {
        return framesReceived;
    }

    /** The transport drained after the table paused it for backpressure: read again, unless paused. */
    void writable() {
        if (pausedForBackpressure) {
            pausedForBackpressure = false;
            if (!pausedByHandler && !readingStopped) {
                transport.resumeReading();
            }
        }
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", " + transport.remoteAddress() + "]";
    }

    /** A framer paired with the handler of its frames: what a switch replaces, as one. */
    static final class Stage<F, S> implements FrameSink<F> {
        final Connection<S> connection;
        final Framer<F> framer;
        final FrameHandler<F, S> handler;

        Stage(Connection<S> connection, Framer<F> framer, FrameHandler<F, S> handler) {
            this.connection = connection;
            this.framer = framer;
            this.handler = handler;
        }

        void decode(ByteBuffer data) {
            framer.decode(data, this);
        }

        @Override
        public void onFrame(F frame) {
            connection.framesReceived++;
            handler.onFrame(connection, frame);
        }

        @Override
        public void onFrameOfKind(int kind, F frame) {
            connection.framesReceived++;
            handler.onFrameOfKind(connection, kind, frame);
        }

        @Override
        public void onRejectedFrame(int kind, ByteBuffer frame, FramingException error) {
            connection.framesReceived++; // it arrived whole, if wrong
            handler.onRejectedFrame(connection, kind, frame, error);
        }

        @Override
        public void onSkippedFrame(int kind, ByteBuffer start, FrameTooLongException tooLong) {
            handler.onSkippedFrame(connection, kind, start, tooLong);
        }

        @Override
        public boolean isReceiving() {
            Transport transport = connection.transport;
            if (connection.stage != this || connection.readingStopped || !transport.isOpen()
                    || transport.isReadingPaused()) {
                return false;
            }
            if (transport.isWritable() || handler.readsWhileUnwritable()) {
                return true;
            }
            // Pausing makes the transport keep the bytes not yet decoded until it drains.
            connection.pausedForBackpressure = true;
            transport.pauseReading();
            return false;
        }
    }
}
