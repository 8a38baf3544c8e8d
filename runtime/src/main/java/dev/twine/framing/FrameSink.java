package dev.twine.framing;

import java.nio.ByteBuffer;

/**
 * Where a {@link Framer} delivers frames.
 *
 * @param <F> the frame type
 */
@FunctionalInterface
public interface FrameSink<F> {

    /**
     * One complete frame. A {@link java.nio.ByteBuffer} frame is a view valid only during this
     * call; copy what must outlive it.
     */
    void onFrame(F frame);

    /**
     * One complete frame, with its kind: the index of its frame type in its protocol's
     * {@code permits} order. Generated framers ({@link HeaderFramer}) deliver every frame this way,
     * so that a sink can dispatch with a {@code switch} on an int rather than on types. The default
     * drops the kind.
     */
    default void onFrameOfKind(int kind, F frame) {
        onFrame(frame);
    }

    /**
     * A complete frame its framer rejected: the framer had all of it but could not read it (the
     * layout does not fit its length, or a value in it is one the format forbids). Called once,
     * after the framer has failed and just before it throws {@code error}, so that a reply can
     * echo what identifies the rejected request (memcached's opaque, a correlation id).
     * {@code frame} is the whole frame, header included, read-only and valid only during this
     * call. Framers that reject input before they have a whole frame (a length over the limit, an
     * unknown tag) do not call it. The default does nothing.
     *
     * @param kind the kind its header announced, as in {@link #onFrameOfKind}
     */
    default void onRejectedFrame(int kind, ByteBuffer frame, FramingException error) {}

    /**
     * A frame too long to read, which its framer skips rather than fails on (a
     * {@link HeaderFramer} told to {@link HeaderFramer#skipFramesLongerThan skip long frames}):
     * {@code start} is its first bytes, header included, read-only and valid only during this
     * call; {@code tooLong} says how long it is and what the limit was. The rest of the frame is
     * dropped as it arrives, and decoding goes on with the next one. The default throws
     * {@code tooLong}, so that a frame is never dropped unnoticed.
     *
     * @param kind the kind its header announced, as in {@link #onFrameOfKind}
     */
    default void onSkippedFrame(int kind, ByteBuffer start, FrameTooLongException tooLong) {
        throw tooLong;
    }

    /**
     * Asked before every frame: once it answers false, the framer stops and returns with the
     * remaining input unconsumed. A sink answers false once its connection is closed or paused, or
     * its framer replaced — which is how no frame is ever delivered after the handler closed the
     * connection, even from the same buffer.
     */
    default boolean isReceiving() {
        return true;
    }
}
