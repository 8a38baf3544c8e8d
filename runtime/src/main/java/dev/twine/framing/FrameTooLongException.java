package dev.twine.framing;

import java.util.OptionalLong;

/**
 * A frame is longer than its limit. Thrown as soon as that is known — from the length header alone
 * when the format has one, before any of the body arrives and before anything is allocated for it;
 * for a format without a header (a line), as soon as the bytes held can no longer end within the
 * limit.
 */
public final class FrameTooLongException extends FramingException {
    private static final long serialVersionUID = 1L;

    private final long length;
    private final boolean lengthKnown;
    private final long limit;

    /**
     * A frame that declared (or turned out to have) {@code length} bytes.
     *
     * @param what   what was too long, for the message ("frame", "line", ...)
     * @param length the length, unsigned as on the wire: {@code -1L} means 2<sup>64</sup>-1
     * @param limit  the limit it broke
     */
    public FrameTooLongException(String what, long length, long limit) {
        super(what + " of " + Long.toUnsignedString(length) + " bytes is longer than the limit of "
                + limit + " bytes");
        this.length = length;
        this.lengthKnown = true;
        this.limit = limit;
    }

    /** A frame rejected before its length was known: it is already longer than {@code limit}. */
    public FrameTooLongException(String what, long limit) {
        super(what + " is longer than the limit of " + limit + " bytes");
        this.length = 0;
        this.lengthKnown = false;
        this.limit = limit;
    }

    /**
     * The declared length, unsigned as on the wire (compare with {@link Long#compareUnsigned}), or
     * empty when the input was rejected before its end was known.
     */
    public OptionalLong declaredLength() {
        return lengthKnown ? OptionalLong.of(length) : OptionalLong.empty();
    }

    public long limit() {
        return limit;
    }
}
