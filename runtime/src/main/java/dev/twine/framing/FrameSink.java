package dev.twine.framing;

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
     * Asked before every frame: once it answers false, the framer stops and returns with the
     * remaining input unconsumed. A sink answers false once its connection is closed or paused, or
     * its framer replaced — which is how no frame is ever delivered after the handler closed the
     * connection, even from the same buffer.
     */
    default boolean isReceiving() {
        return true;
    }
}
