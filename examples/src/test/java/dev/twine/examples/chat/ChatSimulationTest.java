package dev.twine.examples.chat;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twine.examples.chat.ChatServer.Variant;
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
 * Whole chats over a simulated network: for each seed, members in both protocols, on two reactors,
 * in two rooms, over connections that cut, delay and sometimes reset their bytes; all join, then
 * all talk at once. What each heard must keep the chat's ordering guarantees
 * ({@link RoomTranscripts}). A failing seed is named; {@code -Dtwine.sim.seed=N} replays it.
 */
class ChatSimulationTest {

    private static final int MEMBERS = 8;
    private static final int LINES_EACH = 6;

    @Test
    void everyMemberHearsItsRoomInOrderWhateverTheNetworkDoes() {
        int[] resets = {0};
        Simulations.forEachSeed(0, 150, seed -> resets[0] += run(seed));
        if (System.getProperty(Simulations.SEED_PROPERTY) == null) {
            assertTrue(resets[0] > 50, "the sweep reset connections: " + resets[0]);
        }
    }

    /** One chat; returns how many of its connections were reset. */
    private static int run(long seed) {
        SimulatedNetwork network = new SimulatedNetwork(seed,
                NetworkConditions.defaults().withMaxSegmentSize(7).withResets(0.1, Duration.ofMillis(60)));
        SplittableRandom random = network.random();
        // Reactor 0 keeps the network's time; reactor 1 a clock of its own, which never moves: the
        // idle timeout is far off anyway.
        try (Reactor first = Reactor.open(network.clock().timers());
                Reactor second = Reactor.open(new ManualClock().timers())) {
            List<Reactor> reactors = List.of(first, second);
            ChatServer server = new ChatServer(reactors, ChatSettings.DEFAULTS.withIdleTimeout(Duration.ofHours(1)));
            List<TestClient> clients = new ArrayList<>();
            List<SimulatedConnection> connections = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                Variant variant = random.nextBoolean() ? Variant.LINE : Variant.BINARY;
                TestClient client = new TestClient(variant, "m" + i);
                Reactor reactor = reactors.get(random.nextInt(reactors.size()));
                connections.add(network.connect(client, server.factory(reactor, variant).newProtocol()));
                clients.add(client);
            }
            for (int i = 0; i < MEMBERS; i++) {
                clients.get(i).nick("m" + i).join(roomOf(i));
            }
            settle(network, reactors);
            for (int n = 0; n < LINES_EACH; n++) {
                for (int i = 0; i < MEMBERS; i++) {
                    clients.get(i).say(RoomTranscripts.line("m" + i, n));
                }
            }
            settle(network, reactors);

            List<RoomTranscripts.Member> members = new ArrayList<>();
            int resets = 0;
            for (int i = 0; i < MEMBERS; i++) {
                boolean reset = connections.get(i).wasReset();
                resets += reset ? 1 : 0;
                members.add(new RoomTranscripts.Member("m" + i, roomOf(i), clients.get(i).lines, !reset));
            }
            RoomTranscripts.check(members, LINES_EACH);
            return resets;
        }
    }

    private static String roomOf(int member) {
        return member % 2 == 0 ? "even" : "odd";
    }

    /** Runs the network and the reactors' messages until neither has anything left to do. */
    private static void settle(SimulatedNetwork network, List<Reactor> reactors) {
        for (int round = 0; round < 10_000; round++) {
            network.runUntilIdle();
            int ran = 0;
            for (Reactor reactor : reactors) {
                ran += reactor.runOnce(Duration.ZERO);
            }
            if (ran == 0 && network.isIdle()) {
                return;
            }
        }
        fail("the chat does not settle");
    }
}
