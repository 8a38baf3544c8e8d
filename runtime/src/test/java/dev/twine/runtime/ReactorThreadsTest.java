package dev.twine.runtime;

import static dev.twine.runtime.Loopback.anyPort;
import static dev.twine.runtime.Loopback.await;
import static dev.twine.runtime.Loopback.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reactor's one thread-safe door, and the checks that keep every other door on its thread. */
class ReactorThreadsTest {

    @Test
    @Timeout(60)
    void callFromThreadFromEightThreadsRunsEveryTaskOnceOnTheReactorThreadInOrderPerSender()
            throws Exception {
        int senders = 8;
        int perSender = 20_000;
        Reactor reactor = Reactor.open();
        List<List<Integer>> received = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            received.add(new ArrayList<>()); // touched only on the reactor thread
        }
        int[] offThread = {0};
        Thread loop = new Thread(reactor::run, "reactor");
        loop.start();

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            Thread thread = new Thread(() -> {
                awaitQuietly(start);
                for (int seq = 0; seq < perSender; seq++) {
                    int n = seq;
                    reactor.callFromThread(() -> {
                        if (Thread.currentThread() != loop) {
                            offThread[0]++;
                        }
                        received.get(sender).add(n);
                    });
                }
            }, "sender-" + s);
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        reactor.callFromThread(reactor::stop);
        loop.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(loop.isAlive());

        assertEquals(0, offThread[0], "every task ran on the reactor thread");
        for (int s = 0; s < senders; s++) {
            List<Integer> got = received.get(s);
            assertEquals(perSender, got.size(), "sender " + s + ": every task exactly once");
            for (int i = 0; i < perSender; i++) {
                if (got.get(i) != i) {
                    throw new AssertionError("sender " + s + " out of order at " + i + ": " + got.get(i));
                }
            }
        }
    }

    @Test
    void everyOtherMethodFailsFastOffTheReactorThread() throws Exception {
        try (Reactor reactor = Reactor.open()) {
            ListeningPort port = reactor.listenTcp(anyPort(), Echo::new);
            Recorder client = connect(reactor, port, new Recorder("x"));
            await(reactor, "connected", () -> client.received.size() == 1);

            DelayedCall timer = reactor.callLater(Duration.ofHours(1), () -> {});
            List<Runnable> confined = List.of(
                    () -> reactor.callLater(Duration.ofSeconds(1), () -> {}),
                    () -> reactor.callRepeating(Duration.ofSeconds(1), () -> {}),
                    () -> reactor.listenTcp(anyPort(), Echo::new),
                    () -> reactor.runOnce(Duration.ZERO),
                    reactor::stop,
                    () -> client.transport.write(new byte[] {1}),
                    client.transport::close,
                    client.transport::abort,
                    client.transport::pauseReading,
                    () -> client.transport.setWriteBufferLimit(1 << 20),
                    timer::cancel,
                    port::close);
            for (Runnable call : confined) {
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> CompletableFuture.runAsync(call).get());
                assertTrue(failure.getCause() instanceof IllegalStateException, failure.getCause().toString());
                assertTrue(failure.getCause().getMessage().contains("callFromThread"),
                        "the message says what to do instead: " + failure.getCause().getMessage());
            }
            assertTrue(client.transport.isOpen(), "nothing happened to the connection");
            assertTrue(timer.isActive(), "nor to the timer");
        }
    }

    @Test
    @Timeout(30)
    void runHandsTheReactorToItsThreadAndAnExecutorUseLandsThere() throws Exception {
        Reactor reactor = Reactor.open();
        reactor.stop(); // not running: nothing to stop, and not remembered for later
        assertTrue(reactor.isReactorThread(), "the creator's until run() starts");
        Thread loop = new Thread(reactor::run, "reactor");
        loop.start();
        Thread ranOn = CompletableFuture.supplyAsync(Thread::currentThread, reactor).get(10, TimeUnit.SECONDS);
        assertSame(loop, ranOn);
        assertTrue(CompletableFuture.supplyAsync(reactor::isReactorThread, reactor).get(10, TimeUnit.SECONDS));
        assertFalse(reactor.isReactorThread(), "run() took it away from the creating thread");
        assertThrows(IllegalStateException.class, () -> reactor.callLater(Duration.ZERO, () -> {}),
                "the creating thread gave the reactor away when run() started");
        reactor.callFromThread(reactor::stop);
        loop.join();
        assertTrue(reactor.isClosed());
        assertThrows(IllegalStateException.class, reactor::run, "a reactor runs once");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
