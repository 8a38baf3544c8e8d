package dev.twine.runtime;

import static dev.twine.runtime.Loopback.anyPort;
import static dev.twine.runtime.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testing.ManualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReactorTimersTest {

    @Test
    void timersFireInOrderOnTheSystemClock() {
        try (Reactor reactor = Reactor.open()) {
            List<String> fired = new ArrayList<>();
            // Read before the first call is scheduled, so that "not early" holds however long
            // scheduling takes; the delays are far enough apart that a slow machine keeps their order.
            long start = System.nanoTime();
            reactor.callLater(Duration.ofMillis(300), () -> fired.add("300"));
            reactor.callLater(Duration.ofMillis(100), () -> fired.add("100a"));
            DelayedCall cancelled = reactor.callLater(Duration.ofMillis(150), () -> fired.add("cancelled"));
            reactor.callLater(Duration.ofMillis(200), () -> fired.add("200"));
            reactor.callLater(Duration.ofMillis(100), () -> fired.add("100b"));
            cancelled.cancel();
            await(reactor, "four timers ran", () -> fired.size() == 4);
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "not early");
            assertEquals(List.of("100a", "100b", "200", "300"), fired);
        }
    }

    @Test
    void aThrowingTimerIsLoggedAndTheReactorCarriesOn() {
        try (Reactor reactor = Reactor.open()) {
            List<String> fired = new ArrayList<>();
            reactor.callLater(Duration.ZERO, () -> {
                throw new IllegalStateException("boom");
            });
            reactor.callLater(Duration.ofMillis(1), () -> fired.add("after"));
            await(reactor, "the next timer ran", () -> !fired.isEmpty());
        }
    }

    @Test
    void steppingFromInsideACallbackIsRefusedBecauseItWouldNestCallbacks() {
        try (Reactor reactor = Reactor.open()) {
            List<Throwable> thrown = new ArrayList<>();
            reactor.callLater(Duration.ZERO, () -> {
                try {
                    reactor.runOnce(Duration.ZERO);
                } catch (IllegalStateException e) {
                    thrown.add(e);
                }
            });
            reactor.runOnce(Duration.ofMillis(10));
            assertEquals(1, thrown.size());
            assertTrue(thrown.get(0).getMessage().contains("never nest"), thrown.get(0).getMessage());
        }
    }

    @Test
    void closingFromInsideACallbackShutsDownWhenTheTurnEnds() {
        Reactor reactor = Reactor.open();
        boolean[] closedInside = {true};
        reactor.callLater(Duration.ZERO, () -> {
            reactor.close();
            closedInside[0] = reactor.isClosed();
        });
        reactor.runOnce(Duration.ofMillis(10));
        assertFalse(closedInside[0], "not in the middle of the callback");
        assertTrue(reactor.isClosed(), "but as soon as the turn is over");
    }

    @Test
    void runUntilReturnsWhenACallbackClosesTheReactor() {
        Reactor reactor = Reactor.open();
        reactor.callLater(Duration.ZERO, reactor::close);
        assertFalse(reactor.runUntil(() -> false, Duration.ofSeconds(1)));
        assertTrue(reactor.isClosed());
    }

    @Test
    void runFromACallbackIsRefusedWithoutClosingTheReactor() {
        try (Reactor reactor = Reactor.open()) {
            Throwable[] thrown = new Throwable[1];
            reactor.callLater(Duration.ZERO, () -> {
                try {
                    reactor.run();
                } catch (Throwable t) {
                    thrown[0] = t;
                }
            });
            reactor.runOnce(Duration.ZERO);
            assertInstanceOf(IllegalStateException.class, thrown[0]);
            assertFalse(reactor.isClosed());
        }
    }

    @Test
    @Timeout(30)
    void aTimerSetForNeverLetsTheLoopSleep() {
        int[] clockReads = {0};
        Clock counting = new Clock() {
            @Override
            public long nanoTime() {
                clockReads[0]++;
                return 0;
            }

            @Override
            public long currentTimeMillis() {
                return 0;
            }
        };
        Reactor reactor = Reactor.open(new Timers(counting));
        reactor.callLater(Duration.ofNanos(Long.MAX_VALUE - 1), () -> {});
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
                .execute(() -> reactor.callFromThread(reactor::stop));
        reactor.run();
        assertTrue(clockReads[0] < 30, "the loop turned ~" + clockReads[0] / 2 + " times in 300 ms with nothing to do");
    }

    @Test
    void aManualClockCarriesOutEachReactorTimersEffectsBeforeTheNext() {
        ManualClock clock = new ManualClock();
        Recorder[] server = new Recorder[1];
        try (Reactor reactor = Reactor.open(clock.timers())) {
            ListeningPort port = reactor.listenTcp(anyPort(), () -> server[0] = new Recorder());
            Recorder client = Loopback.connect(reactor, port, new Recorder());
            await(reactor, "connected", () -> server[0] != null && client.transport != null);

            List<String> order = new ArrayList<>();
            reactor.callLater(Duration.ofSeconds(1), () -> {
                order.add("timer 1 aborts");
                server[0].transport.abort();
            });
            reactor.callLater(Duration.ofSeconds(2), () -> order.add(
                    server[0].isClosed() ? "timer 2, after onClose" : "timer 2, onClose still pending"));
            clock.advance(Duration.ofSeconds(3));
            assertEquals(List.of("timer 1 aborts", "timer 2, after onClose"), order);
        }
    }

    @Test
    void timersFireInOrderOnAManualClockOnlyWhenItMoves() {
        ManualClock clock = new ManualClock();
        try (Reactor reactor = Reactor.open(clock.timers())) {
            List<String> fired = new ArrayList<>();
            reactor.callLater(Duration.ofSeconds(3), () -> fired.add("3s"));
            reactor.callLater(Duration.ofSeconds(1), () -> fired.add("1s"));
            reactor.callRepeating(Duration.ofSeconds(2), () -> fired.add("every 2s"));
            reactor.runOnce(Duration.ofMillis(10));
            assertTrue(fired.isEmpty(), "real time passing does not move a manual clock");
            clock.advance(Duration.ofSeconds(4));
            assertEquals(List.of("1s", "every 2s", "3s", "every 2s"), fired);
            assertEquals(clock, reactor.clock());
        }
    }

    @Test
    void aConnectThatHangsTimesOutThroughTheReactorClock() throws IOException {
        ManualClock clock = new ManualClock();
        // A listener with a backlog of one that never accepts: once its queue is full the kernel
        // drops further SYNs, so those connects stay pending until our timeout gives up.
        try (Reactor reactor = Reactor.open(clock.timers());
                ServerSocketChannel deaf = ServerSocketChannel.open().bind(anyPort(), 1)) {
            InetSocketAddress address = (InetSocketAddress) deaf.getLocalAddress();
            List<ConnectAttempt> attempts = new ArrayList<>();
            List<IOException> failures = new ArrayList<>();
            List<Recorder> clients = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Recorder client = new Recorder();
                clients.add(client);
                attempts.add(reactor.connectTcp(address, Duration.ofSeconds(5), client, failures::add));
            }
            for (int i = 0; i < 10; i++) {
                reactor.runOnce(Duration.ofMillis(10));
            }
            long pending = attempts.stream().filter(ConnectAttempt::isPending).count();
            assertTrue(pending > 0, "the kernel left some connects hanging");
            assertTrue(failures.isEmpty(), failures.toString());

            clock.advance(Duration.ofSeconds(5));
            assertEquals(pending, failures.size());
            failures.forEach(f -> assertInstanceOf(SocketTimeoutException.class, f));
            assertFalse(attempts.stream().anyMatch(ConnectAttempt::isPending));
            for (int i = 0; i < attempts.size(); i++) {
                if (clients.get(i).transport == null) {
                    assertNull(clients.get(i).closeReason, "a protocol that never connected hears nothing");
                }
            }
        }
    }
}
