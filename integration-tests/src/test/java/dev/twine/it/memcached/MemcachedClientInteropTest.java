package dev.twine.it.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.examples.memcached.McResult;
import dev.twine.examples.memcached.MemcachedClient;
import dev.twine.it.ExampleProcess;
import dev.twine.runtime.Deferred;
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
 * Twine server, on one reactor thread and on four (where most requests are answered by another
 * reactor than the connection's): each pipeline's answers must be what {@code protocol_binary.txt}
 * specifies, written out below, so every server answers identically. The reactor is stepped on the
 * test thread.
 */
@Timeout(120)
class MemcachedClientInteropTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The servers, each started fresh for one test: the Twine one on one reactor and on four. */
    enum Server {
        REAL_MEMCACHED, TWINE, TWINE_ON_4_THREADS;

        Running start() throws IOException {
            if (this == REAL_MEMCACHED) {
                RealMemcached memcached = RealMemcached.start();
                return new Running(memcached.address(), memcached, "");
            }
            ExampleProcess twine = ExampleProcess.start("memcached", "--threads", this == TWINE ? "1" : "4");
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
        List<Throwable> failed = new ArrayList<>();
        MemcachedClient.connect(reactor, server.address(), PATIENCE)
                .addCallbacks(connected -> client = connected, failed::add);
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

    /** Logs, in the order answers come, the answer to the request called {@code name}. */
    private void named(String name, Deferred<McResult> request) {
        request.addCallbacks(result -> {
            results.put(name, result);
            return log.add(name + ": " + describe(result));
        }, failure -> log.add(name + ": failed, " + failure));
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
        named("set a", client.set("a", bytes("1"), 5, 0, 0));
        named("get a", client.get("a"));
        named("add a", client.add("a", bytes("x"), 0, 0));
        named("replace b", client.replace("b", bytes("x"), 0, 0, 0));
        named("add b", client.add("b", bytes("2"), 0, 0));
        named("replace b, now there", client.replace("b", bytes("20"), 7, 0, 0));
        named("getk b", client.getk("b"));
        named("append b", client.append("b", bytes("x")));
        named("prepend b", client.prepend("b", bytes("<")));
        named("append c", client.append("c", bytes("x")));
        named("get b", client.get("b"));
        named("incr b", client.increment("b", 1, 0, 0));
        named("delete a", client.delete("a"));
        named("delete a again", client.delete("a"));
        named("get a after delete", client.get("a"));
        named("touch b", client.touch("b", 100));
        named("touch a", client.touch("a", 100));
        named("gat b", client.gat("b", 0));
        named("noop", client.noop());
        named("flush", client.flush());
        named("get b after flush", client.get("b"));
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
        named("incr creates", client.increment("n", 5, 10, 0));
        named("incr", client.increment("n", 5, 10, 0));
        named("decr to zero", client.decrement("n", 100, 0, 0));
        named("decr, no create", client.decrement("missing", 1, 0, -1));
        named("set max", client.set("max", bytes("18446744073709551615"), 0, 0, 0));
        named("incr wraps", client.increment("max", 2, 0, 0));
        named("get max", client.get("max"));
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
        named("set", client.set("k", bytes("v1"), 0, 0, 0));
        settle();
        long first = results.get("set").cas();
        assertNotEquals(0, first);

        named("set, stale cas", client.set("k", bytes("v2"), 0, 0, first + 1));
        named("set, cas", client.set("k", bytes("v2"), 0, 0, first));
        named("replace, old cas", client.replace("k", bytes("v3"), 0, 0, first));
        named("set missing, cas", client.set("nothing", bytes("v"), 0, 0, first));
        named("get", client.get("k"));
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
        named("setq a", client.setq("a", bytes("1"), 3, 0, 0));
        named("getq missing", client.getq("missing"));
        named("getq a", client.getq("a"));
        named("deleteq missing", client.deleteq("missing"));
        named("setq b", client.setq("b", bytes("2"), 0, 0, 0));
        named("getkq b", client.getkq("b"));
        named("deleteq b", client.deleteq("b"));
        named("getkq b, gone", client.getkq("b"));
        named("noop", client.noop());
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
            named("setq " + i, client.setq("k" + i, bytes("v" + i), i + 1, 0, 0));
            expected.add("setq " + i + ": NO_ERROR");
        }
        for (int i = 0; i < items; i++) {
            named("getk " + i, client.getk("k" + i));
            expected.add("getk " + i + ": NO_ERROR flags=" + (i + 1) + " key=k" + i + " value=v" + i);
        }
        for (int i = 0; i < 1000; i++) {
            named("incr " + i, client.increment("counter", 1, 0, 0));
            expected.add("incr " + i + ": NO_ERROR value=" + counter(i));
        }
        for (int i = 0; i < 999; i++) {
            named("getq " + i, client.getq("absent" + i));
            expected.add("getq " + i + ": KEY_NOT_FOUND");
        }
        named("noop", client.noop());
        expected.add("noop: NO_ERROR");
        assertEquals(10_000, expected.size());
        assertEquals(10_000, client.pendingRequests(), "all in flight at once");
        settle();

        assertEquals(expected, log, server.context());
    }
}
