package dev.twine.it.memcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.ExampleProcess;
import dev.twine.it.support.TextClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code stats} groups of the packaged Twine server, side by side with a real memcached
 * (Debian's, 1.6): both answer each group the server supports in memcached's format, and every
 * statistic the Twine server names is one memcached names too, so a tool that reads memcached's
 * stats finds nothing it does not know. The Twine server's settings are those of its command line.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsGroupsTest {

    enum Server { MEMCACHED, TWINE }

    /** A group's answer: one {@code STAT <name> <value>} line per statistic, then {@code END}. */
    private static final Pattern REPORT = Pattern.compile("(STAT [^ \r\n]+ [^ \r\n]+\r\n)*END\r\n");
    private static final Pattern STAT_LINE = Pattern.compile("STAT ([^ \r\n]+) ([^ \r\n]+)\r\n");

    private final Map<Server, AutoCloseable> processes = new EnumMap<>(Server.class);
    private final Map<Server, InetSocketAddress> addresses = new EnumMap<>(Server.class);
    private ExampleProcess twine;

    @BeforeAll
    void startBoth() throws IOException {
        RealMemcached memcached = RealMemcached.start();
        processes.put(Server.MEMCACHED, memcached);
        addresses.put(Server.MEMCACHED, memcached.address());
        twine = ExampleProcess.start("memcached", "--memory-mb", "32", "--max-item-bytes", "4096", "--threads", "2",
                "--max-connections", "100", "--idle-timeout", "600");
        processes.put(Server.TWINE, twine);
        addresses.put(Server.TWINE, twine.address());
    }

    @AfterAll
    void stopBoth() throws Exception {
        for (AutoCloseable process : processes.values()) {
            process.close();
        }
    }

    /** Sends {@code request} to {@code server} on a new connection; returns the reply up to {@code end}. */
    private String call(Server server, String request, String end) throws IOException {
        try (TextClient client = new TextClient(addresses.get(server))) {
            return client.call(request, end);
        }
    }

    /** The statistics of a group's answer, by name, in order; the answer must be well formed. */
    private static Map<String, String> stats(Server server, String report) {
        assertTrue(REPORT.matcher(report).matches(), server + " answered " + report);
        Map<String, String> stats = new LinkedHashMap<>();
        Matcher line = STAT_LINE.matcher(report);
        while (line.find()) {
            stats.put(line.group(1), line.group(2));
        }
        return stats;
    }

    /** Asks {@code stats <group>} of both servers, after {@code before} on the same connection. */
    private Map<Server, Map<String, String>> bothAnswer(String before, String beforeEnd, String group)
            throws IOException {
        Map<Server, Map<String, String>> answers = new EnumMap<>(Server.class);
        for (Server server : Server.values()) {
            try (TextClient client = new TextClient(addresses.get(server))) {
                if (!before.isEmpty()) {
                    client.call(before, beforeEnd);
                }
                answers.put(server, stats(server, client.call("stats " + group + "\r\n", "END\r\n")));
            }
        }
        return answers;
    }

    private static void assertNamesAreMemcachedsToo(Map<Server, Map<String, String>> answers) {
        Set<String> unknown = new TreeSet<>(answers.get(Server.TWINE).keySet());
        unknown.removeAll(answers.get(Server.MEMCACHED).keySet());
        assertTrue(unknown.isEmpty(), "memcached has no statistic named " + unknown);
    }

    @Test
    void settingsAreMemcachedsNamesWithTheCommandLinesValues() throws IOException {
        Map<Server, Map<String, String>> answers = bothAnswer("", "", "settings");

        assertNamesAreMemcachedsToo(answers);
        Map<String, String> expected = new HashMap<>(Map.of("maxbytes", Long.toString(32L << 20),
                "maxconns", "100", "tcpport", Integer.toString(twine.port()), "udpport", "0", "inter", "127.0.0.1",
                "num_threads", "2", "item_size_max", "4096", "idle_timeout", "600"));
        expected.putAll(Map.of("evictions", "on", "cas_enabled", "yes", "binding_protocol", "auto-negotiate",
                "auth_enabled_sasl", "no", "auth_enabled_ascii", "no", "maxconns_fast", "no", "lru_crawler", "no",
                "flush_enabled", "yes", "lru_segmented", "no", "ssl_enabled", "no"));
        assertEquals(expected, answers.get(Server.TWINE));
    }

    @Test
    void itemsAfterASetAreMemcachedsNamesForOneClass() throws IOException {
        Map<Server, Map<String, String>> answers =
                bothAnswer("set stats-groups-item 0 0 5\r\nhello\r\n", "STORED\r\n", "items");

        assertNamesAreMemcachedsToo(answers);
        for (Server server : Server.values()) {
            Map<String, String> items = answers.get(server);
            assertFalse(items.isEmpty(), server + " lists no class");
            assertTrue(items.keySet().stream().allMatch(name -> name.startsWith("items:1:")), server + ": " + items);
            assertTrue(Long.parseLong(items.get("items:1:number")) >= 1, server + ": " + items);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void resetAnswersReset(Server server) throws IOException {
        assertEquals("RESET\r\n", call(server, "stats reset\r\n", "\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Server.class)
    void aGroupNeitherHasIsAnError(Server server) throws IOException {
        assertEquals("ERROR\r\n", call(server, "stats nosuchgroup\r\n", "\r\n"));
    }
}
