package dev.twine.framing;

import java.nio.ByteBuffer;

/**
 * An incremental decoder: bytes in, whole frames out, resumable at every byte boundary.
 *
 * <p>A framer is a plain state machine — no threads, no I/O, no clock — so a test drives it with
 * chosen slices and asserts on its intermediate state ({@link #bufferedBytes()} and whatever the
 * implementation exposes besides). It holds only the partial tail of an unfinished frame; a frame
 * that arrives whole is delivered as a view of the input, without a copy.
 *
 * <p>After it throws a {@link FramingException} a framer is poisoned: every later {@code decode}
 * throws {@link IllegalStateException}, because the position in the stream is lost.
 *
 * @param <F> the frame type
 */
public interface Framer<F> {

    /**
     * Consumes {@code in} from its position, delivering each complete frame to {@code sink}, and
     * returns when {@code in} is used up or {@link FrameSink#isReceiving()} says stop — then the
     * bytes after the last delivered frame are left in {@code in}, its position just past that frame.
     *
     * @throws FramingException if the input breaks the format or a limit; the bytes before the
     *     offending frame have been delivered
     */
    void decode(ByteBuffer in, FrameSink<? super F> sink);

    /** Bytes held for a frame that has started but not finished; 0 between frames. */
    int bufferedBytes();

    /**
     * True while a frame has started and not finished, even one of which no byte is held (a frame
     * being skipped, a raw block asked for): the stream ending now would cut a frame short. The
     * default answers whether bytes are held.
     */
    default boolean isInsideFrame() {
        return bufferedBytes() > 0;
    }

    /**
     * True once this framer has thrown a {@link FramingException} (or refused a request, such as a
     * raw block over its limit): it is poisoned and will decode nothing more.
     */
    boolean hasFailed();
}
