package dev.twine.framing;

/**
 * A framing that both decodes and encodes — every hand-written framer here is one — so code that
 * is generic over the framing can read and reply with the same object's format.
 *
 * @param <F> the frame type
 */
public interface FrameCodec<F> extends Framer<F>, FrameEncoder<F> {}
