package dev.twine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.framing.LineDelimited;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.testing.ManualClock;
import dev.twine.testing.RecordingTransport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connection table's timeouts, on a {@link ManualClock}: time moves only when the test says, so
 * every deadline is checked to the nanosecond. Frames are LF-terminated lines.
 */
class ConnectionTimeoutsTest {

    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final Duration FRAME = Duration.ofSeconds(2);
    private static final Duration WRITE = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock();
    private final Connections<Void> table = new Connections<>();
    private final RecordingTransport transport = new RecordingTransport();
    private final List<String> frames = new ArrayList<>();
    private Protocol protocol;

    /** Keeps each line; the hooks under test are the defaults unless a test overrides them. */
    private class Lines implements FrameHandler<ByteBuffer, Void> {
        @Override
        public void onFrame(Connection<Void> connection, ByteBuffer frame) {
            frames.add(StandardCharsets.UTF_8.decode(frame).toString());
        }
    }

    private void connect(ConnectionTimeouts timeouts) {
        connect(timeouts, new Lines());
    }

    private void connect(ConnectionTimeouts timeouts, FrameHandler<ByteBuffer, Void> handler) {
        table.setTimeouts(clock, timeouts);
        protocol = table.serve(() -> new LineDelimited(LineDelimited.Delimiter.LF, 64), () -> null, handler)
                .newProtocol();
        protocol.onConnect(transport);
    }

    private void send(String bytes) {
        protocol.onBytes(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.UTF_8)));
    }

    private void advance(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    /** The transport was aborted because {@code kind} expired, after {@code limit}. */
    private void assertTimedOut(ConnectionTimeoutException.Kind kind, Duration limit) {
        CloseReason reason = transport.closeReason();
        assertTrue(reason != null, "the connection was ended");
        assertEquals(CloseReason.Kind.FAILED, reason.kind());
        ConnectionTimeoutException timeout = assertInstanceOf(ConnectionTimeoutException.class, reason.cause());
        assertEquals(kind, timeout.kind());
        assertEquals(limit, timeout.limit());
    }

    private void assertOpen() {
        assertNull(transport.closeReason(), "still open");
    }

    @Test
    void theIdleTimeoutEndsAConnectionThatSendsNoFrame() {
        connect(ConnectionTimeouts.NONE.withIdle(IDLE));
        advance(IDLE.toMillis() - 1);
        assertOpen();
        advance(1);
        assertTimedOut(ConnectionTimeoutException.Kind.IDLE, IDLE);
    }

    @Test
    void eachFrameStartsTheIdleClockAgain() {
        connect(ConnectionTimeouts.NONE.withIdle(IDLE));
        advance(5_000);
        send("one\n");
        advance(9_999);
        assertOpen();
        advance(1);
        assertTimedOut(ConnectionTimeoutException.Kind.IDLE, IDLE);
        assertEquals(List.of("one"), frames);
    }

    @Test
    void aSlowlorisDrippingOneByteASecondIsEndedByTheIdleTimeoutAlone() {
        // Every byte would reset a timer that counts bytes; none of them finishes a frame.
        connect(ConnectionTimeouts.NONE.withIdle(IDLE));
        for (int second = 1; second < IDLE.toSeconds(); second++) {
            advance(1_000);
            send("x");
            assertOpen();
        }
        advance(1_000);
        assertTimedOut(ConnectionTimeoutException.Kind.IDLE, IDLE);
        assertEquals(List.of(), frames);
    }

    @Test
    void theFrameTimeoutBoundsAFrameFromItsFirstByteButNotTheWaitBetweenFrames() {
        connect(ConnectionTimeouts.NONE.withFrame(FRAME));
        clock.advance(Duration.ofHours(1));
        assertOpen(); // no frame started: nothing to time
        send("ab");
        advance(500);
        send("c");
        advance(500);
        send("d");
        advance(999);
        assertOpen();
        advance(1);
        assertTimedOut(ConnectionTimeoutException.Kind.FRAME, FRAME);
    }

    @Test
    void eachFrameHasItsOwnFrameClock() {
        connect(ConnectionTimeouts.NONE.withFrame(FRAME).withIdle(IDLE));
        send("abc");
        advance(1_500);
        send("d\nef"); // the first frame ends and the next one starts, in one read
        advance(1_999);
        assertOpen();
        send("g\n"); // done in time, and nothing is held
        advance(5_000);
        assertOpen();
        send("h");
        advance(1_999);
        assertOpen();
        advance(1);
        assertTimedOut(ConnectionTimeoutException.Kind.FRAME, FRAME);
        assertEquals(List.of("abcd", "efg"), frames);
    }

    @Test
    void theWriteTimeoutEndsAPeerThatStopsReadingItsReplies() {
        connect(ConnectionTimeouts.NONE.withWrite(WRITE));
        advance(1_000);
        transport.setWritable(false);
        protocol.onWritabilityChanged(false);
        advance(WRITE.toMillis() - 1);
        assertOpen();
        advance(1);
        assertTimedOut(ConnectionTimeoutException.Kind.WRITE, WRITE);
    }

    @Test
    void aPeerThatDrainsTheBufferInTimeIsNotTimedOut() {
        connect(ConnectionTimeouts.NONE.withWrite(WRITE));
        transport.setWritable(false);
        protocol.onWritabilityChanged(false);
        advance(WRITE.toMillis() - 1);
        transport.setWritable(true);
        protocol.onWritabilityChanged(true);
        clock.advance(Duration.ofHours(1));
        assertOpen();
        transport.setWritable(false);
        protocol.onWritabilityChanged(false); // the clock starts from zero on each rise
        advance(WRITE.toMillis() - 1);
        assertOpen();
        advance(1);
        assertTimedOut(ConnectionTimeoutException.Kind.WRITE, WRITE);
    }

    @Test
    void aHookThatSparesTheConnectionHearsAgainAfterAnotherPeriod() {
        List<Duration> heard = new ArrayList<>();
        connect(ConnectionTimeouts.NONE.withIdle(IDLE), new Lines() {
            @Override
            public void onTimeout(Connection<Void> connection, ConnectionTimeoutException timeout) {
                heard.add(Duration.ofNanos(clock.nanoTime()));
            }
        });
        advance(25_000);
        assertEquals(List.of(IDLE, IDLE.multipliedBy(2)), heard);
        assertOpen();
    }

    @Test
    void aHookMayAnswerBeforeClosing() {
        connect(ConnectionTimeouts.NONE.withIdle(IDLE), new Lines() {
            @Override
            public void onTimeout(Connection<Void> connection, ConnectionTimeoutException timeout) {
                connection.write(("ERROR " + timeout.kind() + "\n").getBytes(StandardCharsets.UTF_8));
                connection.close();
            }
        });
        advance(IDLE.toMillis());
        assertEquals("ERROR IDLE\n", transport.takeWrittenString());
        assertEquals(CloseReason.closed(), transport.closeReason());
    }

    @Test
    void aHookThatThrowsAbortsTheConnectionWithWhatItThrew() {
        IllegalStateException thrown = new IllegalStateException("hook failed");
        connect(ConnectionTimeouts.NONE.withIdle(IDLE), new Lines() {
            @Override
            public void onTimeout(Connection<Void> connection, ConnectionTimeoutException timeout) {
                throw thrown;
            }
        });
        advance(IDLE.toMillis());
        assertEquals(CloseReason.Kind.FAILED, transport.closeReason().kind());
        assertSame(thrown, transport.closeReason().cause());
    }

    @Test
    void aClosedConnectionLeavesNoTimerBehind_andATableWithoutTimeoutsSchedulesNone() {
        connect(ConnectionTimeouts.NONE.withIdle(IDLE).withFrame(FRAME).withWrite(WRITE));
        send("ab");
        transport.setWritable(false);
        protocol.onWritabilityChanged(false);
        assertEquals(1, clock.pendingCalls(), "one timer per connection, whatever is timed");
        protocol.onClose(CloseReason.peerClosed());
        assertEquals(0, clock.pendingCalls());

        connect(ConnectionTimeouts.NONE);
        send("ab");
        assertEquals(0, clock.pendingCalls());
    }

    @Test
    void timeoutsApplyToConnectionsThatJoinAfterTheyAreSet() {
        connect(ConnectionTimeouts.NONE);
        RecordingTransport untimed = transport;
        RecordingTransport timed = new RecordingTransport();
        table.setTimeouts(clock, ConnectionTimeouts.NONE.withIdle(IDLE));
        table.serve(() -> new LineDelimited(LineDelimited.Delimiter.LF, 64), () -> null, new Lines())
                .newProtocol().onConnect(timed);
        advance(IDLE.toMillis());
        assertNull(untimed.closeReason());
        assertEquals(CloseReason.Kind.FAILED, timed.closeReason().kind());
        assertEquals(ConnectionTimeouts.NONE.withIdle(IDLE), table.timeouts());
    }

    @Test
    void aTimeoutIsZeroForNoneOrPositive() {
        assertTrue(ConnectionTimeouts.NONE.isNone());
        assertThrows(IllegalArgumentException.class, () -> ConnectionTimeouts.NONE.withIdle(Duration.ofSeconds(-1)));
        assertEquals(Duration.ofDays(365 * 1000), ConnectionTimeouts.NONE.withWrite(Duration.ofDays(365 * 1000)).write(),
                "a timeout longer than a timer can wait is kept, and waited for as never");
        connect(ConnectionTimeouts.NONE.withIdle(Duration.ofDays(365 * 1000)));
        clock.advance(Duration.ofDays(365 * 50));
        assertOpen();
    }
}
