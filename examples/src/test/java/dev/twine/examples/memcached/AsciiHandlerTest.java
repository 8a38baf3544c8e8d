package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.framing.LineDelimited;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Transport;
import dev.twine.server.Connections;
import dev.twine.testing.Chunking;
import dev.twine.testing.ManualClock;
import dev.twine.testing.MemoryPipe;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * memcached's text protocol, whole conversations in memory, with the answers memcached 1.6 gives
 * (each checked against a real one). Conversations that switch between lines and data blocks are
 * replayed at every cutting of the reads, byte by byte included.
 */
class AsciiHandlerTest {

    private static final int MAX_LINE_LENGTH = AsciiHandler.MAX_LINE_LENGTH;
    private static final int MAX_ITEM_BYTES = 1024 * 1024;

    private final ManualClock clock = new ManualClock();

    /** One server: a store, and a connection table that reads each connection with the handler. */
    private final class Server {
        final Store store;
        final Connections<Session> table = new Connections<>();
        final ServerSettings settings;
        final AsciiHandler handler;
        final int maxItemBytes;
        /** The framer of the connection made last, to look at what it holds. */
        LineDelimited framer;

        Server(int maxItemBytes) {
            this.maxItemBytes = maxItemBytes;
            store = new Store(clock, 64L << 20, maxItemBytes);
            settings = new ServerSettings(64L << 20, maxItemBytes, 1);
            handler = new AsciiHandler(Partitions.single(store, new ServerStats(table)), settings);
        }

        /** A new connection, framed as MemcachedServer frames text connections. */
        Conversation connect(Chunking chunking) {
            Client client = new Client();
            MemoryPipe pipe = MemoryPipe.connect(client, table.serve(
                    () -> framer = AsciiHandler.newFramer(maxItemBytes),
                    Session::new, handler).newProtocol(), chunking);
            return new Conversation(client, pipe);
        }

        /** Sends {@code request} on a new connection; returns everything sent back. */
        String converse(String request) {
            return connect(Chunking.whole()).send(request);
        }
    }

    private static final class Client implements Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        Transport transport;

        @Override
        public void onConnect(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void onBytes(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            received.writeBytes(bytes);
        }
    }

    private record Conversation(Client client, MemoryPipe pipe) {
        /** Sends {@code request}, lets everything settle, and returns what came back since the last send. */
        String send(String request) {
            client.transport.write(request.getBytes(ISO_8859_1));
            pipe.flush();
            String text = client.received.toString(ISO_8859_1);
            client.received.reset();
            return text;
        }

        boolean serverClosed() {
            return !pipe.server().isOpen();
        }
    }

    private static List<Chunking> everyCutting() {
        List<Chunking> chunkings = new ArrayList<>(List.of(Chunking.whole(), Chunking.bytewise()));
        for (int size = 2; size <= 16; size++) {
            chunkings.add(Chunking.fixed(size));
        }
        for (long seed = 0; seed < 20; seed++) {
            chunkings.add(Chunking.random(seed, 25));
        }
        return chunkings;
    }

    /** Replays {@code request} on a fresh server at every cutting; each must answer {@code expected}. */
    private void assertAnswersHoweverCut(int maxItemBytes, String request, String expected) {
        for (Chunking chunking : everyCutting()) {
            Conversation conversation = new Server(maxItemBytes).connect(chunking);
            assertEquals(expected, conversation.send(request), "cut by " + chunking);
            assertFalse(conversation.serverClosed(), "cut by " + chunking);
        }
    }

    private static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }

    @Test
    void storesAndGetsManyKeysHoweverTheReadsCutThem() {
        assertAnswersHoweverCut(MAX_ITEM_BYTES,
                "set a 5 0 3\r\nabc\r\n"
                        + "set empty 0 0 0\r\n\r\n"
                        + "set crlf 0 0 4\r\n\r\n\r\n\r\n"     // a value of "\r\n\r\n": raw, not lines
                        + "set lf 4294967295 0 2\nhi\r\n"     // a command line may end in LF alone
                        + "get a missing empty crlf lf\r\n"
                        + "get missing\n",
                "STORED\r\nSTORED\r\nSTORED\r\nSTORED\r\n"
                        + "VALUE a 5 3\r\nabc\r\n"
                        + "VALUE empty 0 0\r\n\r\n"
                        + "VALUE crlf 0 4\r\n\r\n\r\n\r\n"
                        + "VALUE lf 4294967295 2\r\nhi\r\n"
                        + "END\r\n"
                        + "END\r\n");
    }

    @Test
    void everyCommandAnswersAsMemcachedDoesHoweverTheReadsCutThem() {
        assertAnswersHoweverCut(MAX_ITEM_BYTES,
                "add k 0 0 1\r\n1\r\nadd k 0 0 1\r\n2\r\n"
                        + "replace k 0 0 2\r\n10\r\nreplace nope 0 0 1\r\nx\r\n"
                        + "append k 0 0 1\r\n0\r\nprepend k 0 0 1\r\n5\r\nappend nope 0 0 1\r\nx\r\n"
                        + "get k\r\n"
                        + "incr k 5\r\ndecr k 1000\r\nincr nope 1\r\nincr k abc\r\nincr k -1\r\n"
                        + "set s 0 0 2\r\nab\r\nincr s 1\r\n"
                        + "touch k 10\r\ntouch nope 10\r\ntouch k abc\r\n"
                        + "gat 0 k s nope\r\ngat 10\r\ngat abc k\r\n"
                        + "delete k\r\ndelete k\r\ndelete s 0\r\ndelete s 1\r\n"
                        + "verbosity 1\r\nverbosity x\r\nverbosity\r\n"
                        + "version\r\nversion extra\r\n"
                        + "flush_all abc\r\nflush_all\r\n"
                        + "bogus\r\n\r\nx\r\nstats foo\r\nGET k\r\n",
                "STORED\r\nNOT_STORED\r\n"
                        + "STORED\r\nNOT_STORED\r\n"
                        + "STORED\r\nSTORED\r\nNOT_STORED\r\n"
                        + "VALUE k 0 4\r\n5100\r\nEND\r\n"
                        + "5105\r\n4105\r\nNOT_FOUND\r\n"
                        + "CLIENT_ERROR invalid numeric delta argument\r\n"
                        + "CLIENT_ERROR invalid numeric delta argument\r\n"
                        + "STORED\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\n"
                        + "TOUCHED\r\nNOT_FOUND\r\nCLIENT_ERROR invalid exptime argument\r\n"
                        + "VALUE k 0 4\r\n4105\r\nVALUE s 0 2\r\nab\r\nEND\r\nEND\r\n"
                        + "CLIENT_ERROR invalid exptime argument\r\n"
                        + "DELETED\r\nNOT_FOUND\r\nDELETED\r\n"
                        + "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n"
                        + "OK\r\nCLIENT_ERROR bad command line format\r\nERROR\r\n"
                        + "VERSION 1.6.21-twine\r\nVERSION 1.6.21-twine\r\n"
                        + "CLIENT_ERROR invalid exptime argument\r\nOK\r\n"
                        + "ERROR\r\nERROR\r\nERROR\r\nERROR\r\nERROR\r\n");
    }

    @Test
    void aWrongNumberOfWordsIsAnErrorAndNoDataBlockIsRead() {
        assertAnswersHoweverCut(MAX_ITEM_BYTES,
                "set k 0 0\r\nset k 0 0 1 noreply extra\r\nx\r\ncas k 0 0 1\r\nget\r\ngets\r\ngat\r\n"
                        + "incr k\r\ndelete\r\ndelete a b c d\r\ntouch k\r\nflush_all 1 2 3\r\n",
                "ERROR\r\n".repeat(12));
    }

    @Test
    void casStoresOnlyOverTheUniqueThatGetsShowed() {
        Server server = new Server(MAX_ITEM_BYTES);
        Conversation conversation = server.connect(Chunking.whole());
        assertEquals("STORED\r\n", conversation.send("set k 3 0 2\r\nv1\r\n"));
        Matcher gets = Pattern.compile("VALUE k 3 2 (\\d+)\r\nv1\r\nEND\r\n").matcher(conversation.send("gets k\r\n"));
        assertTrue(gets.matches());
        String unique = gets.group(1);

        assertEquals("EXISTS\r\n", conversation.send("cas k 0 0 2 0\r\nv0\r\n"), "memcached's uniques are never 0");
        assertEquals("NOT_FOUND\r\n", conversation.send("cas nope 0 0 2 " + unique + "\r\nv2\r\n"));
        assertEquals("CLIENT_ERROR bad command line format\r\nERROR\r\n", conversation.send("cas k 0 0 2 abc\r\nv2\r\n"));
        assertEquals("STORED\r\n", conversation.send("cas k 7 0 2 " + unique + "\r\nv2\r\n"));
        assertEquals("EXISTS\r\n", conversation.send("cas k 0 0 2 " + unique + "\r\nv3\r\n"), "the unique changed");
        assertEquals("VALUE k 7 2\r\nv2\r\nEND\r\n", conversation.send("get k\r\n"));
        assertEquals("", conversation.send("cas k 0 0 2 " + unique + " noreply\r\nv4\r\n"));
    }

    @Test
    void noreplySilencesEveryAnswerErrorsIncluded() {
        Server server = new Server(16);
        Conversation conversation = server.connect(Chunking.whole());
        String silent = "set k 0 0 1 noreply\r\n1\r\nadd k 0 0 1 noreply\r\n2\r\nreplace k 0 0 1 noreply\r\n3\r\n"
                + "append k 0 0 1 noreply\r\n4\r\nprepend k 0 0 1 noreply\r\n5\r\n"
                + "incr k 1 noreply\r\ndecr k 2 noreply\r\nincr k x noreply\r\ntouch k 0 noreply\r\n"
                + "touch k x noreply\r\ndelete nope noreply\r\ndelete k 1 noreply\r\n"
                + "set " + repeat('k', 251) + " 0 0 1 noreply\r\n"
                + "set k x 0 1 noreply\r\nset k 0 0 noreply\r\n"
                + "set k 0 0 1 noreply\r\nxyz\r\n"                     // a bad data chunk...
                + "set big 0 0 17 noreply\r\n" + repeat('b', 17) + "\r\n"  // ...an item too large
                + "verbosity 1 noreply\r\nverbosity noreply\r\nflush_all x noreply\r\n";
        // Only what follows a bad chunk, and was never part of a command, gets an answer.
        assertEquals("ERROR\r\n", conversation.send(silent));
        assertEquals("VALUE k 0 3\r\n533\r\nEND\r\n", conversation.send("get k\r\n"));
        assertEquals("", conversation.send("delete k noreply\r\ndelete k 0 noreply\r\nflush_all noreply\r\n"
                + "flush_all 0 noreply\r\n"));
        assertEquals("END\r\n", conversation.send("get k\r\n"));
    }

    @Test
    void aDataBlockThatDoesNotEndInCrlfIsABadChunkAndWhatFollowsIsTheNextCommand() {
        assertAnswersHoweverCut(MAX_ITEM_BYTES,
                "set k 0 0 3\r\nabcde\r\n"      // "abc" then "de": bad; the "\r\n" left is an empty line
                        + "set k 0 0 1\r\nxy\r\n"   // "xy\r": bad; "\n" is an empty line
                        + "set k 0 0 3\r\nab\r\n\r\n" // "ab\r\n" is 4 bytes: bad chunk "ab\r", then an empty line
                        + "get k\r\n",
                "CLIENT_ERROR bad data chunk\r\nERROR\r\n".repeat(3) + "END\r\n");
    }

    @Test
    void anItemOverTheSizeLimitIsRefusedAndItsDataDroppedHoweverTheReadsCutIt() {
        // A limit of 16 bytes, key and value: the framer takes raw blocks of up to 18 bytes, so the
        // 100 bytes of data are dropped in pieces.
        String data = repeat('d', 100);
        assertAnswersHoweverCut(16,
                "set k 0 0 15\r\n" + repeat('v', 15) + "\r\n"   // 1 + 15: at the limit
                        + "add n 0 0 1\r\nv\r\n"
                        + "set k 0 0 16\r\n" + repeat('v', 16) + "\r\n" // one over
                        + "add n 0 0 100\r\n" + data + "\r\n"
                        + "get k n\r\n",
                "STORED\r\nSTORED\r\n"
                        + "SERVER_ERROR object too large for cache\r\n"
                        + "SERVER_ERROR object too large for cache\r\n"
                        // A set refused for size leaves no stale value; an add leaves the old one.
                        + "VALUE n 0 1\r\nv\r\nEND\r\n");
    }

    /**
     * With memcached's largest item limit, 1 GiB: a block of 200 MiB (over the 128 MiB this server
     * once allowed) is read, held as it arrives; one byte over the limit is refused at once, and its
     * data dropped in pieces of 64 KiB, not of the limit.
     */
    @Test
    void withOneGibibyteItemsABlockUpToTheLimitIsReadAndOneOverIsDroppedInSmallPieces() {
        Server server = new Server(1 << 30);
        Conversation conversation = server.connect(Chunking.whole());
        String data = repeat('d', 100_000);

        assertEquals("", conversation.send("set k 0 0 209715200\r\n" + data));
        assertTrue(server.framer.isRawMode());
        assertEquals(209715200 + 2, server.framer.rawBlockLength(), "the whole block and its CRLF");
        assertEquals(100_000, server.framer.bufferedBytes(), "what arrived, no more");

        conversation = server.connect(Chunking.whole());
        assertEquals("SERVER_ERROR object too large for cache\r\n",
                conversation.send("set k 0 0 1073741824\r\n" + data));   // "k" and 1 GiB
        assertEquals(64 * 1024, server.framer.rawBlockLength());
        assertEquals(100_000 - 64 * 1024, server.framer.bufferedBytes());
        assertFalse(conversation.serverClosed());
    }

    @Test
    void longKeysAndBadNumbersAreClientErrorsAndTheirDataIsReadAsCommands() {
        String longKey = repeat('k', 251);
        String maxKey = repeat('k', 250);
        assertAnswersHoweverCut(MAX_ITEM_BYTES,
                // memcached drops the answers still queued before a get's long key: so the get first.
                "get a " + longKey + " " + maxKey + "\r\n"
                        + "set " + longKey + " 0 0 1\r\nx\r\n"
                        + "set " + maxKey + " 0 0 1\r\nx\r\n"
                        + "set k abc 0 1\r\nx\r\n"
                        + "set k -1 0 1\r\nx\r\n"
                        + "set k 0 0 -1\r\n"
                        + "set k 0 0 1x\r\nx\r\n"
                        + "set k 0 0 4294967295\r\n"   // -1 in memcached's 32 bits
                        + "set k 0 0 2147483646\r\n"   // over INT_MAX - 2
                        + "touch " + longKey + " 0\r\nincr " + longKey + " 1\r\ndelete " + longKey + "\r\n",
                "CLIENT_ERROR bad command line format\r\n"
                        + "CLIENT_ERROR bad command line format\r\nERROR\r\n"
                        + "STORED\r\n"
                        + "CLIENT_ERROR bad command line format\r\nERROR\r\n"
                        + "CLIENT_ERROR bad command line format\r\nERROR\r\n"
                        + "CLIENT_ERROR bad command line format\r\n"
                        + "CLIENT_ERROR bad command line format\r\nERROR\r\n"
                        + "CLIENT_ERROR bad command line format\r\n"
                        + "CLIENT_ERROR bad command line format\r\n"
                        + "CLIENT_ERROR bad command line format\r\n".repeat(3));
    }

    @Test
    void numbersAreReadAsMemcachedReadsThem() {
        assertAnswersHoweverCut(MAX_ITEM_BYTES,
                "set k 0 0 +1\r\nx\r\nset k 0 0 01\r\ny\r\n"
                        + "set k 4294967296 0 4294967297\r\nz\r\n"  // both keep their low 32 bits: 0 and 1
                        + "get k\r\n"
                        + "set n 0 0 20\r\n18446744073709551615\r\nincr n 1\r\n"  // wraps at 2^64
                        + "incr n 18446744073709551615\r\nincr n 18446744073709551616\r\n"
                        + "decr n 18446744073709551615\r\n",
                "STORED\r\nSTORED\r\nSTORED\r\nVALUE k 0 1\r\nz\r\nEND\r\n"
                        + "STORED\r\n0\r\n18446744073709551615\r\n"
                        + "CLIENT_ERROR invalid numeric delta argument\r\n0\r\n");
    }

    @Test
    void expirationTimesReachTheStore() {
        Server server = new Server(MAX_ITEM_BYTES);
        Conversation conversation = server.connect(Chunking.whole());
        assertEquals("STORED\r\nSTORED\r\nSTORED\r\n", conversation.send(
                "set a 0 10 1\r\na\r\nset b 0 10 1\r\nb\r\nset gone 0 -1 1\r\ng\r\n"));
        assertEquals("END\r\n", conversation.send("get gone\r\n"), "a negative time expires at once");
        assertEquals("TOUCHED\r\nVALUE b 0 1\r\nb\r\nEND\r\n", conversation.send("touch a 30\r\ngat 30 b\r\n"));
        clock.advance(Duration.ofSeconds(29));
        assertEquals("VALUE a 0 1\r\na\r\nVALUE b 0 1\r\nb\r\nEND\r\n", conversation.send("get a b\r\n"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("END\r\n", conversation.send("get a b\r\n"));
    }

    @Test
    void gatsAnswersWithTheUniqueAndSetsTheNewExpiration() {
        Server server = new Server(MAX_ITEM_BYTES);
        Conversation conversation = server.connect(Chunking.whole());
        assertEquals("STORED\r\n", conversation.send("set a 5 10 2\r\nhi\r\n"));
        Matcher gets = Pattern.compile("VALUE a 5 2 (\\d+)\r\nhi\r\nEND\r\n").matcher(conversation.send("gets a\r\n"));
        assertTrue(gets.matches());

        assertEquals("VALUE a 5 2 " + gets.group(1) + "\r\nhi\r\nEND\r\n", conversation.send("gats 100 a\r\n"),
                "the unique of gets: touching does not change it");

        clock.advance(Duration.ofSeconds(99));
        assertEquals("VALUE a 5 2\r\nhi\r\nEND\r\n", conversation.send("get a\r\n"), "past its old expiration");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("END\r\n", conversation.send("get a\r\n"));
    }

    @Test
    void gatsOfSeveralKeysAnswersTheHitsInKeyOrderAndTouchesEach() {
        Server server = new Server(MAX_ITEM_BYTES);
        Conversation conversation = server.connect(Chunking.whole());
        conversation.send("set a 1 10 1\r\nx\r\nset b 2 10 2\r\nyz\r\n");
        Matcher gets = Pattern.compile("VALUE b 2 2 (\\d+)\r\nyz\r\nVALUE a 1 1 (\\d+)\r\nx\r\nEND\r\n")
                .matcher(conversation.send("gets b a\r\n"));
        assertTrue(gets.matches());

        assertEquals("VALUE b 2 2 " + gets.group(1) + "\r\nyz\r\nVALUE a 1 1 " + gets.group(2) + "\r\nx\r\nEND\r\n",
                conversation.send("gats 0 b nope a\r\n"));

        clock.advance(Duration.ofDays(1));
        assertEquals("VALUE a 1 1\r\nx\r\nVALUE b 2 2\r\nyz\r\nEND\r\n", conversation.send("get a b\r\n"),
                "expiration 0: never");
    }

    @Test
    void gatsOfAMissingKeyAnswersEndAndStoresNothing() {
        Server server = new Server(MAX_ITEM_BYTES);
        Conversation conversation = server.connect(Chunking.whole());

        assertEquals("END\r\n", conversation.send("gats 10 nope\r\n"));
        assertEquals("END\r\n", conversation.send("get nope\r\n"));
        assertEquals("ERROR\r\nEND\r\nCLIENT_ERROR invalid exptime argument\r\n",
                conversation.send("gats\r\ngats 10\r\ngats soon a\r\n"));
    }

    @Test
    void flushAllWithADelayFlushesThen() {
        Server server = new Server(MAX_ITEM_BYTES);
        Conversation conversation = server.connect(Chunking.whole());
        assertEquals("STORED\r\nOK\r\n", conversation.send("set a 0 0 1\r\na\r\nflush_all 10\r\n"));
        clock.advance(Duration.ofSeconds(9));
        assertEquals("VALUE a 0 1\r\na\r\nEND\r\n", conversation.send("get a\r\n"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("END\r\n", conversation.send("get a\r\n"));

        // Over 30 days, the delay is a Unix time.
        long inTwentySeconds = clock.currentTimeMillis() / 1000 + 20;
        assertEquals("STORED\r\nOK\r\n", conversation.send("set b 0 0 1\r\nb\r\nflush_all " + inTwentySeconds + "\r\n"));
        clock.advance(Duration.ofSeconds(19));
        assertEquals("VALUE b 0 1\r\nb\r\nEND\r\n", conversation.send("get b\r\n"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("END\r\n", conversation.send("get b\r\n"));

        // A Unix time further ahead than 30 days is still a time, not a delay from 1970.
        long inForty = clock.currentTimeMillis() / 1000 + 40 * 86_400;
        assertEquals("STORED\r\nOK\r\n", conversation.send("set c 0 0 1\r\nc\r\nflush_all " + inForty + "\r\n"));
        clock.advance(Duration.ofDays(40).minusSeconds(1));
        assertEquals("VALUE c 0 1\r\nc\r\nEND\r\n", conversation.send("get c\r\n"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("END\r\n", conversation.send("get c\r\n"));
    }

    @Test
    void statsReportsTheCountersInMemcachedsFormat() {
        Server server = new Server(MAX_ITEM_BYTES);
        Conversation conversation = server.connect(Chunking.whole());
        conversation.send("set a 0 0 3\r\nabc\r\nget a nope\r\n");

        String stats = conversation.send("stats\r\n");

        assertTrue(stats.startsWith("STAT pid " + ProcessHandle.current().pid() + "\r\nSTAT uptime 0\r\nSTAT time "
                + clock.currentTimeMillis() / 1000 + "\r\nSTAT version 1.6.21-twine\r\n"), stats);
        assertTrue(stats.endsWith("\r\nEND\r\n"), stats);
        for (String line : List.of("curr_connections 1", "cmd_get 2", "cmd_set 1", "get_hits 1", "get_misses 1",
                "curr_items 1", "total_items 1", "evictions 0", "limit_maxbytes " + (64L << 20))) {
            assertTrue(stats.contains("\r\nSTAT " + line + "\r\n"), line + " in " + stats);
        }
        assertTrue(stats.matches("(STAT [a-z_]+ [^ \r\n]+\r\n)+END\r\n"), stats);
    }

    @Test
    void statsResetZeroesTheRunningCountersOnly() {
        Server server = new Server(MAX_ITEM_BYTES);
        Conversation conversation = server.connect(Chunking.whole());
        server.connect(Chunking.whole()).send("get a\r\n");
        conversation.send("set a 0 0 3\r\nabc\r\nget a nope\r\n");

        assertEquals("RESET\r\n", conversation.send("stats reset\r\n"));

        String stats = conversation.send("stats\r\n");
        for (String line : List.of("curr_connections 2", "total_connections 0", "cmd_get 0", "cmd_set 0",
                "get_hits 0", "get_misses 0", "curr_items 1", "total_items 0", "bytes 54")) {
            assertTrue(stats.contains("\r\nSTAT " + line + "\r\n"), line + " in " + stats);
        }
        assertEquals("RESET\r\n", conversation.send("stats reset now\r\n"), "memcached ignores words after the group");
    }

    @Test
    void statsSettingsReportsTheServersOwnConfigurationInMemcachedsFormat() {
        Server server = new Server(4096);
        server.settings.listening(new InetSocketAddress("127.0.0.1", 0), 200);
        server.settings.idleTimeout(Duration.ofSeconds(90));
        Conversation conversation = server.connect(Chunking.whole());
        int port = ((InetSocketAddress) conversation.pipe().server().localAddress()).getPort();

        String expected = "STAT maxbytes 67108864\r\n"
                + "STAT maxconns 200\r\n"
                + "STAT tcpport " + port + "\r\n"
                + "STAT udpport 0\r\n"
                + "STAT inter 127.0.0.1\r\n"
                + "STAT evictions on\r\n"
                + "STAT num_threads 1\r\n"
                + "STAT cas_enabled yes\r\n"
                + "STAT binding_protocol auto-negotiate\r\n"
                + "STAT auth_enabled_sasl no\r\n"
                + "STAT auth_enabled_ascii no\r\n"
                + "STAT item_size_max 4096\r\n"
                + "STAT maxconns_fast no\r\n"
                + "STAT lru_crawler no\r\n"
                + "STAT flush_enabled yes\r\n"
                + "STAT lru_segmented no\r\n"
                + "STAT idle_timeout 90\r\n"
                + "STAT ssl_enabled no\r\n"
                + "END\r\n";
        assertEquals(expected, conversation.send("stats settings\r\n"));
        assertEquals(expected, conversation.send("stats settings please\r\n"), "memcached ignores words after the group");
    }

    @Test
    void statsSettingsOfAServerThatIsNotListeningLeavesOutTheConnectionLimitAndInterface() {
        String settings = new Server(MAX_ITEM_BYTES).converse("stats settings\r\n");

        assertTrue(settings.startsWith("STAT maxbytes 67108864\r\nSTAT tcpport "), settings);
        assertFalse(settings.contains("maxconns "), settings);
        assertFalse(settings.contains("inter "), settings);
        assertTrue(settings.endsWith("STAT idle_timeout 0\r\nSTAT ssl_enabled no\r\nEND\r\n"), settings);
    }

    @Test
    void statsItemsReportsEveryItemAsOneClassAndNothingWhenEmpty() {
        Server server = new Server(MAX_ITEM_BYTES);
        Conversation conversation = server.connect(Chunking.whole());
        assertEquals("END\r\n", conversation.send("stats items\r\n"), "memcached lists no empty class");

        conversation.send("set a 0 0 3\r\nabc\r\n");
        clock.advance(Duration.ofSeconds(10));
        conversation.send("set bb 0 0 1\r\nx\r\n");
        clock.advance(Duration.ofSeconds(20));
        conversation.send("get a\r\n");   // within a minute of its store: a keeps its place at the tail
        long bytes = 2 * LruTable.ENTRY_OVERHEAD + "a".length() + "abc".length() + "bb".length() + "x".length();

        assertEquals("STAT items:1:number 2\r\n"
                + "STAT items:1:age 30\r\n"
                + "STAT items:1:mem_requested " + bytes + "\r\n"
                + "STAT items:1:evicted 0\r\n"
                + "STAT items:1:expired_unfetched 0\r\n"
                + "END\r\n", conversation.send("stats items\r\n"));

        conversation.send("delete a\r\ndelete bb\r\n");
        assertEquals("END\r\n", conversation.send("stats items\r\n"));
    }

    @Test
    void statsOfAGroupThisServerDoesNotHaveIsAnError() {
        Conversation conversation = new Server(MAX_ITEM_BYTES).connect(Chunking.whole());

        assertEquals("ERROR\r\n", conversation.send("stats slabs\r\n"));
        assertEquals("ERROR\r\n", conversation.send("stats nosuchgroup\r\n"));
        assertFalse(conversation.serverClosed());
    }

    @Test
    void quitClosesTheConnectionAndNothingAfterItIsAnswered() {
        Conversation conversation = new Server(MAX_ITEM_BYTES).connect(Chunking.whole());
        assertEquals("VERSION 1.6.21-twine\r\n", conversation.send("version\r\nquit\r\nversion\r\n"));
        assertTrue(conversation.serverClosed());
    }

    @Test
    void aLineOverTheLimitClosesTheConnectionWithoutAnAnswer() {
        Server server = new Server(MAX_ITEM_BYTES);
        Conversation atTheLimit = server.connect(Chunking.bytewise());
        assertEquals("ERROR\r\n", atTheLimit.send(repeat('x', MAX_LINE_LENGTH) + "\r\n"));
        assertFalse(atTheLimit.serverClosed());

        Conversation over = server.connect(Chunking.whole());
        assertEquals("VERSION 1.6.21-twine\r\n", over.send("version\r\n"));
        assertEquals("", over.send(repeat('x', MAX_LINE_LENGTH + 1)));
        assertTrue(over.serverClosed());
    }

    /** A get of enough keys to outgrow the line limit, however cut: every hit is answered. */
    @Test
    void aMultiKeyGetMayOutgrowTheLineLimit() {
        StringBuilder gets = new StringBuilder("  gets");
        for (int i = 0; i < 600; i++) {
            gets.append(" key").append(i);
        }
        assertTrue(gets.length() > MAX_LINE_LENGTH);

        assertAnswersHoweverCut(MAX_ITEM_BYTES,
                "set key7 1 0 1\r\na\r\nset key599 2 0 2\r\nbb\r\n" + gets + "\r\nversion\r\n",
                "STORED\r\nSTORED\r\nVALUE key7 1 1 1\r\na\r\nVALUE key599 2 2 2\r\nbb\r\nEND\r\n"
                        + "VERSION 1.6.21-twine\r\n");
    }

    @Test
    void aGetLineOverItsOwnLimitCloses() {
        Conversation conversation = new Server(MAX_ITEM_BYTES).connect(Chunking.whole());
        assertEquals("", conversation.send("get " + repeat('k', AsciiHandler.MAX_GET_LINE_LENGTH)));
        assertTrue(conversation.serverClosed());
    }

    @Test
    void aLongLineWithMoreThanAHundredSpacesBeforeItsGetCloses() {
        Server server = new Server(MAX_ITEM_BYTES);
        Conversation hundred = server.connect(Chunking.whole());
        assertEquals("END\r\n", hundred.send(repeat(' ', 100) + "get" + repeat(' ', MAX_LINE_LENGTH) + "k\r\n"));

        Conversation more = server.connect(Chunking.whole());
        assertEquals("", more.send(repeat(' ', 101) + "get" + repeat(' ', MAX_LINE_LENGTH) + "k\r\n"));
        assertTrue(more.serverClosed());
    }

    @Test
    void anHttpRequestClosesTheConnectionWithoutAnAnswer() {
        Conversation conversation = new Server(MAX_ITEM_BYTES).connect(Chunking.whole());
        assertEquals("", conversation.send("GET / HTTP/1.0\r\nversion\r\n"));
        assertTrue(conversation.serverClosed());
    }
}
