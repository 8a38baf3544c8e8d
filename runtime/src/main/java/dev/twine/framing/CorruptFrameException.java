package dev.twine.framing;

/** The input cannot be what the format says: a bad digit, a missing delimiter, an unknown tag. */
public class CorruptFrameException extends FramingException {
    private static final long serialVersionUID = 1L;

    public CorruptFrameException(String message) {
        super(message);
    }
}
