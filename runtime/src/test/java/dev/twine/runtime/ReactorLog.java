package dev.twine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the reactor logs, at every level, from opening to {@link #close()}: for tests that assert a
 * failure was reported, and how. The reactor's {@link System.Logger} goes to {@code java.util.logging}
 * here, so its {@code ERROR} is {@link Level#SEVERE} and its {@code DEBUG} is {@link Level#FINE}.
 */
final class ReactorLog implements AutoCloseable {

    private final Logger logger = Logger.getLogger(Reactor.class.getName());
    private final Level levelBefore = logger.getLevel();
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    ReactorLog() {
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** The records logged with {@code thrown} attached. */
    List<LogRecord> about(Throwable thrown) {
        synchronized (records) {
            return records.stream().filter(record -> record.getThrown() == thrown).toList();
        }
    }

    /** The records logged at {@code level}. */
    List<LogRecord> at(Level level) {
        synchronized (records) {
            return records.stream().filter(record -> record.getLevel().equals(level)).toList();
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(levelBefore);
    }
}
