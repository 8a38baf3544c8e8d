package dev.twine.runtime;

import static dev.twine.runtime.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The edges: results from worker threads come in through the reactor; nothing runs elsewhere. */
@Timeout(60)
class DeferredThreadsTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> new Thread(runnable, "worker"));

    @AfterEach
    void stopWorkers() throws InterruptedException {
        workers.shutdownNow();
        assertTrue(workers.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void fromFutureRunsTheChainOnTheReactorThreadNotTheWorkersThatCompletedIt() {
        try (Reactor reactor = Reactor.open()) {
            List<Thread> ranOn = new ArrayList<>();
            CompletableFuture<String> blocking = CompletableFuture.supplyAsync(() -> "row from " + Thread.currentThread().getName(), workers);
            Deferred<String> row = Deferred.fromFuture(blocking, reactor);
            List<String> got = new ArrayList<>();
            row.addCallback(value -> {
                ranOn.add(Thread.currentThread());
                return got.add(value);
            });

            await(reactor, "the row arrived", () -> !got.isEmpty());

            assertEquals(List.of("row from worker"), got);
            assertEquals(List.of(Thread.currentThread()), ranOn, "the reactor's (this test's) thread");
        }
    }

    @Test
    void fromAnAlreadyCompletedFutureStillFiresLaterNeverInsideTheCall() {
        try (Reactor reactor = Reactor.open()) {
            Deferred<String> deferred = Deferred.fromFuture(CompletableFuture.completedFuture("done"), reactor);
            assertFalse(deferred.isFired(), "not inside fromFuture");
            reactor.runOnce(Duration.ZERO);
            assertTrue(deferred.isFired());
        }
    }

    @Test
    void aFailedFutureFailsTheDeferredWithTheUnwrappedCause() {
        try (Reactor reactor = Reactor.open()) {
            IOException disk = new IOException("disk");
            CompletableFuture<String> failing = CompletableFuture.supplyAsync(() -> {
                throw new java.io.UncheckedIOException(disk);
            }, workers);
            List<Throwable> failures = new ArrayList<>();
            Deferred.fromFuture(failing, reactor).addCallbacks(value -> null, failures::add);
            await(reactor, "the failure arrived", () -> !failures.isEmpty());
            assertInstanceOf(java.io.UncheckedIOException.class, failures.get(0), "CompletionException unwrapped");
            assertSame(disk, failures.get(0).getCause());
        }
    }

    @Test
    void cancellingTheDeferredCancelsTheFutureAndTheLateCompletionIsIgnored() {
        try (Reactor reactor = Reactor.open()) {
            CompletableFuture<String> never = new CompletableFuture<>();
            Deferred<String> deferred = Deferred.fromFuture(never, reactor);
            List<Throwable> failures = new ArrayList<>();
            deferred.addCallbacks(value -> null, failures::add);

            deferred.cancel();
            reactor.runOnce(Duration.ZERO); // the future's own completion arrives, and is dropped

            assertTrue(never.isCancelled());
            assertEquals(1, failures.size());
            assertInstanceOf(CancellationException.class, failures.get(0));
        }
    }

    @Test
    void toFutureCompletesOnTheReactorThreadForAnotherThreadToWaitOn() throws Exception {
        Reactor reactor = Reactor.open();
        Thread loop = new Thread(reactor::run, "reactor");
        loop.start();
        try {
            List<Deferred<String>> made = new ArrayList<>(); // touched on the reactor thread only
            CompletableFuture<String> future = CompletableFuture.supplyAsync(() -> {
                Deferred<String> deferred = new Deferred<>();
                made.add(deferred);
                return deferred.toFuture();
            }, reactor).get(10, TimeUnit.SECONDS);
            Thread[] completedOn = new Thread[1];
            CompletableFuture<String> observed = future.whenComplete((v, e) -> completedOn[0] = Thread.currentThread());
            assertFalse(observed.isDone());

            reactor.callFromThread(() -> made.get(0).callback("from the reactor"));

            assertEquals("from the reactor", observed.get(10, TimeUnit.SECONDS));
            assertSame(loop, completedOn[0], "completed on the reactor thread");
        } finally {
            reactor.callFromThread(reactor::stop);
            loop.join(10_000);
        }
    }

    @Test
    void aDeferredMadeInAReactorCallbackRefusesAnotherThread() throws Exception {
        try (Reactor reactor = Reactor.open()) {
            List<Deferred<String>> made = new ArrayList<>();
            reactor.callLater(Duration.ZERO, () -> made.add(new Deferred<>()));
            reactor.runOnce(Duration.ofMillis(10));
            Deferred<String> deferred = made.get(0);

            List<Runnable> fromAWorker = List.of(
                    () -> deferred.callback("from a worker"),
                    () -> deferred.errback(new IOException()),
                    () -> deferred.addCallback(v -> v),
                    deferred::cancel);
            for (Runnable call : fromAWorker) {
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> CompletableFuture.runAsync(call, workers).get());
                assertInstanceOf(IllegalStateException.class, failure.getCause());
                assertTrue(failure.getCause().getMessage().contains("callFromThread"), failure.getCause().getMessage());
            }
            assertFalse(deferred.isFired());
            deferred.callback("from its own thread");
            assertTrue(deferred.isFired());
        }
    }

    @Test
    void fromFutureIsForTheReactorThread() throws Exception {
        try (Reactor reactor = Reactor.open()) {
            ExecutionException failure = assertThrows(ExecutionException.class, () -> CompletableFuture.runAsync(
                    () -> Deferred.fromFuture(new CompletableFuture<>(), reactor), workers).get());
            assertInstanceOf(IllegalStateException.class, failure.getCause());
        }
    }
}
