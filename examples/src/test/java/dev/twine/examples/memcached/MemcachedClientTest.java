package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testing.Chunking;
import dev.twine.testing.ManualClock;
import dev.twine.testing.MemoryPipe;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client against this module's own server, in memory: whole pipelines written before a byte
 * moves, answered however the reads cut them, each answer reaching its own callback.
 */
class MemcachedClientTest {

    private final ManualClock clock = new ManualClock();
    private final MemcachedServer server = new MemcachedServer(clock, 64L << 20, 1 << 20);
    private final MemcachedClient client = new MemcachedClient(clock, Duration.ofSeconds(1));
    private final Outcomes outcomes = new Outcomes();

    private MemoryPipe connect(Chunking chunking) {
        return MemoryPipe.connect(client.protocol(), server.factory().newProtocol(), chunking);
    }

    private McCallback named(String name) {
        return outcomes.named(name);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }

    static Stream<Chunking> chunkings() {
        return Stream.of(Chunking.whole(), Chunking.bytewise(), Chunking.fixed(7), Chunking.random(1, 40),
                Chunking.random(2, 100));
    }

    @ParameterizedTest
    @MethodSource("chunkings")
    void aPipelineOfEveryCommandIsAnsweredInOrder(Chunking chunking) {
        MemoryPipe pipe = connect(chunking);
        client.set("a", bytes("1"), 5, 0, 0, named("set a"));
        client.get("a", named("get a"));
        client.add("a", bytes("x"), 0, 0, named("add a"));
        client.replace("b", bytes("x"), 0, 0, 0, named("replace b"));
        client.add("b", bytes("2"), 0, 0, named("add b"));
        client.getk("b", named("getk b"));
        client.append("b", bytes("x"), named("append b"));
        client.prepend("b", bytes("<"), named("prepend b"));
        client.append("c", bytes("x"), named("append c"));
        client.get("b", named("get b"));
        client.increment("b", 1, 0, 0, named("incr b"));
        client.increment("n", 5, 10, 0, named("incr n creates"));
        client.increment("n", 5, 10, 0, named("incr n"));
        client.decrement("n", 100, 0, 0, named("decr n"));
        client.decrement("m", 1, 0, -1, named("decr m, no create"));
        client.delete("a", named("delete a"));
        client.delete("a", named("delete a again"));
        client.get("a", named("get a after delete"));
        client.touch("b", 100, named("touch b"));
        client.touch("a", 100, named("touch a"));
        client.gat("b", 0, named("gat b"));
        client.version(named("version"));
        client.noop(named("noop"));
        client.flush(named("flush"));
        client.get("b", named("get b after flush"));
        assertEquals(25, client.pendingRequests(), "all written before any answer");
        assertEquals(List.of(), outcomes.log);

        pipe.flush();

        assertEquals(List.of(
                "set a: NO_ERROR",
                "get a: NO_ERROR flags=5 value=1",
                "add a: KEY_EXISTS value=Data exists for key.",
                "replace b: KEY_NOT_FOUND value=Not found",
                "add b: NO_ERROR",
                "getk b: NO_ERROR key=b value=2",
                "append b: NO_ERROR",
                "prepend b: NO_ERROR",
                "append c: ITEM_NOT_STORED value=Not stored.",
                "get b: NO_ERROR value=<2x",
                "incr b: NON_NUMERIC value=Non-numeric server-side value for incr or decr",
                "incr n creates: NO_ERROR value=0x000000000000000a",
                "incr n: NO_ERROR value=0x000000000000000f",
                "decr n: NO_ERROR value=0x0000000000000000",
                "decr m, no create: KEY_NOT_FOUND value=Not found",
                "delete a: NO_ERROR",
                "delete a again: KEY_NOT_FOUND value=Not found",
                "get a after delete: KEY_NOT_FOUND value=Not found",
                "touch b: NO_ERROR",
                "touch a: KEY_NOT_FOUND value=Not found",
                "gat b: NO_ERROR value=<2x",
                "version: NO_ERROR value=1.6.21-twine",
                "noop: NO_ERROR",
                "flush: NO_ERROR",
                "get b after flush: KEY_NOT_FOUND value=Not found"), outcomes.log);
        assertEquals(15, outcomes.results.get("incr n").counter());
        assertEquals(0, client.pendingRequests());
    }

    @ParameterizedTest
    @MethodSource("chunkings")
    void quietRequestsSettleWhenALaterAnswerArrives(Chunking chunking) {
        MemoryPipe pipe = connect(chunking);
        client.setq("a", bytes("1"), 3, 0, 0, named("setq a"));
        client.getq("missing", named("getq missing"));
        client.getq("a", named("getq a"));
        client.deleteq("missing", named("deleteq missing"));
        client.setq("b", bytes("2"), 0, 0, 0, named("setq b"));
        client.getkq("b", named("getkq b"));
        client.deleteq("b", named("deleteq b"));
        client.getkq("b", named("getkq b, gone"));
        client.noop(named("noop"));

        pipe.flush();

        assertEquals(List.of(
                "setq a: NO_ERROR",
                "getq missing: KEY_NOT_FOUND",
                "getq a: NO_ERROR flags=3 value=1",
                "deleteq missing: KEY_NOT_FOUND value=Not found",
                "setq b: NO_ERROR",
                "getkq b: NO_ERROR key=b value=2",
                "deleteq b: NO_ERROR",
                "getkq b, gone: KEY_NOT_FOUND",
                "noop: NO_ERROR"), outcomes.log);
        assertEquals(0, client.pendingRequests());
    }

    @Test
    void casGuardsAnUpdate() {
        MemoryPipe pipe = connect(Chunking.whole());
        client.set("k", bytes("v1"), 0, 0, 0, named("set"));
        pipe.flush();
        long first = outcomes.results.get("set").cas();
        assertNotEquals(0, first);

        client.set("k", bytes("v2"), 0, 0, first + 1, named("set, stale cas"));
        client.set("k", bytes("v2"), 0, 0, first, named("set, cas"));
        client.replace("k", bytes("v3"), 0, 0, first, named("replace, old cas"));
        client.set("nothing", bytes("v"), 0, 0, first, named("set missing, cas"));
        client.get("k", named("get"));
        pipe.flush();

        assertEquals(List.of(
                "set: NO_ERROR",
                "set, stale cas: KEY_EXISTS value=Data exists for key.",
                "set, cas: NO_ERROR",
                "replace, old cas: KEY_EXISTS value=Data exists for key.",
                "set missing, cas: KEY_NOT_FOUND value=Not found",
                "get: NO_ERROR value=v2"), outcomes.log);
        long second = outcomes.results.get("set, cas").cas();
        assertNotEquals(first, second);
        assertEquals(second, outcomes.results.get("get").cas());
    }

    @Test
    void thousandsInFlightGrowTheRingAndEachAnswerFindsItsRequest() {
        MemoryPipe pipe = connect(Chunking.random(3, 500));
        int count = 3000;
        for (int i = 0; i < count; i++) {
            client.setq("k" + i, bytes("v" + i), i, 0, 0, named("setq " + i));
        }
        for (int i = 0; i < count; i++) {
            client.get("k" + i, named("get " + i));
        }
        assertEquals(2 * count, client.pendingRequests());
        pipe.flush();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("setq " + i + ": NO_ERROR");
        }
        for (int i = 0; i < count; i++) {
            expected.add("get " + i + ": NO_ERROR" + (i == 0 ? "" : " flags=" + i) + " value=v" + i);
        }
        assertEquals(expected, outcomes.log);
    }

    @Test
    void aServerThatGoesAwayFailsWhatWaits() {
        MemoryPipe pipe = connect(Chunking.whole());
        client.getq("a", named("getq a"));
        client.get("b", named("get b"));
        pipe.server().abort();
        pipe.flush();

        assertEquals(List.of("getq a: failed, IOException", "get b: failed, IOException"), outcomes.log);
        assertTrue(pipe.isClosed());
        assertEquals(0, clock.pendingCalls(), "the timeout timer is cancelled");

        client.noop(named("noop after"));
        assertInstanceOf(IOException.class, outcomes.failures.get("noop after"));
        assertEquals(0, client.pendingRequests());
    }
}
