package dev.twine.server;

import dev.twine.framing.FrameTooLongException;
import dev.twine.framing.FramingException;
import dev.twine.runtime.CloseReason;
import java.nio.ByteBuffer;

/**
 * The server-wide half of a framed protocol: one object for every connection of a
 * {@link Connections} table, told about each frame together with the connection it came from.
 * Cross-connection state (counters, rooms, a cache) lives in its fields; per-connection state lives
 * in {@link Connection#state()}. All calls come on the reactor thread, one at a time.
 *
 * @param <F> the frame type its framer produces
 * @param <S> the per-connection state type
 */
@FunctionalInterface
public interface FrameHandler<F, S> {

    /**
     * One frame from {@code connection}. A {@link java.nio.ByteBuffer} frame is a view valid only
     * during this call. If this call closes or pauses the connection, no further frame is delivered
     * from the bytes already received (until it resumes).
     *
     * <p>Throwing a {@link FramingException} (say, a {@link dev.twine.framing.CorruptFrameException}
     * for a well-framed message that makes no sense) hands it to {@link #onFramingError}, like a
     * framer's own error; any other exception aborts the connection with it as the reason.
     */
    void onFrame(Connection<S> connection, F frame);

    /**
     * One frame from {@code connection}, with its kind: the index of its frame type in its
     * protocol's {@code permits} order, as a generated framer reports it (see
     * {@link dev.twine.framing.FrameSink#onFrameOfKind}). A generated dispatch table overrides this
     * to {@code switch} on the kind; the default drops it and calls {@link #onFrame}. Everything
     * said of {@code onFrame} holds here too.
     */
    default void onFrameOfKind(Connection<S> connection, int kind, F frame) {
        onFrame(connection, frame);
    }

    /**
     * A frame from {@code connection} that its framer had whole but rejected (see
     * {@link dev.twine.framing.FrameSink#onRejectedFrame}); {@link #onFramingError} follows with
     * the same {@code error}. {@code frame} is its bytes, header included, read-only and valid only
     * during this call: the place to answer with an error that echoes the request's id, where the
     * protocol wants one. The default does nothing.
     */
    default void onRejectedFrame(Connection<S> connection, int kind, ByteBuffer frame, FramingException error) {}

    /**
     * A frame from {@code connection} too long to read, which its framer skips (see
     * {@link dev.twine.framing.FrameSink#onSkippedFrame}): {@code start} is its first bytes, valid
     * only during this call, and the frames after it are delivered as usual. The place to answer
     * "too large" and go on. The default throws {@code tooLong}, which reaches
     * {@link #onFramingError} like any framing error.
     */
    default void onSkippedFrame(Connection<S> connection, int kind, ByteBuffer start, FrameTooLongException tooLong) {
        throw tooLong;
    }

    /** The connection is established and in the table. */
    default void onConnect(Connection<S> connection) {}

    /**
     * The connection is gone, and already out of the table (a broadcast from here does not reach
     * it). When the peer closed in the middle of a frame, {@code reason} is
     * {@link CloseReason.Kind#PEER_CLOSED} with a {@link dev.twine.framing.TruncatedFrameException}
     * as its cause.
     */
    default void onClose(Connection<S> connection, CloseReason reason) {}

    /**
     * The connection's outgoing buffer crossed a watermark. Nothing to do by default: the table
     * already applies backpressure (see {@link #readsWhileUnwritable()}).
     */
    default void onWritabilityChanged(Connection<S> connection, boolean writable) {}

    /**
     * Whether frames keep coming while the connection is unwritable. By default they do not: the
     * moment a reply pushes the outgoing buffer over its high watermark, the table stops delivering
     * (checked before every frame, so even the rest of the bytes already received wait) and pauses
     * reading, and it resumes when the buffer drains to the low watermark. A peer that pipelines
     * requests without reading the replies thus costs at most one high watermark of memory, not one
     * reply per request it sent. Answer true only if the protocol bounds its writes some other way;
     * the transport's hard {@linkplain dev.twine.runtime.Transport#setWriteBufferLimit limit} still
     * applies. A handler that pauses reading for reasons of its own should do it with
     * {@link Connection#pauseReading()}, which the table's resume on drain respects.
     */
    default boolean readsWhileUnwritable() {
        return false;
    }

    /**
     * One of the table's {@linkplain Connections#setTimeouts timeouts} expired for
     * {@code connection}; {@code timeout} says which. The default aborts the connection with it as
     * the reason ({@link CloseReason.Kind#FAILED}), dropping what it has queued: a peer that stalls
     * a server gets nothing more from it. Override it to answer first and then
     * {@link Connection#close() close} (when the peer still reads), or to spare a connection: left
     * open, the clock that ran out starts again. An exception from here aborts the connection.
     */
    default void onTimeout(Connection<S> connection, ConnectionTimeoutException timeout) {
        connection.transport().abort(timeout);
    }

    /**
     * The framer rejected the peer's input, or {@link #onFrame} threw a {@link FramingException}.
     * Either way no frame is delivered after the hook unless it leaves the connection open and
     * reading, and the error came from the handler. The hook decides what happens to the connection:
     * <ul>
     *   <li>the default aborts it with {@code error} as the reason, dropping what is queued;</li>
     *   <li>{@link Connection#close() close} sends what has been written (an error reply, say, as
     *       line protocols often send) and then closes;</li>
     *   <li>{@link Connection#stopReading() stopReading} keeps it open for writes with reading
     *       stopped for good, for replies still owed to the requests before the bad one — made
     *       later, on another reactor, say; the handler closes it once they are written;</li>
     *   <li>leaving it open and reading: reading goes on only when the error came from the handler
     *       (the rejected frame was consumed). A framer that failed has lost its place in the
     *       stream, so the table aborts the connection with {@code error} right after the hook.</li>
     * </ul>
     */
    default void onFramingError(Connection<S> connection, FramingException error) {
        connection.transport().abort(error);
    }
}
