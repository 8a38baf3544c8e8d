package dev.twine.examples.chat;

import static org.junit.jupiter.api.Assertions.fail;

import dev.twine.examples.chat.ChatServer.Variant;
import dev.twine.runtime.Reactor;
import dev.twine.testing.Chunking;
import dev.twine.testing.ManualClock;
import dev.twine.testing.MemoryPipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat server on several reactors inside one test, with no threads or sockets: each reactor is
 * stepped by the test and keeps time by its own {@link ManualClock}; clients connect through
 * {@link MemoryPipe}s. {@link #settle()} moves everything — bytes both ways, and the messages
 * between reactors — until nothing is left to move.
 */
final class ChatFixture implements AutoCloseable {

    final List<ManualClock> clocks = new ArrayList<>();
    final List<Reactor> reactors = new ArrayList<>();
    final ChatServer server;
    private final List<MemoryPipe> pipes = new ArrayList<>();

    ChatFixture(int reactorCount, ChatSettings settings) {
        for (int i = 0; i < reactorCount; i++) {
            ManualClock clock = new ManualClock();
            clocks.add(clock);
            reactors.add(Reactor.open(clock.timers()));
        }
        server = new ChatServer(reactors, settings);
    }

    /** A client of the server's reactor {@code reactor}, in {@code variant}, every write read whole. */
    TestClient connect(String name, int reactor, Variant variant) {
        return connect(name, reactor, variant, Chunking.whole());
    }

    TestClient connect(String name, int reactor, Variant variant, Chunking chunking) {
        TestClient client = new TestClient(variant, name);
        pipes.add(MemoryPipe.connect(client, server.factory(reactors.get(reactor), variant).newProtocol(), chunking));
        return client;
    }

    /**
     * Delivers bytes and runs the reactors' queued messages, round after round, until a round
     * moves nothing.
     */
    void settle() {
        for (int round = 0; round < 100_000; round++) {
            long moved = 0;
            for (MemoryPipe pipe : pipes) {
                moved += pipe.flush();
            }
            for (Reactor reactor : reactors) {
                moved += reactor.runOnce(Duration.ZERO);
            }
            if (moved == 0) {
                return;
            }
        }
        fail("the chat does not settle");
    }

    /** Moves every reactor's clock by {@code amount} — running the timers due — and settles. */
    void advance(Duration amount) {
        for (ManualClock clock : clocks) {
            clock.advance(amount);
        }
        settle();
    }

    @Override
    public void close() {
        reactors.forEach(Reactor::close);
    }
}
