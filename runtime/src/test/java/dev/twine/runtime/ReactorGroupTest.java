package dev.twine.runtime;

import static dev.twine.runtime.Loopback.anyPort;
import static dev.twine.runtime.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting, listening and stopping together; ReactorGroupLoopbackTest is the 1,000-client proof. */
@Timeout(60)
class ReactorGroupTest {

    /** Each reactor's factory, recording the thread that serves each connection. */
    private static ProtocolFactory recordingThreads(Reactor reactor, ConcurrentLinkedQueue<String> servedBy) {
        String thread = Thread.currentThread().getName();
        assertTrue(reactor.isReactorThread(), "the factory is made on its reactor's thread");
        return () -> new Echo() {
            @Override
            public void onConnect(Transport transport) {
                super.onConnect(transport);
                servedBy.add(thread.equals(Thread.currentThread().getName()) ? thread : "wrong thread");
            }
        };
    }

    @Test
    void startRunsEachReactorOnItsOwnNamedThreadAndCloseStopsThemAll() throws Exception {
        ReactorGroup group = ReactorGroup.start(3, "worker");
        assertEquals(3, group.size());
        for (int i = 0; i < 3; i++) {
            Reactor reactor = group.reactor(i);
            assertTrue(reactor.isRunning(), "running by the time start returns");
            assertFalse(reactor.isReactorThread(), "no longer the starting thread's");
            assertEquals("worker-" + i, CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), reactor)
                    .get(10, TimeUnit.SECONDS));
        }
        assertThrows(IllegalStateException.class, () -> group.reactor(0).callLater(Duration.ZERO, () -> {}),
                "calls from outside race no loop: they fail fast");

        group.close();

        assertTrue(group.awaitTermination(Duration.ZERO));
        group.reactors().forEach(reactor -> assertTrue(reactor.isClosed()));
        group.stop(); // again: nothing happens
    }

    @Test
    void theAcceptorSpreadsConnectionsRoundRobinOverEveryReactorItselfIncluded() {
        ConcurrentLinkedQueue<String> servedBy = new ConcurrentLinkedQueue<>();
        try (ReactorGroup group = ReactorGroup.start(4); Reactor clients = Reactor.open()) {
            ListeningPort port = group.listenTcp(anyPort(), AcceptStrategy.ACCEPTOR,
                    reactor -> recordingThreads(reactor, servedBy));
            List<Recorder> connected = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                connected.add(Loopback.connect(clients, port, new Recorder("ping")));
            }
            await(clients, "every echo", () -> connected.stream().allMatch(c -> c.received.size() == 4));

            List<String> threads = List.copyOf(servedBy);
            assertEquals(8, threads.size());
            for (int i = 0; i < 4; i++) {
                String name = "twine-reactor-" + i;
                assertEquals(2, threads.stream().filter(name::equals).count(), name + " served exactly its share");
            }
        }
    }

    @Test
    void reusePortListenersShareOnePortAndEachServesOnItsOwnThread() {
        assumeTrue(AcceptStrategy.REUSE_PORT.isSupported(), "SO_REUSEPORT balancing needs Linux");
        ConcurrentLinkedQueue<String> servedBy = new ConcurrentLinkedQueue<>();
        try (ReactorGroup group = ReactorGroup.start(4); Reactor clients = Reactor.open()) {
            ListeningPort port = group.listenTcp(anyPort(), AcceptStrategy.REUSE_PORT,
                    reactor -> recordingThreads(reactor, servedBy));
            assertTrue(port.localAddress().getPort() > 0);
            List<Recorder> connected = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                connected.add(Loopback.connect(clients, port, new Recorder("ping")));
            }
            await(clients, "every echo", () -> connected.stream().allMatch(c -> c.received.size() == 4));

            assertEquals(64, servedBy.size());
            assertFalse(servedBy.contains("wrong thread"));
        }
    }

    @Test
    void closingTheGroupsPortFromAnyThreadStopsEveryListener() throws Exception {
        for (AcceptStrategy strategy : AcceptStrategy.values()) {
            if (!strategy.isSupported()) {
                continue;
            }
            try (ReactorGroup group = ReactorGroup.start(2)) {
                ListeningPort port = group.listenTcp(anyPort(), strategy, reactor -> Echo::new);
                assertTrue(port.isOpen());
                port.close();
                assertFalse(port.isOpen());
                // The JDK closes a registered channel's socket only when its key is deregistered, at
                // the reactor's next select; so wait for every reactor to select after running the
                // close. A 10 ms timer set behind the close is not due before that turn's select,
                // unless the thread was descheduled for 10 ms right there: then ask again.
                boolean refused = false;
                for (int attempt = 0; attempt < 20 && !refused; attempt++) {
                    for (Reactor reactor : group.reactors()) {
                        CompletableFuture<Void> selectedSince = new CompletableFuture<>();
                        reactor.callFromThread(() -> reactor.callLater(Duration.ofMillis(10),
                                () -> selectedSince.complete(null)));
                        selectedSince.get(10, TimeUnit.SECONDS);
                    }
                    try {
                        SocketChannel.open(port.localAddress()).close();
                    } catch (ConnectException expected) {
                        refused = true;
                    }
                }
                assertTrue(refused, strategy + ": refused");
            }
        }
    }

    @Test
    void aPortInUseIsAnUncheckedIOException() throws Exception {
        try (ServerSocketChannel taken = ServerSocketChannel.open(); ReactorGroup group = ReactorGroup.start(2)) {
            taken.bind(anyPort());
            InetSocketAddress address = (InetSocketAddress) taken.getLocalAddress();
            for (AcceptStrategy strategy : AcceptStrategy.values()) {
                if (strategy.isSupported()) {
                    assertThrows(UncheckedIOException.class, () -> group.listenTcp(address, strategy, reactor -> Echo::new));
                }
            }
        }
    }

    @Test
    void theWaitingMethodsRefuseToRunOnTheGroupsOwnThreads() throws Exception {
        try (ReactorGroup group = ReactorGroup.start(1)) {
            Reactor reactor = group.reactor(0);
            for (Runnable call : List.<Runnable>of(
                    () -> group.listenTcp(anyPort(), r -> Echo::new),
                    group::close)) {
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> CompletableFuture.runAsync(call, reactor).get(10, TimeUnit.SECONDS));
                assertInstanceOf(IllegalStateException.class, failure.getCause());
            }
            assertTrue(reactor.isRunning(), "and nothing happened");
        }
    }

    @Test
    void aSocketStillQueuedForAReactorThatShutsDownIsClosedNotLeaked() throws Exception {
        Reactor target = Reactor.open(); // stepped, never run: the handover waits in its queue
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(anyPort());
            SocketChannel client = SocketChannel.open(server.getLocalAddress());
            SocketChannel accepted = server.accept();
            CompletableFuture.runAsync(() -> target.callFromThread(new ChannelHandover(target, accepted, ConnectionSlot.NONE, Echo::new)))
                    .get(10, TimeUnit.SECONDS);

            target.close();

            assertFalse(accepted.isOpen());
            client.close();
        }
    }

    @Test
    void aGroupNeedsAReactor() {
        assertThrows(IllegalArgumentException.class, () -> ReactorGroup.start(0));
    }

    @Test
    void reusePortWhereItIsUnsupportedIsRefused() {
        assumeTrue(!AcceptStrategy.REUSE_PORT.isSupported());
        try (ReactorGroup group = ReactorGroup.start(1)) {
            assertThrows(UnsupportedOperationException.class,
                    () -> group.listenTcp(anyPort(), AcceptStrategy.REUSE_PORT, reactor -> Echo::new));
        }
    }

    @Test
    void theAcceptorIsAlwaysSupported() {
        assertTrue(AcceptStrategy.ACCEPTOR.isSupported());
    }
}
