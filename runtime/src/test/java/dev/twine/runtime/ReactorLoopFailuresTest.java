package dev.twine.runtime;

import static dev.twine.runtime.Loopback.anyPort;
import static dev.twine.runtime.Loopback.await;
import static dev.twine.runtime.Loopback.connect;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failures of the loop itself rather than of a callback: a select that throws, and turns of
 * {@link Reactor#run()} that keep failing. A real selector fails too rarely to provoke, so the
 * reactor selects through a stand-in that throws when the test says so, and otherwise selects as
 * usual. (The failures are logged; that output is expected.)
 */
@Timeout(60)
class ReactorLoopFailuresTest {

    /** Failed turns in a row after which {@code run()} gives up, as docs/robustness.md says. */
    private static final int DOCUMENTED_FAILED_TURNS = 100;

    private final ReactorLog log = new ReactorLog();
    private final Reactor reactor = Reactor.open();
    private final ListeningPort echo = reactor.listenTcp(anyPort(), Echo::new);
    private int selects;

    @AfterEach
    void closeReactor() {
        reactor.close();
        log.close();
    }

    /** An echo client, connected and heard back, before the loop's failures begin. */
    private Recorder servedClient() {
        Recorder client = connect(reactor, echo, new Recorder("before"));
        await(reactor, "the first echo", () -> client.text().equals("before"));
        return client;
    }

    @Test
    void anIOExceptionOutOfSelectIsLoggedAsAnErrorAndTheLoopGoesOn() {
        IOException failure = new IOException("select failed on purpose");
        assertOneFailedSelectIsSurvived(failure, Level.SEVERE);
    }

    @Test
    void aCancelledKeyExceptionOutOfSelectIsLoggedForDebuggingAndTheLoopGoesOn() {
        // Some JDKs have thrown it out of select for a key cancelled meanwhile.
        CancelledKeyException failure = new CancelledKeyException();
        assertOneFailedSelectIsSurvived(failure, Level.FINE);
    }

    private void assertOneFailedSelectIsSurvived(Exception failure, Level expectedLevel) {
        Recorder client = servedClient();
        int failAt = selects + 1;
        reactor.selectThrough((selector, action, waitNanos) -> {
            if (++selects == failAt) {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            }
            return SelectCall.ON_SELECTOR.select(selector, action, waitNanos);
        });

        assertDoesNotThrow(() -> reactor.runOnce(Duration.ZERO));
        assertEquals(failAt, selects, "that turn's select threw");
        List<LogRecord> reported = log.about(failure);
        assertEquals(1, reported.size(), "reported once");
        assertEquals(expectedLevel, reported.get(0).getLevel());

        boolean[] timerRan = new boolean[1];
        reactor.callLater(Duration.ofMillis(1), () -> timerRan[0] = true);
        await(reactor, "a timer scheduled after the failure", () -> timerRan[0]);
        client.transport.write("after".getBytes(StandardCharsets.UTF_8));
        await(reactor, "the same connection's echo", () -> client.text().equals("beforeafter"));
        Recorder newcomer = connect(reactor, echo, new Recorder("new"));
        await(reactor, "a new connection's echo", () -> newcomer.text().equals("new"));
    }

    @Test
    void runGivesUpAfterOneHundredFailedTurnsInARowShutsDownAndThrowsTheLast() {
        Recorder client = servedClient();
        reactor.selectThrough((selector, action, waitNanos) -> {
            throw new OutOfMemoryError("select " + ++selects);
        });
        int before = selects;

        OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, reactor::run);

        assertEquals(DOCUMENTED_FAILED_TURNS, selects - before, "turns until it gave up");
        assertEquals("select " + selects, thrown.getMessage(), "run() throws the last failure");
        assertTrue(reactor.isClosed());
        assertEquals(CloseReason.Kind.SHUTDOWN, client.closeReason.kind(), "its connections heard the shutdown");
        List<LogRecord> errors = log.at(Level.SEVERE);
        assertEquals(DOCUMENTED_FAILED_TURNS, errors.size(), "every failed turn is logged, the last as giving up");
        assertTrue(errors.get(DOCUMENTED_FAILED_TURNS - 1).getMessage().contains("giving up"),
                errors.get(DOCUMENTED_FAILED_TURNS - 1).getMessage());
    }

    @Test
    void turnsThatFailFewerThanOneHundredTimesInARowDoNotStopRun() {
        // 99 failed turns, one that works, 99 more failed: the count starts again, so run() goes on
        // until stop(), called by the turn after them. (Not an Error this time: one escaping run()
        // would end the test's JVM rather than fail the test.)
        int last = 2 * DOCUMENTED_FAILED_TURNS;
        int success = DOCUMENTED_FAILED_TURNS;
        reactor.selectThrough((selector, action, waitNanos) -> {
            int select = ++selects;
            if (select != success && select != last) {
                throw new IllegalStateException("select " + select);
            }
            if (select == last) {
                reactor.stop();
            }
            return SelectCall.ON_SELECTOR.select(selector, action, 0);
        });

        assertDoesNotThrow(reactor::run);

        assertEquals(last, selects);
        assertEquals(last - 2, log.at(Level.SEVERE).size(), "each failed turn logged, none as giving up");
        assertTrue(reactor.isClosed(), "stopped, as asked");
    }
}
