package dev.twine.runtime;

import java.util.List;

/**
 * Every one of the {@link Deferred}s given to {@link Deferred#first} failed. {@link #failures()}
 * has their failures in the order the {@code Deferred}s were given; they are also attached as
 * suppressed exceptions, so a logged stack trace shows them all.
 */
public final class AllFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Throwable> failures;

    public AllFailedException(List<Throwable> failures) {
        super("all " + failures.size() + " Deferreds failed; the first with: " + failures.get(0));
        this.failures = List.copyOf(failures);
        for (Throwable failure : this.failures) {
            addSuppressed(failure);
        }
    }

    public List<Throwable> failures() {
        return failures;
    }
}
