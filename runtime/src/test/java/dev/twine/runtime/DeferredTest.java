package dev.twine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The chain: Twisted's semantics, run synchronously, with no reactor (see DeferredUnhandledFailureTest for one). */
class DeferredTest {

    private final List<String> events = new ArrayList<>();

    /** Records what reaches the end of a chain. */
    private <T> void record(Deferred<T> deferred) {
        deferred.addCallbacks(value -> {
            events.add("value " + value);
            return null;
        }, failure -> {
            events.add("failure " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
            return null;
        });
    }

    @Test
    void eachCallbacksReturnValueIsTheNextOnesArgument() {
        Deferred<String> deferred = new Deferred<>();
        Deferred<Integer> length = deferred.addCallback(String::length).addCallback(n -> n * 10);
        record(length);
        assertEquals(List.of(), events, "nothing runs before the result arrives");

        deferred.callback("hello");

        assertEquals(List.of("value 50"), events);
        assertSame(deferred, length, "one chain, one object");
    }

    @Test
    void aThrowingCallbackSkipsCallbacksUntilAnErrbackWhichRecoversTheChain() {
        Deferred<String> deferred = new Deferred<>();
        deferred.addCallback(text -> {
            throw new IOException("bad " + text);
        }).addCallback(ignored -> {
            events.add("skipped callback ran");
            return ignored;
        }).addErrback(failure -> "recovered from " + failure.getMessage())
                .addCallback(text -> {
                    events.add(String.valueOf(text));
                    return null;
                });

        deferred.callback("input");

        assertEquals(List.of("recovered from bad input"), events);
    }

    @Test
    void anErrbackThatRethrowsPassesTheSameFailureOn() {
        IOException original = new IOException("lost");
        Deferred<String> deferred = Deferred.failed(original);
        Throwable[] seen = new Throwable[1];
        deferred.addErrback(failure -> {
            throw failure;
        }).addErrback(failure -> {
            seen[0] = failure;
            return "ok";
        });
        assertSame(original, seen[0]);
    }

    @Test
    void addCallbacksRunsExactlyOneSideSoTheErrbackDoesNotSeeTheCallbacksFailure() {
        Deferred<String> deferred = new Deferred<>();
        deferred.addCallbacks(value -> {
            throw new IllegalStateException("from the callback");
        }, failure -> {
            events.add("side errback ran");
            return "no";
        });
        record(deferred);

        deferred.callback("x");

        assertEquals(List.of("failure IllegalStateException: from the callback"), events);
    }

    @Test
    void callbacksAddedAfterTheResultArrivedRunAtOnceInsideTheAddCall() {
        Deferred<Integer> deferred = Deferred.succeeded(4);
        deferred.addCallback(n -> {
            events.add("ran with " + n);
            return n;
        });
        assertEquals(List.of("ran with 4"), events);
    }

    @Test
    void aCallbackThatAddsToItsOwnChainHasTheNewLinkRunNextNotNested() {
        Deferred<String> deferred = new Deferred<>();
        deferred.addCallback(value -> {
            deferred.addCallback(v -> {
                events.add("added inside, ran after the outer returned");
                return v;
            });
            events.add("outer returns");
            return value;
        });
        deferred.callback("x");
        assertEquals(List.of("outer returns", "added inside, ran after the outer returned"), events);
    }

    @Test
    void firingTwiceIsAnError() {
        Deferred<String> deferred = new Deferred<>();
        deferred.callback("once");
        assertThrows(IllegalStateException.class, () -> deferred.callback("twice"));
        assertThrows(IllegalStateException.class, () -> deferred.errback(new IOException()));
        record(deferred);
        assertEquals(List.of("value once"), events);
    }

    // ---------------------------------------------------------------------------------------------
    // Chaining

    @Test
    void aCallbackReturningAPendingDeferredPausesTheChainUntilThatFires() {
        Deferred<String> outer = new Deferred<>();
        Deferred<Integer> inner = new Deferred<>();
        outer.addDeferredCallback(text -> inner).addCallback(n -> n + 1).addCallback(n -> {
            events.add("got " + n);
            return null;
        });

        outer.callback("go");
        assertEquals(List.of(), events, "waiting for inner");
        assertTrue(outer.toString().contains("waiting for"), outer.toString());

        inner.callback(41);
        assertEquals(List.of("got 42"), events);
    }

    @Test
    void aCallbackReturningAFiredDeferredContinuesAtOnceWithItsResult() {
        Deferred<String> outer = new Deferred<>();
        record(outer.addDeferredCallback(text -> Deferred.succeeded(text + "!")));
        outer.callback("hi");
        assertEquals(List.of("value hi!"), events);
    }

    @Test
    void aChainedDeferredsFailureContinuesDownTheOuterChain() {
        Deferred<String> outer = new Deferred<>();
        Deferred<String> inner = new Deferred<>();
        record(outer.addDeferredCallback(text -> inner));
        outer.callback("x");
        inner.errback(new IOException("inner failed"));
        assertEquals(List.of("failure IOException: inner failed"), events);
    }

    @Test
    void aDeferredErrbackRetries() {
        int[] attempts = {0};
        Deferred<String> first = Deferred.failed(new IOException("first try"));
        record(first.addDeferredErrback(failure -> {
            attempts[0]++;
            return Deferred.succeeded("second try");
        }));
        assertEquals(1, attempts[0]);
        assertEquals(List.of("value second try"), events);
    }

    @Test
    void aLongRunOfChainedDeferredsFiringAtOnceDoesNotDeepenTheStack() {
        // Each Deferred waits for the next; firing the last one resolves 100 000 of them.
        int depth = 100_000;
        Deferred<Integer> last = new Deferred<>();
        Deferred<Integer> head = last;
        for (int i = 0; i < depth; i++) {
            Deferred<Integer> waitingFor = head;
            Deferred<Integer> outer = new Deferred<>();
            outer.callback(0);
            head = outer.addDeferredCallback(ignored -> waitingFor).addCallback(n -> n + 1);
        }
        record(head);

        last.callback(0);

        assertEquals(List.of("value " + depth), events);
    }

    @Test
    void aCallbackReturningItsOwnDeferredFailsTheChainInsteadOfWaitingForever() {
        Deferred<String> deferred = new Deferred<>();
        Deferred<String> same = deferred.addDeferredCallback(text -> deferred);
        record(same);
        deferred.callback("x");
        assertEquals(1, events.size());
        assertTrue(events.get(0).startsWith("failure IllegalStateException"), events.get(0));
    }

    // ---------------------------------------------------------------------------------------------
    // Cancelling

    @Test
    void cancelRunsTheCancellerAndFailsWithCancellationExceptionUnlessTheCancellerFired() {
        List<Deferred<String>> cancelled = new ArrayList<>();
        Deferred<String> deferred = new Deferred<>(cancelled::add);
        record(deferred);

        deferred.cancel();

        assertEquals(List.of(deferred), cancelled);
        assertEquals(List.of("failure CancellationException: the Deferred was cancelled"), events);
        assertThrows(IllegalStateException.class, () -> deferred.callback("late"),
                "a canceller was there to stop the producer, so a late fire is a bug");
    }

    @Test
    void aCancellerMayFireTheDeferredItselfWithWhatItHas() {
        Deferred<String> deferred = new Deferred<>(self -> self.callback("partial"));
        record(deferred);
        deferred.cancel();
        assertEquals(List.of("value partial"), events);
    }

    @Test
    void withoutACancellerTheProducersLateFireIsDroppedOnce() {
        Deferred<String> deferred = new Deferred<>();
        record(deferred);
        deferred.cancel();
        deferred.callback("late, and ignored");
        assertEquals(List.of("failure CancellationException: the Deferred was cancelled"), events);
        assertThrows(IllegalStateException.class, () -> deferred.callback("twice late"));
    }

    @Test
    void aThrowingCancellerStillCancelsWithTheExceptionAsCause() {
        IllegalStateException boom = new IllegalStateException("canceller broke");
        Deferred<String> deferred = new Deferred<>(self -> {
            throw boom;
        });
        Throwable[] seen = new Throwable[1];
        deferred.addErrback(failure -> {
            seen[0] = failure;
            return null;
        });
        deferred.cancel();
        assertInstanceOf(CancellationException.class, seen[0]);
        assertSame(boom, seen[0].getCause());
    }

    @Test
    void cancellingADeferredThatWaitsForAnotherCancelsTheOther() {
        Deferred<String> inner = new Deferred<>(self -> events.add("inner cancelled"));
        Deferred<String> outer = Deferred.succeeded("x");
        record(outer.addDeferredCallback(text -> inner));

        outer.cancel();

        assertEquals(List.of("inner cancelled", "failure CancellationException: the Deferred was cancelled"), events);
    }

    @Test
    void cancellingAFiredDeferredDoesNothing() {
        Deferred<String> deferred = Deferred.succeeded("done");
        deferred.cancel();
        record(deferred);
        assertEquals(List.of("value done"), events);
    }

    // ---------------------------------------------------------------------------------------------
    // Timeouts

    @Test
    void withTimeoutFailsWithTimeoutExceptionWhenNoResultCameInTime() {
        ManualClock clock = new ManualClock();
        List<Deferred<String>> cancelled = new ArrayList<>();
        Deferred<String> deferred = new Deferred<String>(cancelled::add).withTimeout(Duration.ofSeconds(5), clock);
        record(deferred);

        clock.advance(Duration.ofMillis(4999));
        assertEquals(List.of(), events);
        clock.advance(Duration.ofMillis(1));

        assertEquals(List.of("failure TimeoutException: no result within 5000 ms"), events);
        assertEquals(1, cancelled.size(), "the canceller stopped the work");
        assertEquals(0, clock.pendingCalls());
    }

    @Test
    void aResultInTimeDropsTheTimer() {
        ManualClock clock = new ManualClock();
        Deferred<String> deferred = new Deferred<String>().withTimeout(Duration.ofSeconds(5), clock);
        record(deferred);
        deferred.callback("in time");
        assertEquals(0, clock.pendingCalls(), "the timer is cancelled");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of("value in time"), events);
    }

    @Test
    void aPlainCancelBeforeTheTimeoutStaysACancellation() {
        ManualClock clock = new ManualClock();
        Deferred<String> deferred = new Deferred<String>().withTimeout(Duration.ofSeconds(5), clock);
        record(deferred);
        deferred.cancel();
        assertEquals(List.of("failure CancellationException: the Deferred was cancelled"), events);
        assertEquals(0, clock.pendingCalls());
    }

    @Test
    void onAReactorThatHasShutDownWithTimeoutSetsNoTimerAndLeavesTheChainAlone() {
        ManualClock clock = new ManualClock();
        Reactor reactor = Reactor.open(clock.timers());
        reactor.close();
        Deferred<String> deferred = new Deferred<String>().withTimeout(Duration.ofSeconds(5), reactor);
        record(deferred);
        assertEquals(0, clock.pendingCalls());
        deferred.callback("from its source");
        assertEquals(List.of("value from its source"), events);
    }

    @Test
    void theTimeoutCoversAChainedDeferredAndCancelsIt() {
        ManualClock clock = new ManualClock();
        Deferred<String> slow = new Deferred<>(self -> events.add("slow step cancelled"));
        Deferred<String> deferred = Deferred.succeeded("start")
                .addDeferredCallback(text -> slow)
                .withTimeout(Duration.ofSeconds(1), clock);
        record(deferred);

        clock.advance(Duration.ofSeconds(1));

        assertEquals(List.of("slow step cancelled", "failure TimeoutException: no result within 1000 ms"), events);
    }

    // ---------------------------------------------------------------------------------------------
    // toFuture, without threads (DeferredThreadsTest crosses threads)

    @Test
    void toFutureCompletesWithTheValueAndEndsTheChain() throws Exception {
        Deferred<String> deferred = new Deferred<>();
        CompletableFuture<String> future = deferred.toFuture();
        assertFalse(future.isDone());
        deferred.callback("v");
        assertEquals("v", future.get());
        Object[] after = {"not run"};
        deferred.addCallback(rest -> after[0] = rest);
        assertNull(after[0], "the chain goes on with null");
    }

    @Test
    void toFutureTakesTheFailure() {
        Deferred<String> deferred = new Deferred<>();
        CompletableFuture<String> future = deferred.toFuture();
        deferred.errback(new TimeoutException("slow"));
        ExecutionException e = assertThrows(ExecutionException.class, future::get);
        assertInstanceOf(TimeoutException.class, e.getCause());
    }
}
