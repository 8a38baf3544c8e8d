package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.client.Backoff;
import dev.twine.client.Connector;
import dev.twine.client.ReconnectingClient;
import dev.twine.runtime.ConnectAttempt;
import dev.twine.runtime.Deferred;
import dev.twine.runtime.Protocol;
import dev.twine.testing.Chunking;
import dev.twine.testing.ManualClock;
import dev.twine.testing.MemoryPipe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
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
        return MemoryPipe.connect(client, server.factory().newProtocol(), chunking);
    }

    private void named(String name, Deferred<McResult> request) {
        outcomes.named(name, request);
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
        named("set a", client.set("a", bytes("1"), 5, 0, 0));
        named("get a", client.get("a"));
        named("add a", client.add("a", bytes("x"), 0, 0));
        named("replace b", client.replace("b", bytes("x"), 0, 0, 0));
        named("add b", client.add("b", bytes("2"), 0, 0));
        named("getk b", client.getk("b"));
        named("append b", client.append("b", bytes("x")));
        named("prepend b", client.prepend("b", bytes("<")));
        named("append c", client.append("c", bytes("x")));
        named("get b", client.get("b"));
        named("incr b", client.increment("b", 1, 0, 0));
        named("incr n creates", client.increment("n", 5, 10, 0));
        named("incr n", client.increment("n", 5, 10, 0));
        named("decr n", client.decrement("n", 100, 0, 0));
        named("decr m, no create", client.decrement("m", 1, 0, -1));
        named("delete a", client.delete("a"));
        named("delete a again", client.delete("a"));
        named("get a after delete", client.get("a"));
        named("touch b", client.touch("b", 100));
        named("touch a", client.touch("a", 100));
        named("gat b", client.gat("b", 0));
        named("version", client.version());
        named("noop", client.noop());
        named("flush", client.flush());
        named("get b after flush", client.get("b"));
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
        named("setq a", client.setq("a", bytes("1"), 3, 0, 0));
        named("getq missing", client.getq("missing"));
        named("getq a", client.getq("a"));
        named("deleteq missing", client.deleteq("missing"));
        named("setq b", client.setq("b", bytes("2"), 0, 0, 0));
        named("getkq b", client.getkq("b"));
        named("deleteq b", client.deleteq("b"));
        named("getkq b, gone", client.getkq("b"));
        named("noop", client.noop());

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
        named("set", client.set("k", bytes("v1"), 0, 0, 0));
        pipe.flush();
        long first = outcomes.results.get("set").cas();
        assertNotEquals(0, first);

        named("set, stale cas", client.set("k", bytes("v2"), 0, 0, first + 1));
        named("set, cas", client.set("k", bytes("v2"), 0, 0, first));
        named("replace, old cas", client.replace("k", bytes("v3"), 0, 0, first));
        named("set missing, cas", client.set("nothing", bytes("v"), 0, 0, first));
        named("get", client.get("k"));
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
    void thousandsInFlightEachFindTheirAnswer() {
        MemoryPipe pipe = connect(Chunking.random(3, 500));
        int count = 3000;
        for (int i = 0; i < count; i++) {
            named("setq " + i, client.setq("k" + i, bytes("v" + i), i, 0, 0));
        }
        for (int i = 0; i < count; i++) {
            named("get " + i, client.get("k" + i));
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

    /** A connector whose attempts the test connects to the server in memory, when it says. */
    private final class InMemoryConnector implements Connector {
        final List<Protocol> attempts = new ArrayList<>();

        @Override
        public ConnectAttempt connect(Protocol protocol, Consumer<? super IOException> onFailed) {
            attempts.add(protocol);
            return new ConnectAttempt() {
                @Override
                public InetSocketAddress remoteAddress() {
                    return new InetSocketAddress("127.0.0.1", 11211);
                }

                @Override
                public boolean isPending() {
                    return false;
                }

                @Override
                public void cancel() {}
            };
        }

        MemoryPipe acceptLast() {
            return MemoryPipe.connect(attempts.get(attempts.size() - 1), server.factory().newProtocol());
        }
    }

    @Test
    void throughAReconnectingClientEachConnectionHasAFreshClient() {
        InMemoryConnector connector = new InMemoryConnector();
        List<MemcachedClient> made = new ArrayList<>();
        ReconnectingClient<MemcachedClient> reconnecting = new ReconnectingClient<>(clock, connector, () -> {
            MemcachedClient fresh = new MemcachedClient(clock, Duration.ofSeconds(1));
            made.add(fresh);
            return fresh;
        }, Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)), new SplittableRandom(1));
        reconnecting.start();
        MemoryPipe first = connector.acceptLast();
        named("set", reconnecting.whenConnected().addDeferredCallback(cache -> cache.set("k", bytes("v"), 0, 0, 0)));
        first.flush();
        first.server().abort();
        first.flush();
        assertFalse(reconnecting.isConnected());

        clock.advance(Duration.ofSeconds(1));
        MemoryPipe second = connector.acceptLast();
        named("get", reconnecting.whenConnected().addDeferredCallback(cache -> cache.get("k")));
        second.flush();

        assertEquals(List.of("set: NO_ERROR", "get: NO_ERROR value=v"), outcomes.log);
        assertEquals(2, made.size());
        assertFalse(made.get(0).isConnected());
        assertTrue(made.get(1).isConnected());
    }

    @Test
    void aServerThatGoesAwayFailsWhatWaits() {
        MemoryPipe pipe = connect(Chunking.whole());
        named("getq a", client.getq("a"));
        named("get b", client.get("b"));
        pipe.server().abort();
        pipe.flush();

        assertEquals(List.of("getq a: failed, IOException", "get b: failed, IOException"), outcomes.log);
        assertTrue(pipe.isClosed());
        assertEquals(0, clock.pendingCalls(), "the timeout timers are cancelled");

        named("noop after", client.noop());
        assertInstanceOf(IOException.class, outcomes.failures.get("noop after"));
        assertEquals(0, client.pendingRequests());
    }
}
