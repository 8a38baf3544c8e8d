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
     * Asked before every frame: once it answers false, the framer stops and returns with the
     * remaining input unconsumed. A sink answers false once its connection is closed or paused, or
     * its framer replaced — which is how no frame is ever delivered after the handler closed the
     * connection, even from the same buffer.
     */
    default boolean isReceiving() {
        return true;
    }
}
