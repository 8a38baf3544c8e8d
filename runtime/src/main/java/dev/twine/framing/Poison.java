package dev.twine.framing;

/**
 * A framer's first failure. After it the framer refuses all input: it no longer knows where in the
 * stream the next frame starts.
 */
final class Poison {

    private final String framer;
    private FramingException cause;

    Poison(String framer) {
        this.framer = framer;
    }

    /** Remembers {@code failure} and returns it, for {@code throw poison.set(...)}. */
    FramingException set(FramingException failure) {
        if (cause == null) {
            cause = failure;
        }
        return failure;
    }

    boolean hasFailed() {
        return cause != null;
    }

    /** @throws IllegalStateException if the framer failed earlier */
    void check() {
        if (cause != null) {
            throw new IllegalStateException(framer + " failed earlier: " + cause.getMessage(), cause);
        }
    }
}
