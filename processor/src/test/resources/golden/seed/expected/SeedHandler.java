package demo.seed;

import dev.twine.server.Connection;
import dev.twine.server.FrameHandler;
import javax.annotation.processing.Generated;

/**
 * Handles {@link Seed} frames: one method per frame type, each called on the reactor
 * thread with the frame and the connection it came from. Serve an implementation with
 * {@link SeedConnections}.
 *
 * <p>Frames from {@link SeedFramer} arrive with their kind, and
 * {@link #onFrameOfKind} switches on it: no type tests, no reflection. The other
 * {@link dev.twine.server.FrameHandler} methods (connect, close, framing errors,
 * backpressure) keep their defaults unless overridden.
 *
 * @param <S> the per-connection state type
 */
@Generated("dev.twine.processor.TwineProcessor")
public interface SeedHandler<S> extends FrameHandler<Seed, S> {
    /**
     * A {@link Seed.Count} frame arrived on {@code connection}:
     *
     * <pre>
     * offset  size  field
     *      0     4  (length) bytes that follow it, 4-byte unsigned, big-endian
     *      4     4  (tag) 0
     * </pre>
     */
    void onCount(Connection<S> connection, Seed.Count frame);

    /**
     * A {@link Seed.Total} frame arrived on {@code connection}:
     *
     * <pre>
     * offset  size  field
     *      0     4  (length) bytes that follow it, 4-byte unsigned, big-endian
     *      4     4  (tag) 1
     *      8     8  total: long, big-endian
     * </pre>
     */
    void onTotal(Connection<S> connection, Seed.Total frame);

    /**
     * A {@link Seed.Say} frame arrived on {@code connection}:
     *
     * <pre>
     * offset  size  field
     *      0     4  (length) bytes that follow it, 4-byte unsigned, big-endian
     *      4     4  (tag) 2
     *      8   2+n  text: String, UTF-8, after its length (2 bytes)
     *    ...   1+n  points: List&lt;Point&gt;, after its count (1 byte)
     *    ...     n  rest: byte[], the rest of the frame
     * </pre>
     */
    void onSay(Connection<S> connection, Seed.Say frame);

    /**
     * The dispatch table: calls the method for {@code kind}.
     */
    @Override
    default void onFrameOfKind(Connection<S> connection, int kind, Seed frame) {
        switch (kind) {
            case SeedFramer.KIND_COUNT -> onCount(connection, (Seed.Count) frame);
            case SeedFramer.KIND_TOTAL -> onTotal(connection, (Seed.Total) frame);
            case SeedFramer.KIND_SAY -> onSay(connection, (Seed.Say) frame);
            default -> throw new IllegalArgumentException("no Seed frame has kind " + kind);
        }
    }

    /**
     * A frame that came without its kind (from another framer, or a test): calls the
     * method for its type. Frames from {@link SeedFramer} take {@link #onFrameOfKind} instead.
     */
    @Override
    default void onFrame(Connection<S> connection, Seed frame) {
        if (frame instanceof Seed.Count frameCount) {
            onCount(connection, frameCount);
        } else if (frame instanceof Seed.Total frameTotal) {
            onTotal(connection, frameTotal);
        } else if (frame instanceof Seed.Say frameSay) {
            onSay(connection, frameSay);
        } else {
            throw new IllegalArgumentException("not a Seed frame: " + frame);
        }
    }
}
