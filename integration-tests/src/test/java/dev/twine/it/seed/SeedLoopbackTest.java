package dev.twine.it.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twine.examples.AnnotatedSeedServer;
import dev.twine.examples.SeedReply;
import dev.twine.examples.SeedReplyConnections;
import dev.twine.examples.SeedReplyHandler;
import dev.twine.examples.SeedRequest;
import dev.twine.examples.SeedRequestEncoder;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Reactor;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The annotated seed server and clients generated from the same declarations — requests written
 * by {@code SeedRequestEncoder}, replies read by {@code SeedReplyFramer} and dispatched by a
 * {@code SeedReplyHandler} — over real loopback sockets, through one reactor stepped on the test
 * thread.
 */
@Timeout(60)
class SeedLoopbackTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** One client connection's state: the totals it was told, and how it ended. */
    static final class Client {
        final List<Long> totals = new ArrayList<>();
        Connection<Client> connection;
        CloseReason closeReason;
    }

    private final Reactor reactor = Reactor.open();
    private final AnnotatedSeedServer server = new AnnotatedSeedServer();
    private final SeedRequestEncoder requests = new SeedRequestEncoder();
    private final Connections<Client> clients = new Connections<>();
    private final SeedReplyHandler<Client> replies = new SeedReplyHandler<>() {
        @Override
        public void onConnect(Connection<Client> connection) {
            connection.state().connection = connection;
        }

        @Override
        public void onTotal(Connection<Client> connection, SeedReply.Total frame) {
            connection.state().totals.add(frame.total());
        }

        @Override
        public void onClose(Connection<Client> connection, CloseReason reason) {
            connection.state().closeReason = reason;
        }
    };
    private InetSocketAddress address;

    @BeforeEach
    void listen() {
        address = server.listen(reactor, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void closeReactor() {
        reactor.close();
    }

    private void await(String what, BooleanSupplier condition) {
        assertTrue(reactor.runUntil(condition, PATIENCE), "timed out waiting until " + what);
    }

    private Client connect() {
        Client client = new Client();
        SeedReplyConnections.connect(reactor, address, clients, client, replies, e -> fail("connect failed: " + e));
        await("the client is connected", () -> client.connection != null);
        return client;
    }

    private void send(Client client, SeedRequest request) {
        requests.write(client.connection.transport(), request);
    }

    @Test
    void countsFromEveryClientAddUpAndEachAskIsAnsweredOnItsOwnConnection() {
        Client a = connect();
        Client b = connect();
        for (int i = 0; i < 3; i++) {
            send(a, new SeedRequest.Count());
        }
        send(a, new SeedRequest.AskTotal());
        await("a is told the total", () -> a.totals.size() == 1);

        send(b, new SeedRequest.Count());
        send(b, new SeedRequest.AskTotal());
        await("b is told the total", () -> b.totals.size() == 1);
        send(a, new SeedRequest.AskTotal());
        await("a is told again", () -> a.totals.size() == 2);

        assertEquals(List.of(3L, 4L), a.totals);
        assertEquals(List.of(4L), b.totals);
        assertEquals(4, server.type0Total());
        assertEquals(2, server.connections().size());
        assertEquals(2, clients.size());
    }

    /** Ten thousand frames in one burst, which the sockets cut wherever they like. */
    @Test
    void aLongPipelinedConversationIsAnsweredInOrder() {
        Client client = connect();
        for (int i = 1; i <= 10_000; i++) {
            // Rests of varying lengths, which the server ignores, move the frame boundaries about.
            send(client, new SeedRequest.Count(new byte[i % 37]));
            if (i % 1000 == 0) {
                send(client, new SeedRequest.AskTotal(new byte[i % 11]));
            }
        }
        await("every ask is answered", () -> client.totals.size() == 10);

        assertEquals(LongStream.rangeClosed(1, 10).map(n -> n * 1000).boxed().toList(), client.totals);
        assertNull(client.closeReason);
    }

    @Test
    void anUnknownTypeDropsOnlyTheClientThatSentIt() {
        Client bad = connect();
        Client good = connect();
        // No encoder writes a type the protocol lacks: these bytes are written by hand.
        bad.connection.write(ByteBuffer.allocate(8).putInt(4).putInt(42).flip());
        await("the server drops the bad client", () -> bad.closeReason != null);

        send(good, new SeedRequest.Count());
        send(good, new SeedRequest.AskTotal());
        await("the good client is answered", () -> good.totals.size() == 1);

        assertEquals(List.of(1L), good.totals);
        assertEquals(List.of(), bad.totals);
        assertNull(good.closeReason);
        assertEquals(1, server.connections().size());
        assertEquals(1, clients.size());
    }
}
