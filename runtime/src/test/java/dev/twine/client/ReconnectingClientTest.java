package dev.twine.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.ConnectAttempt;
import dev.twine.runtime.Deferred;
import dev.twine.runtime.ListeningPort;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Reactor;
import dev.twine.runtime.Scheduler;
import dev.twine.runtime.Transport;
import dev.twine.testing.ManualClock;
import dev.twine.testing.MemoryPipe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The schedule, on a ManualClock, with a connector the test controls: it records each attempt,
 * and the test decides whether it fails or connects (through a MemoryPipe). One test uses loopback.
 */
class ReconnectingClientTest {

    private static final Backoff NO_JITTER = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).withJitter(0);

    private final ManualClock clock = new ManualClock();
    private final FakeConnector connector = new FakeConnector();
    private final List<Greeter> made = new ArrayList<>();

    /** A client protocol that records what happens to it. */
    static final class Greeter implements Protocol {
        final List<String> events = new ArrayList<>();
        Transport transport;

        @Override
        public void onConnect(Transport transport) {
            this.transport = transport;
            events.add("connect");
        }

        @Override
        public void onBytes(ByteBuffer data) {
            events.add("bytes " + StandardCharsets.UTF_8.decode(data));
        }

        @Override
        public void onClose(CloseReason reason) {
            events.add("close " + reason.kind());
        }
    }

    /** One attempt the test will fail or complete. */
    final class Attempt implements ConnectAttempt {
        final long startedAtNanos = clock.nanoTime();
        final Protocol protocol;
        final Consumer<? super IOException> onFailed;
        boolean pending = true;
        boolean cancelled;

        Attempt(Protocol protocol, Consumer<? super IOException> onFailed) {
            this.protocol = protocol;
            this.onFailed = onFailed;
        }

        void refuse() {
            pending = false;
            onFailed.accept(new ConnectException("refused"));
        }

        /** Connects the client's protocol to {@code server} in memory. */
        MemoryPipe accept(Protocol server) {
            pending = false;
            return MemoryPipe.connect(protocol, server);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 7000);
        }

        @Override
        public boolean isPending() {
            return pending;
        }

        @Override
        public void cancel() {
            pending = false;
            cancelled = true;
        }
    }

    final class FakeConnector implements Connector {
        final List<Attempt> attempts = new ArrayList<>();

        @Override
        public ConnectAttempt connect(Protocol protocol, Consumer<? super IOException> onFailed) {
            Attempt attempt = new Attempt(protocol, onFailed);
            attempts.add(attempt);
            return attempt;
        }

        Attempt last() {
            return attempts.get(attempts.size() - 1);
        }

        List<Long> startTimes() {
            return attempts.stream().map(a -> a.startedAtNanos / 1_000_000).toList();
        }
    }

    private ReconnectingClient<Greeter> client(Backoff backoff, long seed) {
        return client(clock, connector, backoff, seed);
    }

    private ReconnectingClient<Greeter> client(Scheduler scheduler, Connector connector, Backoff backoff, long seed) {
        return new ReconnectingClient<>(scheduler, connector, () -> {
            Greeter greeter = new Greeter();
            made.add(greeter);
            return greeter;
        }, backoff, new SplittableRandom(seed));
    }

    /** Fails the current attempt, then lets the clock run to the next one. */
    private void refuseAndWait() {
        connector.last().refuse();
        clock.advance(Duration.ofSeconds(2)); // longer than any delay here
    }

    @Test
    void startAttemptsAtOnceAndFailuresBackOffExponentiallyUpToTheMaximum() {
        ReconnectingClient<Greeter> client = client(NO_JITTER, 0);
        client.start();
        assertEquals(List.of(0L), connector.startTimes());

        for (int i = 0; i < 6; i++) {
            connector.last().refuse();
            awaitNextAttempt();
        }

        // Gaps after each failure: 100, 200, 400, 800, 1000 (capped), 1000 ms.
        assertEquals(List.of(0L, 100L, 300L, 700L, 1500L, 2500L, 3500L), connector.startTimes());
        assertEquals(6, client.failedAttempts());
    }

    @Test
    void theJitterComesFromTheSeededRandomSoTheScheduleRepeatsExactly() {
        Backoff jittery = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).withJitter(0.5);
        ReconnectingClient<Greeter> client = client(jittery, 42);
        client.start();
        SplittableRandom sameSeed = new SplittableRandom(42);
        for (int retry = 0; retry < 4; retry++) {
            long refusedAt = clock.nanoTime();
            connector.last().refuse();
            awaitNextAttempt();
            long gap = connector.last().startedAtNanos - refusedAt;
            Duration expected = jittery.delay(retry, sameSeed);
            assertEquals(expected.toNanos(), gap, "retry " + retry);
            assertNotEquals(NO_JITTER.delay(retry, new SplittableRandom(0)), expected, "jittered");
        }
    }

    /** Lets the clock run, a millisecond at a time, until the client makes its next attempt. */
    private void awaitNextAttempt() {
        int before = connector.attempts.size();
        while (connector.attempts.size() == before) {
            clock.advance(Duration.ofMillis(1));
        }
    }

    @Test
    void aSuccessfulConnectionResetsTheBackoffAndALostOneRetriesAfterTheInitialDelay() {
        ReconnectingClient<Greeter> client = client(NO_JITTER, 0);
        client.start();
        refuseAndWait();
        refuseAndWait();
        assertEquals(2, client.failedAttempts());

        MemoryPipe pipe = connector.last().accept(new Greeter());
        assertTrue(client.isConnected());
        assertEquals(0, client.failedAttempts(), "reset by the connection");
        long lostAt = clock.nanoTime();
        pipe.server().close();
        pipe.flush();
        assertFalse(client.isConnected());

        int before = connector.attempts.size();
        clock.advance(Duration.ofMillis(99));
        assertEquals(before, connector.attempts.size());
        clock.advance(Duration.ofMillis(1));
        assertEquals(lostAt + 100_000_000, connector.last().startedAtNanos, "after the initial delay, not the grown one");
        connector.last().refuse();
        clock.advance(Duration.ofMillis(200));
        assertEquals(lostAt + 300_000_000, connector.last().startedAtNanos, "and growing again from there");
    }

    @Test
    void eachConnectionGetsAFreshProtocolThatSeesItsWholeLife() {
        ReconnectingClient<Greeter> client = client(NO_JITTER, 0);
        client.start();
        Greeter server = new Greeter();
        MemoryPipe first = connector.last().accept(server);
        server.transport.write("hello".getBytes(StandardCharsets.UTF_8));
        first.flush();
        first.server().close();
        first.flush();
        clock.advance(Duration.ofMillis(100));
        connector.last().accept(new Greeter());

        assertEquals(2, made.size());
        assertEquals(List.of("connect", "bytes hello", "close PEER_CLOSED"), made.get(0).events);
        assertEquals(List.of("connect"), made.get(1).events);
    }

    @Test
    void whenConnectedWaitsThroughFailuresAndFiresWithTheReadyProtocol() {
        ReconnectingClient<Greeter> client = client(NO_JITTER, 0);
        List<String> seen = new ArrayList<>();
        client.whenConnected().addCallback(greeter -> seen.add("connected, protocol saw " + greeter.events));
        client.start();
        refuseAndWait();
        assertEquals(List.of(), seen);

        connector.last().accept(new Greeter());

        assertEquals(List.of("connected, protocol saw [connect]"), seen);
        Greeter[] now = new Greeter[1];
        client.whenConnected().addCallback(greeter -> now[0] = greeter);
        assertSame(made.get(1), now[0], "at once while connected");
    }

    @Test
    void whenConnectedWithATimeoutGivesUpAndStopsWaiting() {
        ReconnectingClient<Greeter> client = client(NO_JITTER, 0);
        client.start();
        List<Throwable> failures = new ArrayList<>();
        client.whenConnected().withTimeout(Duration.ofMillis(500), clock).addCallbacks(greeter -> null, failures::add);

        connector.last().refuse();
        clock.advance(Duration.ofMillis(500));

        assertEquals(1, failures.size());
        assertInstanceOf(TimeoutException.class, failures.get(0));
        connector.last().accept(new Greeter()); // the client keeps trying; the waiter is gone
        assertTrue(client.isConnected());
        assertEquals(1, failures.size());
    }

    @Test
    void stoppingWhileWaitingCancelsTheRetryAndFailsTheWaiters() {
        ReconnectingClient<Greeter> client = client(NO_JITTER, 0);
        client.start();
        List<Throwable> failures = new ArrayList<>();
        client.whenConnected().addCallbacks(greeter -> null, failures::add);
        connector.last().refuse();

        List<String> stopped = new ArrayList<>();
        client.stop().addCallback(nothing -> stopped.add("stopped"));

        assertEquals(List.of("stopped"), stopped);
        assertInstanceOf(CancellationException.class, failures.get(0));
        assertEquals(0, clock.pendingCalls(), "the retry timer is gone");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, connector.attempts.size());
        List<Throwable> late = new ArrayList<>();
        client.whenConnected().addCallbacks(greeter -> null, late::add);
        assertInstanceOf(CancellationException.class, late.get(0));
    }

    @Test
    void stoppingWhileConnectingCancelsTheAttempt() {
        ReconnectingClient<Greeter> client = client(NO_JITTER, 0);
        client.start();
        client.stop();
        assertTrue(connector.last().cancelled);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, connector.attempts.size());
    }

    @Test
    void stoppingWhileConnectedClosesTheConnectionAndFiresOnceItHasClosed() {
        ReconnectingClient<Greeter> client = client(NO_JITTER, 0);
        client.start();
        MemoryPipe pipe = connector.last().accept(new Greeter());
        List<String> stopped = new ArrayList<>();

        Deferred<Void> stopping = client.stop();
        stopping.addCallback(nothing -> stopped.add("stopped"));
        assertEquals(List.of(), stopped, "the close has not happened yet");
        pipe.flush();

        assertEquals(List.of("stopped"), stopped);
        assertEquals(List.of("connect", "close CLOSED"), made.get(0).events);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, connector.attempts.size(), "no reconnect after a stop");
    }

    @Test
    void anAttemptThatFailsWhileTheReactorShutsDownStopsTheClientInsteadOfSchedulingARetry() {
        Reactor reactor = Reactor.open(clock.timers());
        ReconnectingClient<Greeter> client = client(reactor, connector, NO_JITTER, 0);
        client.start();
        List<Throwable> failures = new ArrayList<>();
        client.whenConnected().addCallbacks(greeter -> null, failures::add);

        reactor.close();
        connector.last().refuse(); // as a closing reactor fails its pending attempts

        assertEquals(1, failures.size());
        assertInstanceOf(CancellationException.class, failures.get(0), "the waiter is told");
        assertStoppedQuietly(client);
    }

    @Test
    void aConnectionLostWhileTheReactorShutsDownStopsTheClientInsteadOfSchedulingARetry() {
        Reactor reactor = Reactor.open(clock.timers());
        ReconnectingClient<Greeter> client = client(reactor, connector, NO_JITTER, 0);
        client.start();
        MemoryPipe pipe = connector.last().accept(new Greeter());

        reactor.close();
        pipe.server().close();
        pipe.flush();

        assertEquals(List.of("connect", "close PEER_CLOSED"), made.get(0).events);
        assertStoppedQuietly(client);
    }

    /** Stopped, as stop() leaves it: no timer, no attempt however long the clock runs, waiters failed. */
    private void assertStoppedQuietly(ReconnectingClient<Greeter> client) {
        assertFalse(client.isConnected());
        assertEquals(0, clock.pendingCalls(), "no retry timer");
        List<Throwable> late = new ArrayList<>();
        client.whenConnected().addCallbacks(greeter -> null, late::add);
        assertInstanceOf(CancellationException.class, late.get(0), "stopped, not waiting to retry");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, connector.attempts.size());
        assertTrue(client.stop().isFired());
    }

    @Test
    @Timeout(60)
    void overLoopbackAReactorThatShutsDownUnderAConnectedClientStopsItWithoutLogging() {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        StreamHandler capture = new StreamHandler(logged, new SimpleFormatter());
        Logger reactorLog = Logger.getLogger(Reactor.class.getName());
        reactorLog.addHandler(capture);
        try {
            Reactor reactor = Reactor.open();
            ListeningPort port = reactor.listenTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    Greeter::new);
            ReconnectingClient<Greeter> client = client(reactor,
                    Connector.tcp(reactor, port.localAddress(), Duration.ofSeconds(5)), NO_JITTER, 0);
            client.start();
            assertTrue(reactor.runUntil(client::isConnected, Duration.ofSeconds(20)));
            List<Throwable> waiterFailures = new ArrayList<>();

            reactor.close();

            assertEquals(List.of("connect", "close SHUTDOWN"), made.get(0).events);
            assertFalse(client.isConnected());
            client.whenConnected().addCallbacks(greeter -> null, waiterFailures::add);
            assertInstanceOf(CancellationException.class, waiterFailures.get(0), "stopped, not waiting to retry");
        } finally {
            reactorLog.removeHandler(capture);
            capture.flush();
        }
        assertEquals("", logged.toString(), "nothing to log");
    }

    @Test
    void itStartsOnce() {
        ReconnectingClient<Greeter> client = client(NO_JITTER, 0);
        client.start();
        assertThrows(IllegalStateException.class, client::start);
    }

    @Test
    void aConnectorThatThrowsStopsTheClient() {
        IllegalArgumentException unresolved = new IllegalArgumentException("unresolved");
        ReconnectingClient<Greeter> client = new ReconnectingClient<>(clock, (protocol, onFailed) -> {
            throw unresolved;
        }, Greeter::new, NO_JITTER, new SplittableRandom(0));
        List<Throwable> failures = new ArrayList<>();
        client.whenConnected().addCallbacks(greeter -> null, failures::add);
        assertSame(unresolved, assertThrows(IllegalArgumentException.class, client::start));
        assertEquals(List.of(unresolved), failures);
    }

    @Test
    @Timeout(60)
    void overLoopbackItKeepsTryingUntilTheServerListensAndComesBackAfterADrop() throws Exception {
        InetSocketAddress address;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) { // a port nobody listens on now
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            address = (InetSocketAddress) probe.getLocalAddress();
        }
        try (Reactor reactor = Reactor.open()) {
            ReconnectingClient<Greeter> client = new ReconnectingClient<>(reactor,
                    Connector.tcp(reactor, address, Duration.ofSeconds(5)), () -> {
                        Greeter greeter = new Greeter();
                        made.add(greeter);
                        return greeter;
                    }, Backoff.exponential(Duration.ofMillis(5), Duration.ofMillis(20)), new SplittableRandom(1));
            client.start();
            assertTrue(reactor.runUntil(() -> client.failedAttempts() >= 2, Duration.ofSeconds(20)), "refused twice");

            List<Transport> served = new ArrayList<>();
            ListeningPort port = reactor.listenTcp(address, () -> new Protocol() {
                @Override
                public void onConnect(Transport transport) {
                    served.add(transport);
                }

                @Override
                public void onBytes(ByteBuffer data) {
                    data.position(data.limit());
                }
            });
            assertTrue(reactor.runUntil(client::isConnected, Duration.ofSeconds(20)), "connected once it listens");
            served.get(0).close();
            assertTrue(reactor.runUntil(() -> served.size() == 2 && client.isConnected(), Duration.ofSeconds(20)),
                    "reconnected after the server dropped it");

            Deferred<Void> stopped = client.stop();
            assertTrue(reactor.runUntil(stopped::isFired, Duration.ofSeconds(20)));
            port.close();
        }
    }
}
