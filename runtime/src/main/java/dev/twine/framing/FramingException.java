package dev.twine.framing;

/**
 * The input broke the wire format or one of its limits. The stream cannot be resynchronised, so the
 * connection that sent it is closed with this as the reason; nothing else is affected.
 *
 * <p>The family: {@link FrameTooLongException} (a declared or running length over a limit),
 * {@link CorruptFrameException} (bytes that cannot be what the format says),
 * {@link TruncatedFrameException} (the stream ended mid-frame).
 */
public abstract class FramingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected FramingException(String message) {
        super(message);
    }
}
