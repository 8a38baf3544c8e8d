package dev.twine.framing;

import dev.twine.runtime.Transport;

/**
 * Writes a frame, framed, to a transport: the other half of a {@link Framer}.
 *
 * @param <F> the frame type
 */
@FunctionalInterface
public interface FrameEncoder<F> {

    /**
     * Queues {@code frame} on {@code transport} with whatever the format puts around it.
     *
     * @throws IllegalArgumentException if the frame cannot be expressed in the format (too long for
     *     its length field, say); nothing is written then
     */
    void write(Transport transport, F frame);
}
