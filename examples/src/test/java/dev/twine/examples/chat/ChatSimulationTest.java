package dev.twine.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twine.examples.chat.ChatServer.Variant;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Reactor;
import dev.twine.testing.ManualClock;
import dev.twine.testing.NetworkConditions;
import dev.twine.testing.SimulatedConnection;
import dev.twine.testing.SimulatedNetwork;
import dev.twine.testing.Simulations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whole chats over a simulated network: for each of thousands of seeds, members in both protocols,
 * on two reactors, in two rooms, over a network whose cuts, delays and resets are drawn from the
 * seed ({@link #conditionsFor}); all join, then all talk at once while simulated time moves on, and
 * some quit part-way. What each heard must keep the chat's ordering guarantees
 * ({@link RoomTranscripts}), and a quitter the network left alone is told goodbye, last, and closed.
 * A failing seed is named; {@code -Dtwine.sim.seed=N} replays it, and {@code -Dtwine.sim.trace=true}
 * prints its conditions and every segment, read and reset.
 */
class ChatSimulationTest {

    private static final int MEMBERS = 8;
    private static final int LINES_EACH = 6;
    /** What the server tells a member that quits, as its last line. */
    private static final String BYE = "* bye: see you";

    /** How many of a sweep's connections were reset, and how many members quit untouched by a reset. */
    private record Tally(int resets, int quits) {}

    @Test
    void everyMemberHearsItsRoomInOrderWhateverTheNetworkDoes() {
        int[] resets = {0};
        int[] quits = {0};
        Simulations.forEachSeed(0, 2_000, seed -> {
            Tally tally = run(seed);
            resets[0] += tally.resets();
            quits[0] += tally.quits();
        });
        if (System.getProperty(Simulations.SEED_PROPERTY) == null) {
            assertTrue(resets[0] > 500 && quits[0] > 2_000,
                    "the sweep reset connections (" + resets[0] + ") and had members quit (" + quits[0] + ")");
        }
    }

    /**
     * The network a seed gets, every bound drawn from the seed on a generator of its own (from
     * {@code ~seed}: the network's own generator starts from the seed itself, and should not repeat
     * these draws): segments and reads of 1 byte to 1 KiB and 4 KiB, a most latency of 50 µs to 51 ms,
     * a receive window of 64 bytes to 64 KiB, and on three seeds in four, resets of up to one
     * connection in three, due within one to twenty round trips, so they fall anywhere in the chat.
     * Sizes and times are log-uniform, so tiny and large are both common.
     */
    static NetworkConditions conditionsFor(long seed) {
        SplittableRandom draw = new SplittableRandom(~seed);
        Duration minLatency = Duration.ofNanos(50_000);
        Duration maxLatency = minLatency.multipliedBy(1L << draw.nextInt(11));
        NetworkConditions conditions = NetworkConditions.defaults()
                .withMaxSegmentSize(1 << draw.nextInt(11))
                .withMaxReadSize(1 << draw.nextInt(13))
                .withLatency(minLatency, maxLatency)
                .withReceiveWindow(1 << (6 + draw.nextInt(11)));
        return draw.nextInt(4) == 0 ? conditions
                : conditions.withResets(draw.nextDouble(1.0 / 3), maxLatency.multipliedBy(2 + draw.nextInt(39)));
    }

    /** One chat. */
    private static Tally run(long seed) {
        SimulatedNetwork network = new SimulatedNetwork(seed, conditionsFor(seed));
        SplittableRandom random = network.random();
        // Reactor 0 keeps the network's time; reactor 1 a clock of its own, which never moves: the
        // idle timeout is far off anyway.
        try (Reactor first = Reactor.open(network.clock().timers());
                Reactor second = Reactor.open(new ManualClock().timers())) {
            List<Reactor> reactors = List.of(first, second);
            ChatServer server = new ChatServer(reactors, ChatSettings.DEFAULTS.withIdleTimeout(Duration.ofHours(1)));
            List<TestClient> clients = new ArrayList<>();
            List<SimulatedConnection> connections = new ArrayList<>();
            int[] linesOf = new int[MEMBERS];
            for (int i = 0; i < MEMBERS; i++) {
                Variant variant = random.nextBoolean() ? Variant.LINE : Variant.BINARY;
                TestClient client = new TestClient(variant, "m" + i);
                Reactor reactor = reactors.get(random.nextInt(reactors.size()));
                connections.add(network.connect(client, server.factory(reactor, variant).newProtocol()));
                clients.add(client);
                // One member in three quits after saying from none to all but one of its lines.
                linesOf[i] = random.nextInt(3) == 0 ? random.nextInt(LINES_EACH) : LINES_EACH;
            }
            for (int i = 0; i < MEMBERS; i++) {
                clients.get(i).nick("m" + i).join(roomOf(i));
            }
            settle(network, reactors);
            Duration maxPause = network.conditions().maxLatency();
            for (int n = 0; n <= LINES_EACH; n++) {
                for (int i = 0; i < MEMBERS; i++) {
                    if (n < linesOf[i]) {
                        clients.get(i).say(RoomTranscripts.line("m" + i, n));
                    } else if (n == linesOf[i] && n < LINES_EACH) {
                        clients.get(i).quit();
                    }
                }
                // A round may go out before the last has arrived, or long after.
                network.advance(Duration.ofNanos(random.nextLong(maxPause.toNanos() * 2)));
                passMessages(reactors);
            }
            settle(network, reactors);

            List<RoomTranscripts.Member> members = new ArrayList<>();
            int resets = 0;
            int quits = 0;
            for (int i = 0; i < MEMBERS; i++) {
                TestClient client = clients.get(i);
                boolean reset = connections.get(i).wasReset();
                boolean quit = linesOf[i] < LINES_EACH;
                resets += reset ? 1 : 0;
                if (quit && !reset) {
                    quits++;
                    assertEquals(BYE, client.lines.get(client.lines.size() - 1), client + " was told goodbye, last");
                    assertEquals(CloseReason.Kind.PEER_CLOSED, client.closeReason.kind(),
                            "the server closed " + client + " after its quit");
                }
                members.add(new RoomTranscripts.Member("m" + i, roomOf(i), client.lines, !reset && !quit));
            }
            RoomTranscripts.check(members, LINES_EACH);
            return new Tally(resets, quits);
        }
    }

    private static String roomOf(int member) {
        return member % 2 == 0 ? "even" : "odd";
    }

    /** Runs the network and the reactors' messages until neither has anything left to do. */
    private static void settle(SimulatedNetwork network, List<Reactor> reactors) {
        for (int round = 0; round < 10_000; round++) {
            network.runUntilIdle();
            if (passMessages(reactors) == 0 && network.isIdle()) {
                return;
            }
        }
        fail("the chat does not settle");
    }

    /** Runs what the reactors have queued for each other; returns how much that was. */
    private static int passMessages(List<Reactor> reactors) {
        int ran = 0;
        for (Reactor reactor : reactors) {
            ran += reactor.runOnce(Duration.ZERO);
        }
        return ran;
    }
}
