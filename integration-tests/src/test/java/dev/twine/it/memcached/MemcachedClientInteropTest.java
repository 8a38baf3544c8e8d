package dev.twine.it.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.examples.memcached.McCallback;
import dev.twine.examples.memcached.McResult;
import dev.twine.examples.memcached.MemcachedClient;
import dev.twine.it.ExampleProcess;
import dev.twine.runtime.Reactor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Twine memcached client over real loopback, against Debian's memcached and against the packaged
 * Twine server: each pipeline's answers must be what {@code protocol_binary.txt} specifies, written
 * out below, so both servers answer identically. The reactor is stepped on the test thread.
 */
@Timeout(120)
class MemcachedClientInteropTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The two servers, each started fresh for one test. */
    enum Server {
        REAL_MEMCACHED, TWINE;

        Running start() throws IOException {
            if (this == REAL_MEMCACHED) {
                RealMemcached memcached = RealMemcached.start();
                return new Running(memcached.address(), memcached, "");
            }
            ExampleProcess twine = ExampleProcess.start("memcached");
            return new Running(twine.address(), twine, "the Twine server's stderr:\n" + twine.stderr());
        }
    }

    /** A started server: where it listens, and how to stop it. */
    record Running(InetSocketAddress address, AutoCloseable process, String context) {}

    private final Reactor reactor = Reactor.open();
    private final List<String> log = new ArrayList<>();
    private final Map<String, McResult> results = new HashMap<>();
    private Running server;
    private MemcachedClient client;

    @AfterEach
    void stop() throws Exception {
        reactor.close();
        if (server != null) {
            server.process().close();
        }
    }

    private void connect(Server which) throws IOException {
        server = which.start();
        List<IOException> failed = new ArrayList<>();
        MemcachedClient.connect(reactor, server.address(), PATIENCE, connected -> client = connected, failed::add);
        await("connected to " + which, () -> client != null || !failed.isEmpty());
        assertEquals(List.of(), failed);
    }

    private void await(String what, BooleanSupplier condition) {
        assertTrue(reactor.runUntil(condition, PATIENCE), () -> "timed out waiting until " + what + "; "
                + log.size() + " answers so far " + server.context());
    }

    /** Runs the reactor until every request sent is settled. */
    private void settle() {
        await("every request is settled", () -> client.pendingRequests() == 0);
    }

    /** A callback that logs, in the order answers come, the answer to the request called {@code name}. */
    private McCallback named(String name) {
        return new McCallback() {
            @Override
            public void onResult(McResult result) {
                results.put(name, result);
                log.add(name + ": " + describe(result));
            }

            @Override
            public void onFailure(Exception cause) {
                log.add(name + ": failed, " + cause);
            }
        };
    }

    /**
     * What the protocol fixes about an answer (not the CAS, whose values are the server's own); a
     * value that is not printable text, such as a counter, in hex.
     */
    private static String describe(McResult result) {
        String text = result.status().name();
        if (result.flags() != 0) {
            text += " flags=" + result.flags();
        }
        if (result.key().length > 0) {
            text += " key=" + result.keyString();
        }
        if (result.value().length > 0) {
            String value = result.valueString();
            text += value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? " value=" + value
                    : " value=0x" + HexFormat.of().formatHex(result.value());
        }
        return text;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void commandsAnswerAsTheProtocolSays(Server which) throws IOException {
        connect(which);
        client.set("a", bytes("1"), 5, 0, 0, named("set a"));
        client.get("a", named("get a"));
        client.add("a", bytes("x"), 0, 0, named("add a"));
        client.replace("b", bytes("x"), 0, 0, 0, named("replace b"));
        client.add("b", bytes("2"), 0, 0, named("add b"));
        client.replace("b", bytes("20"), 7, 0, 0, named("replace b, now there"));
        client.getk("b", named("getk b"));
        client.append("b", bytes("x"), named("append b"));
        client.prepend("b", bytes("<"), named("prepend b"));
        client.append("c", bytes("x"), named("append c"));
        client.get("b", named("get b"));
        client.increment("b", 1, 0, 0, named("incr b"));
        client.delete("a", named("delete a"));
        client.delete("a", named("delete a again"));
        client.get("a", named("get a after delete"));
        client.touch("b", 100, named("touch b"));
        client.touch("a", 100, named("touch a"));
        client.gat("b", 0, named("gat b"));
        client.noop(named("noop"));
        client.flush(named("flush"));
        client.get("b", named("get b after flush"));
        settle();

        assertEquals(List.of(
                "set a: NO_ERROR",
                "get a: NO_ERROR flags=5 value=1",
                "add a: KEY_EXISTS value=Data exists for key.",
                "replace b: KEY_NOT_FOUND value=Not found",
                "add b: NO_ERROR",
                "replace b, now there: NO_ERROR",
                "getk b: NO_ERROR flags=7 key=b value=20",
                "append b: NO_ERROR",
                "prepend b: NO_ERROR",
                "append c: ITEM_NOT_STORED value=Not stored.",
                "get b: NO_ERROR flags=7 value=<20x",
                "incr b: NON_NUMERIC value=Non-numeric server-side value for incr or decr",
                "delete a: NO_ERROR",
                "delete a again: KEY_NOT_FOUND value=Not found",
                "get a after delete: KEY_NOT_FOUND value=Not found",
                "touch b: NO_ERROR flags=7",
                "touch a: KEY_NOT_FOUND value=Not found",
                "gat b: NO_ERROR flags=7 value=<20x",
                "noop: NO_ERROR",
                "flush: NO_ERROR",
                "get b after flush: KEY_NOT_FOUND value=Not found"), log, server.context());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void countersWrapAndStopAtZero(Server which) throws IOException {
        connect(which);
        client.increment("n", 5, 10, 0, named("incr creates"));
        client.increment("n", 5, 10, 0, named("incr"));
        client.decrement("n", 100, 0, 0, named("decr to zero"));
        client.decrement("missing", 1, 0, -1, named("decr, no create"));
        client.set("max", bytes("18446744073709551615"), 0, 0, 0, named("set max"));
        client.increment("max", 2, 0, 0, named("incr wraps"));
        client.get("max", named("get max"));
        settle();

        assertEquals(List.of(
                "incr creates: NO_ERROR value=" + counter(10),
                "incr: NO_ERROR value=" + counter(15),
                "decr to zero: NO_ERROR value=" + counter(0),
                "decr, no create: KEY_NOT_FOUND value=Not found",
                "set max: NO_ERROR",
                "incr wraps: NO_ERROR value=" + counter(1),
                // memcached rewrites a counter in place when the new value is no longer: the
                // 20-digit item keeps its length, padded with spaces.
                "get max: NO_ERROR value=1" + " ".repeat(19)), log, server.context());
        assertEquals(1, results.get("incr wraps").counter());
    }

    /** A counter's answer as {@link #describe} shows it: 8 big-endian bytes, in hex. */
    private static String counter(long value) {
        return "0x" + HexFormat.of().toHexDigits(value);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void casGuardsAnUpdate(Server which) throws IOException {
        connect(which);
        client.set("k", bytes("v1"), 0, 0, 0, named("set"));
        settle();
        long first = results.get("set").cas();
        assertNotEquals(0, first);

        client.set("k", bytes("v2"), 0, 0, first + 1, named("set, stale cas"));
        client.set("k", bytes("v2"), 0, 0, first, named("set, cas"));
        client.replace("k", bytes("v3"), 0, 0, first, named("replace, old cas"));
        client.set("nothing", bytes("v"), 0, 0, first, named("set missing, cas"));
        client.get("k", named("get"));
        settle();

        assertEquals(List.of(
                "set: NO_ERROR",
                "set, stale cas: KEY_EXISTS value=Data exists for key.",
                "set, cas: NO_ERROR",
                "replace, old cas: KEY_EXISTS value=Data exists for key.",
                "set missing, cas: KEY_NOT_FOUND value=Not found",
                "get: NO_ERROR value=v2"), log, server.context());
        long second = results.get("set, cas").cas();
        assertNotEquals(first, second);
        assertEquals(second, results.get("get").cas());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void quietPipelinesSettleOnTheNextLoudAnswer(Server which) throws IOException {
        connect(which);
        client.setq("a", bytes("1"), 3, 0, 0, named("setq a"));
        client.getq("missing", named("getq missing"));
        client.getq("a", named("getq a"));
        client.deleteq("missing", named("deleteq missing"));
        client.setq("b", bytes("2"), 0, 0, 0, named("setq b"));
        client.getkq("b", named("getkq b"));
        client.deleteq("b", named("deleteq b"));
        client.getkq("b", named("getkq b, gone"));
        client.noop(named("noop"));
        settle();

        assertEquals(List.of(
                "setq a: NO_ERROR",
                "getq missing: KEY_NOT_FOUND",
                "getq a: NO_ERROR flags=3 value=1",
                "deleteq missing: KEY_NOT_FOUND value=Not found",
                "setq b: NO_ERROR",
                "getkq b: NO_ERROR key=b value=2",
                "deleteq b: NO_ERROR",
                "getkq b, gone: KEY_NOT_FOUND",
                "noop: NO_ERROR"), log, server.context());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void tenThousandPipelinedRequests(Server which) throws IOException {
        connect(which);
        List<String> expected = new ArrayList<>();
        int items = 4000;
        for (int i = 0; i < items; i++) {
            client.setq("k" + i, bytes("v" + i), i + 1, 0, 0, named("setq " + i));
            expected.add("setq " + i + ": NO_ERROR");
        }
        for (int i = 0; i < items; i++) {
            client.getk("k" + i, named("getk " + i));
            expected.add("getk " + i + ": NO_ERROR flags=" + (i + 1) + " key=k" + i + " value=v" + i);
        }
        for (int i = 0; i < 1000; i++) {
            client.increment("counter", 1, 0, 0, named("incr " + i));
            expected.add("incr " + i + ": NO_ERROR value=" + counter(i));
        }
        for (int i = 0; i < 999; i++) {
            client.getq("absent" + i, named("getq " + i));
            expected.add("getq " + i + ": KEY_NOT_FOUND");
        }
        client.noop(named("noop"));
        expected.add("noop: NO_ERROR");
        assertEquals(10_000, expected.size());
        assertEquals(10_000, client.pendingRequests(), "all in flight at once");
        settle();

        assertEquals(expected, log, server.context());
    }
}
