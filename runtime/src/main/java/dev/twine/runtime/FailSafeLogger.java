package dev.twine.runtime;

import java.util.ResourceBundle;

/**
 * A {@link System.Logger} that never throws: a report must not cost the loop it reports on. Logging
 * can fail for reasons of its own — a backend that loads something from a file on first use, when
 * the process has run out of file descriptors (the very moment a reactor warns about it) — and then
 * the report is dropped rather than the reactor.
 */
final class FailSafeLogger implements System.Logger {

    private final System.Logger backend;

    FailSafeLogger(System.Logger backend) {
        this.backend = backend;
    }

    @Override
    public String getName() {
        return backend.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        try {
            return backend.isLoggable(level);
        } catch (Throwable cannotLog) {
            return false;
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        try {
            backend.log(level, bundle, message, thrown);
        } catch (Throwable cannotLog) {
            // Nowhere left to report it.
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        try {
            backend.log(level, bundle, format, params);
        } catch (Throwable cannotLog) {
            // Nowhere left to report it.
        }
    }
}
