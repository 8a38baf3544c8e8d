package dev.twine.examples.memcached;

import static dev.twine.examples.memcached.BinaryWire.NONE;
import static dev.twine.examples.memcached.BinaryWire.ascii;
import static dev.twine.examples.memcached.BinaryWire.concat;
import static dev.twine.examples.memcached.BinaryWire.counter;
import static dev.twine.examples.memcached.BinaryWire.flagsAndExpiry;
import static dev.twine.examples.memcached.BinaryWire.hex;
import static dev.twine.examples.memcached.BinaryWire.int32;
import static dev.twine.examples.memcached.BinaryWire.request;
import static dev.twine.examples.memcached.BinaryWire.response;
import static dev.twine.examples.memcached.BinaryWire.success;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Reactor;
import dev.twine.testing.ManualClock;
import dev.twine.testing.RecordingTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The client alone, against bytes written by hand from {@code protocol_binary.txt}: what it sends,
 * how it matches answers to requests by opaque, and what becomes of requests that get no answer.
 */
class MemcachedClientWireTest {

    private final ManualClock clock = new ManualClock();
    private final MemcachedClient client = new MemcachedClient(clock, Duration.ofSeconds(1));
    private final RecordingTransport transport = new RecordingTransport();
    private final Protocol protocol = client.protocol();
    private final Outcomes outcomes = new Outcomes();

    MemcachedClientWireTest() {
        protocol.onConnect(transport);
    }

    private McCallback named(String name) {
        return outcomes.named(name);
    }

    /** Delivers {@code bytes} one byte per read, the hardest way for the framer. */
    private void receive(byte[] bytes) {
        for (byte b : bytes) {
            protocol.onBytes(ByteBuffer.wrap(new byte[] {b}));
        }
    }

    @Test
    void requestsAreWrittenAsTheSpecWritesThemEachWithTheNextOpaque() {
        client.get("Hello", named("get"));
        assertArrayEquals(hex("80 00 00 05 00 00 00 00 00 00 00 05 00 00 00 00 00 00 00 00 00 00 00 00"
                + "48 65 6c 6c 6f"), transport.takeWritten(), "the spec's own get example");

        client.set("k", ascii("v"), 0xdeadbeef, 3600, 42, named("set"));
        client.increment("n", 2, 7, -1, named("incr"));
        client.touch("k", 10, named("touch"));
        client.deleteq("k", named("deleteq"));
        client.append("k", ascii("+"), named("append"));
        client.flush(named("flush"));
        client.version(named("version"));
        assertArrayEquals(concat(
                request(Opcode.SET, 1, 42, flagsAndExpiry(0xdeadbeef, 3600), "k", ascii("v")),
                request(Opcode.INCREMENT, 2, 0, counter(2, 7, -1), "n", NONE),
                request(Opcode.TOUCH, 3, 0, int32(10), "k", NONE),
                request(Opcode.DELETEQ, 4, 0, NONE, "k", NONE),
                request(Opcode.APPEND, 5, 0, NONE, "k", ascii("+")),
                request(Opcode.FLUSH, 6, 0, NONE, "", NONE),
                request(Opcode.VERSION, 7, 0, NONE, "", NONE)), transport.takeWritten());
        assertEquals(8, client.pendingRequests());
    }

    @Test
    void aHitCarriesFlagsCasKeyAndValue() {
        client.getk("Hello", named("getk"));
        receive(response(Opcode.GETK, 0, 0, 1, hex("de ad be ef"), "Hello", ascii("World")));
        McResult hit = outcomes.results.get("getk");
        assertEquals(McStatus.NO_ERROR, hit.status());
        assertEquals(0xdeadbeef, hit.flags());
        assertEquals(1, hit.cas());
        assertEquals("Hello", hit.keyString());
        assertEquals("World", hit.valueString());
    }

    @Test
    void answersFindTheirRequestsByOpaqueAndSilenceSettlesQuietOnes() {
        client.getq("a", named("getq a"));
        client.getq("b", named("getq b"));
        client.getq("c", named("getq c"));
        client.noop(named("noop"));

        receive(response(Opcode.GETQ, 0, 1, 9, int32(0), "", ascii("B")));
        assertEquals(List.of("getq a: KEY_NOT_FOUND", "getq b: NO_ERROR value=B"), outcomes.log,
                "b's answer says a was a silent miss; c may still be answered");
        assertEquals(2, client.pendingRequests());

        receive(success(Opcode.NOOP, 3, 0));
        assertEquals(List.of("getq a: KEY_NOT_FOUND", "getq b: NO_ERROR value=B", "getq c: KEY_NOT_FOUND",
                "noop: NO_ERROR"), outcomes.log);

        receive(success(Opcode.NOOP, 3, 0));
        receive(success(Opcode.NOOP, 77, 0));
        assertEquals(4, outcomes.log.size(), "answers for nothing that waits are dropped");
        assertEquals(0, client.pendingRequests());
    }

    @Test
    void aQuietErrorIsAnsweredAndSettlesItsRequestAlone() {
        client.setq("a", ascii("1"), 0, 0, 0, named("setq a"));
        client.setq("b", ascii("1"), 0, 0, 99, named("setq b"));
        client.setq("c", ascii("1"), 0, 0, 0, named("setq c"));

        receive(BinaryWire.error(Opcode.SETQ, BinaryStatus.KEY_EXISTS, 1, "Data exists for key."));
        assertEquals(List.of("setq a: NO_ERROR", "setq b: KEY_EXISTS value=Data exists for key."), outcomes.log);
        assertEquals(1, client.pendingRequests(), "c waits for a later answer");
    }

    @Test
    void aLoudRequestPassedOverByALaterAnswerFails() {
        client.get("a", named("get a"));
        client.noop(named("noop"));
        receive(success(Opcode.NOOP, 1, 0));
        assertEquals(List.of("get a: failed, IOException", "noop: NO_ERROR"), outcomes.log);
    }

    @Test
    void aRequestTimesOutOnTheClockAndItsLateAnswerIsDropped() {
        client.get("a", named("get a"));
        clock.advance(Duration.ofMillis(500));
        client.get("b", named("get b"));
        clock.advance(Duration.ofMillis(499));
        assertEquals(List.of(), outcomes.log);
        assertEquals(1, clock.pendingCalls(), "one timer for the whole connection");

        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("get a: failed, TimeoutException"), outcomes.log);
        receive(response(Opcode.GET, 0, 0, 1, int32(0), "", ascii("late")));
        assertEquals(1, outcomes.log.size(), "a's late answer is dropped");

        clock.advance(Duration.ofMillis(499));
        assertEquals(1, outcomes.log.size());
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("get a: failed, TimeoutException", "get b: failed, TimeoutException"), outcomes.log);
        assertInstanceOf(TimeoutException.class, outcomes.failures.get("get b"));
        assertEquals(0, client.pendingRequests());
        assertEquals(0, clock.pendingCalls());
    }

    @Test
    void onAReactorTheTimeoutIsTheReactorsTimer() {
        ManualClock reactorClock = new ManualClock();
        try (Reactor reactor = Reactor.open(reactorClock.timers())) {
            MemcachedClient onReactor = new MemcachedClient(reactor, Duration.ofSeconds(2));
            onReactor.protocol().onConnect(new RecordingTransport());
            onReactor.get("a", named("get a"));
            reactorClock.advance(Duration.ofMillis(1999));
            assertEquals(List.of(), outcomes.log);
            reactorClock.advance(Duration.ofMillis(1));
            assertEquals(List.of("get a: failed, TimeoutException"), outcomes.log);
        }
    }

    @Test
    void aClientHasOneConnection() {
        assertThrows(IllegalStateException.class, client::protocol);
    }

    @Test
    void answeredRequestsDoNotTimeOut() {
        client.get("a", named("get a"));
        receive(response(Opcode.GET, 1, 0, 0, NONE, "", ascii("Not found")));
        clock.advance(Duration.ofMillis(700));
        client.get("b", named("get b"));
        clock.advance(Duration.ofMillis(999));
        assertEquals(List.of("get a: KEY_NOT_FOUND value=Not found"), outcomes.log);
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("get a: KEY_NOT_FOUND value=Not found", "get b: failed, TimeoutException"),
                outcomes.log);
    }

    @Test
    void losingTheConnectionFailsEveryWaitingRequestAndEveryLaterOne() {
        client.get("a", named("get a"));
        client.setq("b", ascii("1"), 0, 0, 0, named("setq b"));
        IOException reset = new IOException("connection reset");
        protocol.onClose(CloseReason.lost(reset));

        assertEquals(List.of("get a: failed, IOException", "setq b: failed, IOException"), outcomes.log);
        assertSame(reset, outcomes.failures.get("get a").getCause());
        assertEquals(0, clock.pendingCalls(), "the timer is cancelled");

        client.get("c", named("get c"));
        assertInstanceOf(IOException.class, outcomes.failures.get("get c"));
        assertEquals(0, client.pendingRequests());
    }

    @Test
    void aRequestTheEncoderCannotExpressIsRefusedAndTakesNoOpaque() {
        assertThrows(IllegalArgumentException.class, () -> client.get("k".repeat(70_000), named("huge")));
        client.noop(named("noop"));
        assertArrayEquals(request(Opcode.NOOP, 0, 0, NONE, "", NONE), transport.takeWritten());
        assertEquals(1, client.pendingRequests());
    }
}
