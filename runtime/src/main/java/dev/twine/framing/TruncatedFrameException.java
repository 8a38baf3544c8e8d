package dev.twine.framing;

/** The stream ended with a frame started but not finished. */
public final class TruncatedFrameException extends FramingException {
    private static final long serialVersionUID = 1L;

    private final int bufferedBytes;

    public TruncatedFrameException(int bufferedBytes) {
        super("the stream ended in the middle of a frame, " + bufferedBytes + " bytes into it");
        this.bufferedBytes = bufferedBytes;
    }

    /**
     * How many bytes of the unfinished frame were held: those that had arrived, or none for a frame
     * the framer was skipping or a raw block of which nothing had arrived.
     */
    public int bufferedBytes() {
        return bufferedBytes;
    }
}
