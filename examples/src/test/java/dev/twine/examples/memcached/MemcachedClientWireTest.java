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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Deferred;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Reactor;
import dev.twine.testing.ManualClock;
import dev.twine.testing.RecordingTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
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
    private final Protocol protocol = client;
    private final Outcomes outcomes = new Outcomes();

    MemcachedClientWireTest() {
        protocol.onConnect(transport);
    }

    private void named(String name, Deferred<McResult> request) {
        outcomes.named(name, request);
    }

    /** Delivers {@code bytes} one byte per read, the hardest way for the framer. */
    private void receive(byte[] bytes) {
        for (byte b : bytes) {
            protocol.onBytes(ByteBuffer.wrap(new byte[] {b}));
        }
    }

    @Test
    void requestsAreWrittenAsTheSpecWritesThemEachWithTheNextOpaque() {
        named("get", client.get("Hello"));
        assertArrayEquals(hex("80 00 00 05 00 00 00 00 00 00 00 05 00 00 00 00 00 00 00 00 00 00 00 00"
                + "48 65 6c 6c 6f"), transport.takeWritten(), "the spec's own get example");

        named("set", client.set("k", ascii("v"), 0xdeadbeef, 3600, 42));
        named("incr", client.increment("n", 2, 7, -1));
        named("touch", client.touch("k", 10));
        named("deleteq", client.deleteq("k"));
        named("append", client.append("k", ascii("+")));
        named("flush", client.flush());
        named("version", client.version());
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
        named("getk", client.getk("Hello"));
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
        named("getq a", client.getq("a"));
        named("getq b", client.getq("b"));
        named("getq c", client.getq("c"));
        named("noop", client.noop());

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
        named("setq a", client.setq("a", ascii("1"), 0, 0, 0));
        named("setq b", client.setq("b", ascii("1"), 0, 0, 99));
        named("setq c", client.setq("c", ascii("1"), 0, 0, 0));

        receive(BinaryWire.error(Opcode.SETQ, BinaryStatus.KEY_EXISTS, 1, "Data exists for key."));
        assertEquals(List.of("setq a: NO_ERROR", "setq b: KEY_EXISTS value=Data exists for key."), outcomes.log);
        assertEquals(1, client.pendingRequests(), "c waits for a later answer");
    }

    @Test
    void aLoudRequestPassedOverByALaterAnswerFails() {
        named("get a", client.get("a"));
        named("noop", client.noop());
        receive(success(Opcode.NOOP, 1, 0));
        assertEquals(List.of("get a: failed, IOException", "noop: NO_ERROR"), outcomes.log);
    }

    @Test
    void aRequestTimesOutOnTheClockAndItsLateAnswerIsDropped() {
        named("get a", client.get("a"));
        clock.advance(Duration.ofMillis(500));
        named("get b", client.get("b"));
        clock.advance(Duration.ofMillis(499));
        assertEquals(List.of(), outcomes.log);
        assertEquals(2, clock.pendingCalls(), "a timer for each request");

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
            onReactor.onConnect(new RecordingTransport());
            named("get a", onReactor.get("a"));
            reactorClock.advance(Duration.ofMillis(1999));
            assertEquals(List.of(), outcomes.log);
            reactorClock.advance(Duration.ofMillis(1));
            assertEquals(List.of("get a: failed, TimeoutException"), outcomes.log);
        }
    }

    @Test
    void aCancelledRequestIsForgottenAndItsLateAnswerDropped() {
        Deferred<McResult> a = client.get("a");
        named("get a", a);
        named("getq b", client.getq("b"));
        named("get c", client.get("c"));
        a.cancel();
        assertEquals(List.of("get a: failed, CancellationException"), outcomes.log);
        assertEquals(2, client.pendingRequests());

        receive(response(Opcode.GET, 0, 0, 0, int32(0), "", ascii("late")));
        receive(response(Opcode.GET, 0, 2, 0, int32(0), "", ascii("C")));

        assertEquals(List.of("get a: failed, CancellationException", "getq b: KEY_NOT_FOUND", "get c: NO_ERROR value=C"),
                outcomes.log, "c's answer settles b, and a is not settled twice");
        assertEquals(0, clock.pendingCalls(), "no timer is left");
    }

    @Test
    void aCallbackThatThrowsFailsItsOwnChainOnly() {
        List<Throwable> caught = new ArrayList<>();
        client.get("a").addCallback(result -> {
            throw new IllegalStateException("the caller's bug");
        }).addErrback(caught::add);
        named("get b", client.get("b"));

        receive(response(Opcode.GET, 1, 0, 0, NONE, "", ascii("Not found")));
        receive(response(Opcode.GET, 1, 1, 0, NONE, "", ascii("Not found")));

        assertInstanceOf(IllegalStateException.class, caught.get(0));
        assertEquals(List.of("get b: KEY_NOT_FOUND value=Not found"), outcomes.log);
        assertTrue(transport.isOpen());
    }

    @Test
    void aClientServesOneConnection() {
        assertThrows(IllegalStateException.class, () -> protocol.onConnect(new RecordingTransport()));
    }

    @Test
    void answeredRequestsDoNotTimeOut() {
        named("get a", client.get("a"));
        receive(response(Opcode.GET, 1, 0, 0, NONE, "", ascii("Not found")));
        clock.advance(Duration.ofMillis(700));
        named("get b", client.get("b"));
        clock.advance(Duration.ofMillis(999));
        assertEquals(List.of("get a: KEY_NOT_FOUND value=Not found"), outcomes.log);
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("get a: KEY_NOT_FOUND value=Not found", "get b: failed, TimeoutException"),
                outcomes.log);
    }

    @Test
    void losingTheConnectionFailsEveryWaitingRequestAndEveryLaterOne() {
        named("get a", client.get("a"));
        named("setq b", client.setq("b", ascii("1"), 0, 0, 0));
        IOException reset = new IOException("connection reset");
        protocol.onClose(CloseReason.lost(reset));

        assertEquals(List.of("get a: failed, IOException", "setq b: failed, IOException"), outcomes.log);
        assertSame(reset, outcomes.failures.get("get a").getCause());
        assertEquals(0, clock.pendingCalls(), "the timers are cancelled");

        named("get c", client.get("c"));
        assertInstanceOf(IOException.class, outcomes.failures.get("get c"));
        assertEquals(0, client.pendingRequests());
    }

    @Test
    void aRequestTheEncoderCannotExpressIsRefusedAndTakesNoOpaque() {
        assertThrows(IllegalArgumentException.class, () -> named("huge", client.get("k".repeat(70_000))));
        named("noop", client.noop());
        assertArrayEquals(request(Opcode.NOOP, 0, 0, NONE, "", NONE), transport.takeWritten());
        assertEquals(1, client.pendingRequests());
    }
}
