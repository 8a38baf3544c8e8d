package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.runtime.Clock;
import dev.twine.runtime.Reactor;
import dev.twine.testing.Chunking;
import dev.twine.testing.MemoryPipe;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The server on four reactors, the cache partitioned between them, all stepped by the test thread in
 * seeded random orders, so that the partitions' answers come back in every order: each connection
 * must still be answered in request order, exactly as one reactor answers it, with multi-key gets,
 * quiet requests, closes, flushes and stats spanning partitions.
 */
class PartitionedServerTest {

    private static final int REACTORS = 4;
    private static final long MEMORY_LIMIT = 64L << 20;
    private static final int MAX_ITEM_BYTES = RandomPipelines.MAX_ITEM_BYTES;
    private static final int SEEDS = 60;

    private static SteppedServer stepped(long seed) {
        return new SteppedServer(REACTORS, seed, MEMORY_LIMIT, MAX_ITEM_BYTES);
    }

    /** A key that {@code reactor} owns, the {@code n}th such of the keys {@code key0}, {@code key1}, … */
    private static String keyOwnedBy(SteppedServer server, int reactor, int n) {
        Reactor owner = server.reactor(reactor);
        for (int i = 0, found = 0; ; i++) {
            String key = "key" + i;
            if (server.server(0).partitions().ownerOf(key.getBytes(US_ASCII)).owner() == owner && found++ == n) {
                return key;
            }
        }
    }

    /**
     * Sends the same pipelines, in bursts, to a server on one reactor and to one on four, where
     * the next burst often leaves before the partitions have answered the last; both must answer
     * alike, byte for byte ({@code normalise} takes out what differs by design).
     */
    private static void assertAnsweredAsByOneReactor(Function<RandomPipelines, byte[]> burst,
            Function<byte[], byte[]> normalise) {
        for (long seed = 0; seed < SEEDS; seed++) {
            assertAnsweredAsByOneReactor(seed, burst, normalise);
        }
    }

    private static void assertAnsweredAsByOneReactor(long seed, Function<RandomPipelines, byte[]> burst,
            Function<byte[], byte[]> normalise) {
        RandomPipelines requests = new RandomPipelines(seed);
        SplittableRandom pacing = new SplittableRandom(~seed);
        ReceivingClient reference = new ReceivingClient();
        MemoryPipe referencePipe = MemoryPipe.connect(reference,
                new MemcachedServer(Clock.system(), MEMORY_LIMIT, MAX_ITEM_BYTES).factory().newProtocol());
        ReceivingClient client = new ReceivingClient();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try (SteppedServer server = stepped(seed)) {
            server.connect(client, (int) (seed % REACTORS), Chunking.random(seed, 1 + pacing.nextInt(200)));
            for (int bursts = 1 + pacing.nextInt(6); bursts > 0; bursts--) {
                byte[] pipeline = burst.apply(requests);
                sent.writeBytes(pipeline);
                client.send(pipeline);
                reference.send(pipeline);
                server.turns(pacing.nextInt(8));
            }
            server.settle();
        }
        referencePipe.flush();
        byte[] expected = reference.take();
        byte[] actual = client.take();
        assertArrayEquals(normalise.apply(expected), normalise.apply(actual), () -> "seed " + seed
                + ": requests\n" + sent.toString(US_ASCII) + "\nexpected\n" + new String(expected, US_ASCII)
                + "\ngot\n" + new String(actual, US_ASCII));
    }

    @Test
    void textPipelinesAreAnsweredInOrderExactlyAsOneReactorAnswersThem() {
        assertAnsweredAsByOneReactor(RandomPipelines::textBurst, Function.identity());
    }

    @Test
    void binaryPipelinesAreAnsweredInOrderExactlyAsOneReactorAnswersThemCasAside() {
        assertAnsweredAsByOneReactor(RandomPipelines::binaryBurst, RandomPipelines::withoutCas);
    }

    @Test
    void aKeyAnotherReactorOwnsIsAnsweredOnceItsOwnerRanTheCommandAndTheAnswerCameBack() {
        try (SteppedServer server = stepped(1)) {
            String key = keyOwnedBy(server, 2, 0);
            ReceivingClient client = new ReceivingClient();
            MemoryPipe pipe = server.connect(client, 0, Chunking.whole());

            client.send("set " + key + " 0 0 2\r\nhi\r\nversion\r\n");
            pipe.flush();
            assertEquals("", client.takeString(), "the set waits for reactor 2, and the version behind it");
            server.turn(1);
            server.turn(3);
            server.turn(0);
            pipe.flush();
            assertEquals("", client.takeString(), "reactor 2 has not run the set yet");
            server.turn(2);
            pipe.flush();
            assertEquals("", client.takeString(), "the answer is on its way back to reactor 0");
            server.turn(0);
            pipe.flush();

            assertEquals("STORED\r\nVERSION 1.6.21-twine\r\n", client.takeString());
        }
    }

    @Test
    void onOneReactorEveryCommandIsAnsweredAtOnceWithNoMessage() {
        try (SteppedServer server = new SteppedServer(1, 0, MEMORY_LIMIT, MAX_ITEM_BYTES)) {
            ReceivingClient client = new ReceivingClient();
            MemoryPipe pipe = server.connect(client, 0, Chunking.whole());

            client.send("set a 0 0 1\r\n1\r\nget a b\r\nflush_all\r\nincr a 1\r\n");
            pipe.flush();

            assertEquals("STORED\r\nVALUE a 0 1\r\n1\r\nEND\r\nOK\r\nNOT_FOUND\r\n", client.takeString());
            assertEquals(0, server.turn(0), "nothing was queued for the reactor");
        }
    }

    @Test
    void aMultiKeyGetSpanningEveryPartitionAnswersInTheOrderOfItsKeys() {
        for (long seed = 0; seed < SEEDS; seed++) {
            try (SteppedServer server = stepped(seed)) {
                List<String> keys = new ArrayList<>();
                for (int n = 0; n < 3; n++) {
                    for (int reactor : new int[] {3, 1, 0, 2}) {
                        keys.add(keyOwnedBy(server, reactor, n));
                    }
                }
                ReceivingClient client = new ReceivingClient();
                server.connect(client, (int) (seed % REACTORS), Chunking.whole());
                StringBuilder sets = new StringBuilder();
                StringBuilder expected = new StringBuilder();
                for (String key : keys) {
                    sets.append("set ").append(key).append(" 0 0 ").append(key.length()).append(" noreply\r\n")
                            .append(key).append("\r\n");
                    expected.append("VALUE ").append(key).append(" 0 ").append(key.length()).append("\r\n")
                            .append(key).append("\r\n");
                }
                client.send(sets + "get " + String.join(" ", keys) + " missing\r\n");
                server.settle();

                assertEquals(expected + "END\r\n", client.takeString(), "seed " + seed);
            }
        }
    }

    @Test
    void quietRequestsOnOtherPartitionsAreSettledByTheNoopAfterThemInOrder() {
        for (long seed = 0; seed < SEEDS; seed++) {
            try (SteppedServer server = stepped(seed)) {
                int home = (int) (seed % REACTORS);
                byte[] hit = bytes(keyOwnedBy(server, (home + 1) % REACTORS, 0));
                byte[] miss = bytes(keyOwnedBy(server, (home + 2) % REACTORS, 0));
                byte[] stored = bytes(keyOwnedBy(server, (home + 3) % REACTORS, 0));
                McRequestEncoder encoder = new McRequestEncoder();
                ByteArrayOutputStream requests = new ByteArrayOutputStream();
                requests.writeBytes(encoder.toByteArray(new McRequest.Update(Opcode.SETQ, header(hit, 8, 1), 0, 0, hit,
                        bytes("v"))));
                requests.writeBytes(encoder.toByteArray(new McRequest.Get(Opcode.GETQ, header(miss, 0, 2), miss)));
                requests.writeBytes(encoder.toByteArray(new McRequest.Get(Opcode.GETKQ, header(hit, 0, 3), hit)));
                requests.writeBytes(encoder.toByteArray(new McRequest.Update(Opcode.SETQ, header(stored, 8, 4), 0, 0,
                        stored, bytes("w"))));
                requests.writeBytes(encoder.toByteArray(new McRequest.Bare(Opcode.NOOP, header(new byte[0], 0, 5))));
                ReceivingClient client = new ReceivingClient();
                server.connect(client, home, Chunking.random(seed, 30));
                client.send(requests.toByteArray());
                server.settle();

                ByteBuffer answers = ByteBuffer.wrap(client.take());
                assertEquals(Opcode.GETKQ, answers.get(1), "seed " + seed + ": the getkq hit first");
                assertEquals(3, answers.getInt(12));
                answers.position(24 + answers.getInt(8));
                assertEquals(Opcode.NOOP, answers.get(answers.position() + 1), "then the noop, and nothing else");
                assertEquals(5, answers.getInt(answers.position() + 12));
                assertEquals(24, answers.remaining());
            }
        }
    }

    private static McRequest.Header header(byte[] key, int extrasLength, int opaque) {
        return new McRequest.Header(key.length, extrasLength, (byte) 0, (short) 0, opaque, 0);
    }

    @Test
    void aCloseWaitsForTheAnswersBeforeItAndNoRequestAfterItRuns() {
        try (SteppedServer server = stepped(3)) {
            String remote = keyOwnedBy(server, 1, 0);
            String other = keyOwnedBy(server, 2, 0);
            ReceivingClient client = new ReceivingClient();
            server.connect(client, 0, Chunking.whole());

            client.send("set " + remote + " 0 0 1\r\nx\r\nget " + remote + "\r\nquit\r\nset " + other
                    + " 0 0 1\r\ny\r\n");
            server.settle();

            assertEquals("STORED\r\nVALUE " + remote + " 0 1\r\nx\r\nEND\r\n", client.takeString());
            assertTrue(client.isClosed());
            ReceivingClient check = new ReceivingClient();
            server.connect(check, 3, Chunking.whole());
            check.send("get " + other + "\r\n");
            server.settle();
            assertEquals("END\r\n", check.takeString(), "the set after quit never ran");
        }
    }

    @Test
    void aBinaryErrorThatClosesTheConnectionComesAfterTheAnswersBeforeIt() {
        try (SteppedServer server = stepped(4)) {
            byte[] remote = bytes(keyOwnedBy(server, 3, 0));
            McRequestEncoder encoder = new McRequestEncoder();
            ByteArrayOutputStream requests = new ByteArrayOutputStream();
            requests.writeBytes(encoder.toByteArray(new McRequest.Get(Opcode.GET, header(remote, 0, 1), remote)));
            byte[] longKey = new byte[Store.MAX_KEY_LENGTH + 1];
            requests.writeBytes(encoder.toByteArray(new McRequest.Get(Opcode.GET, header(longKey, 0, 2), longKey)));
            requests.writeBytes(encoder.toByteArray(new McRequest.Bare(Opcode.NOOP, header(new byte[0], 0, 3))));
            ReceivingClient client = new ReceivingClient();
            server.connect(client, 1, Chunking.whole());

            client.send(requests.toByteArray());
            server.settle();

            ByteBuffer answers = ByteBuffer.wrap(client.take());
            assertEquals(BinaryStatus.KEY_NOT_FOUND, answers.getShort(6));
            assertEquals(1, answers.getInt(12));
            answers.position(24 + answers.getInt(8));
            assertEquals(BinaryStatus.INVALID_ARGUMENTS, answers.getShort(answers.position() + 6));
            assertEquals(2, answers.getInt(answers.position() + 12));
            assertEquals(24 + answers.getInt(answers.position() + 8), answers.remaining(), "no answer to the noop");
            assertTrue(client.isClosed());
        }
    }

    /** Stores each key, with itself as its value, from a text connection of reactor 0. */
    private static void storeOwnValues(SteppedServer server, List<String> keys) {
        ReceivingClient setter = new ReceivingClient();
        server.connect(setter, 0, Chunking.whole());
        StringBuilder sets = new StringBuilder();
        for (String key : keys) {
            sets.append("set ").append(key).append(" 0 0 ").append(key.length()).append(" noreply\r\n")
                    .append(key).append("\r\n");
        }
        setter.send(sets.toString());
        server.settle();
    }

    /** Two keys of every reactor but {@code home}: each answered elsewhere. */
    private static List<String> keysOwnedElsewhere(SteppedServer server, int home) {
        List<String> keys = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            for (int reactor = 0; reactor < REACTORS; reactor++) {
                if (reactor != home) {
                    keys.add(keyOwnedBy(server, reactor, n));
                }
            }
        }
        return keys;
    }

    /** How a test checks what a connection received for its requests, with {@code seed} for messages. */
    private interface AnswerCheck {
        void check(List<String> keys, byte[] answers, String seed);
    }

    /**
     * For every seed: gets for keys owned elsewhere (stored first, each with itself as its value)
     * followed by malformed input, as {@code requests} writes them, sent at once and read in random
     * cuts; then {@code answers} checks what came back, and the connection must have closed.
     */
    private static void assertAnsweredThenClosed(Function<List<String>, byte[]> requests, AnswerCheck answers) {
        for (long seed = 0; seed < SEEDS; seed++) {
            try (SteppedServer server = stepped(seed)) {
                int home = (int) (seed % REACTORS);
                List<String> keys = keysOwnedElsewhere(server, home);
                storeOwnValues(server, keys);
                ReceivingClient client = new ReceivingClient();
                server.connect(client, home, Chunking.random(seed, 1 + (int) (seed % 64)));

                client.send(requests.apply(keys));
                server.settle();

                answers.check(keys, client.take(), "seed " + seed);
                assertTrue(client.isClosed(), "seed " + seed + ": then the close");
            }
        }
    }

    @Test
    void aBinaryFramingErrorBehindGetsOnOtherPartitionsClosesOnlyAfterEveryAnswerBeforeIt() {
        assertAnsweredThenClosed(keys -> {
            McRequestEncoder encoder = new McRequestEncoder();
            ByteArrayOutputStream requests = new ByteArrayOutputStream();
            for (int i = 0; i < keys.size(); i++) {
                byte[] key = bytes(keys.get(i));
                requests.writeBytes(encoder.toByteArray(new McRequest.Get(Opcode.GETK, header(key, 0, i), key)));
            }
            byte[] badMagic = encoder.toByteArray(new McRequest.Bare(Opcode.NOOP, header(new byte[0], 0, 99)));
            badMagic[0] = 0x42;
            requests.writeBytes(badMagic);
            requests.writeBytes(encoder.toByteArray(new McRequest.Bare(Opcode.NOOP, header(new byte[0], 0, 100))));
            return requests.toByteArray();
        }, (keys, received, seed) -> {
            ByteBuffer answers = ByteBuffer.wrap(received);
            for (int i = 0; i < keys.size(); i++) {
                String context = seed + ", answer " + i;
                assertTrue(answers.remaining() >= 24, context + " arrived");
                int at = answers.position();
                assertEquals(BinaryStatus.NO_ERROR, answers.getShort(at + 6), context);
                assertEquals(i, answers.getInt(at + 12), context + ", in request order");
                answers.position(at + 24 + answers.getInt(at + 8));
            }
            assertEquals(0, answers.remaining(), seed + ": nothing for the bad request or after it");
        });
    }

    @Test
    void aLineOverTheLimitBehindGetsOnOtherPartitionsClosesOnlyAfterEveryAnswerBeforeIt() {
        assertAnsweredThenClosed(keys -> {
            StringBuilder requests = new StringBuilder();
            keys.forEach(key -> requests.append("get ").append(key).append("\r\n"));
            requests.append("x".repeat(AsciiHandler.MAX_LINE_LENGTH + 1)).append("\r\nversion\r\n");
            return bytes(requests.toString());
        }, (keys, received, seed) -> {
            StringBuilder expected = new StringBuilder();
            keys.forEach(key -> expected.append("VALUE ").append(key).append(" 0 ").append(key.length())
                    .append("\r\n").append(key).append("\r\nEND\r\n"));
            assertEquals(expected.toString(), new String(received, US_ASCII), seed);
        });
    }

    @Test
    void statsAddUpEveryPartitionAndTheConnectionsOfEveryReactor() {
        try (SteppedServer server = stepped(5)) {
            List<ReceivingClient> idle = new ArrayList<>();
            for (int reactor : new int[] {0, 1, 1, 3}) {
                ReceivingClient client = new ReceivingClient();
                server.connect(client, reactor, Chunking.whole());
                idle.add(client);
            }
            ReceivingClient client = new ReceivingClient();
            server.connect(client, 2, Chunking.whole());
            Set<Reactor> owners = new HashSet<>();
            StringBuilder sets = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                sets.append("set key").append(i).append(" 0 0 1 noreply\r\nv\r\n");
                owners.add(server.server(0).partitions().ownerOf(("key" + i).getBytes(US_ASCII)).owner());
            }
            assertEquals(REACTORS, owners.size(), "the keys span every partition");
            client.send(sets + "get key1 key2 key3 nothing\r\nstats\r\n");
            server.settle();

            String stats = client.takeString();
            assertTrue(stats.contains("STAT curr_connections 5\r\n"), stats);
            assertTrue(stats.contains("STAT total_connections 5\r\n"), stats);
            assertTrue(stats.contains("STAT threads 4\r\n"), stats);
            assertTrue(stats.contains("STAT limit_maxbytes " + MEMORY_LIMIT + "\r\n"), stats);
            assertTrue(stats.contains("STAT curr_items 20\r\n"), stats);
            assertTrue(stats.contains("STAT cmd_set 20\r\n"), stats);
            assertTrue(stats.contains("STAT cmd_get 4\r\n"), stats);
            assertTrue(stats.contains("STAT get_hits 3\r\n"), stats);

            client.send("stats reset\r\nstats\r\n");
            server.settle();
            String reset = client.takeString();
            assertTrue(reset.startsWith("RESET\r\n"), reset);
            assertTrue(reset.contains("STAT cmd_set 0\r\n"), reset);
            assertTrue(reset.contains("STAT total_connections 0\r\n"), reset);
            assertTrue(reset.contains("STAT curr_items 20\r\n"), reset);
        }
    }

    @Test
    void statsItemsAndSettingsSpeakForEveryPartition() {
        try (SteppedServer server = stepped(7)) {
            ReceivingClient client = new ReceivingClient();
            server.connect(client, 1, Chunking.whole());
            StringBuilder sets = new StringBuilder();
            long bytes = 0;
            for (int i = 0; i < 20; i++) {
                sets.append("set key").append(i).append(" 0 0 1 noreply\r\nv\r\n");
                bytes += LruTable.ENTRY_OVERHEAD + ("key" + i).length() + 1;
            }
            client.send(sets + "stats items\r\nstats settings\r\n");
            server.settle();

            String stats = client.takeString();
            assertTrue(stats.matches("STAT items:1:number 20\r\nSTAT items:1:age \\d+\r\n"
                    + "STAT items:1:mem_requested " + bytes + "\r\nSTAT items:1:evicted 0\r\n"
                    + "STAT items:1:expired_unfetched 0\r\nEND\r\n"
                    + "STAT maxbytes " + MEMORY_LIMIT + "\r\n(?s:.*)\r\nSTAT num_threads 4\r\n(?s:.*)END\r\n"), stats);
        }
    }

    @Test
    void flushAllIsAnsweredOnlyOnceEveryPartitionHasFlushed() {
        try (SteppedServer server = stepped(6)) {
            ReceivingClient client = new ReceivingClient();
            MemoryPipe pipe = server.connect(client, 0, Chunking.whole());
            StringBuilder sets = new StringBuilder();
            StringBuilder gets = new StringBuilder("get");
            for (int i = 0; i < 20; i++) {
                sets.append("set key").append(i).append(" 0 0 1 noreply\r\nv\r\n");
                gets.append(" key").append(i);
            }
            client.send(sets.toString());
            server.settle();

            client.send("flush_all\r\n");
            pipe.flush();
            server.turn(0);
            server.turn(1);
            pipe.flush();
            assertEquals("", client.takeString(), "reactors 2 and 3 have not flushed yet");
            server.settle();
            assertEquals("OK\r\n", client.takeString());

            client.send(gets + "\r\n");
            server.settle();
            assertEquals("END\r\n", client.takeString());
        }
    }

    @Test
    void eachPartitionHasItsShareOfTheMemoryLimitAndTheSharesAddUp() {
        List<Reactor> reactors = List.of(Reactor.open(), Reactor.open(), Reactor.open());
        try {
            List<MemcachedServer> servers = MemcachedServer.partitioned(reactors, 100, 10);
            List<Long> limits = new ArrayList<>();
            for (MemcachedServer server : servers) {
                limits.add(server.partitions().local().store().stats().limitMaxbytes());
                assertSame(reactors.get(limits.size() - 1), server.partitions().local().owner());
            }
            assertEquals(List.of(34L, 33L, 33L), limits);
            assertNotSame(servers.get(0).partitions().local(), servers.get(1).partitions().local());
        } finally {
            reactors.forEach(Reactor::close);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }
}
