package dev.twine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** all (fail-fast), allSettled (collect) and first (race). */
class DeferredGatheringTest {

    private final List<Object> values = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    private <T> void record(Deferred<T> deferred) {
        deferred.addCallbacks(value -> values.add(value), failure -> failures.add(failure));
    }

    @Test
    void allFiresWithEveryValueInTheGivenOrderWhateverOrderTheyArriveIn() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        Deferred<String> c = new Deferred<>();
        record(Deferred.all(List.of(a, b, c)));

        c.callback("c");
        a.callback("a");
        assertEquals(List.of(), values, "b is missing");
        b.callback("b");

        assertEquals(List.of(List.of("a", "b", "c")), values);
    }

    @Test
    void allFailsFastWithTheFirstFailureAndLeavesTheOthersRunning() {
        List<String> cancelled = new ArrayList<>();
        Deferred<String> a = new Deferred<>(self -> cancelled.add("a"));
        Deferred<String> b = new Deferred<>(self -> cancelled.add("b"));
        record(Deferred.all(List.of(a, b)));
        IOException first = new IOException("first");

        a.errback(first);

        assertEquals(List.of(first), failures);
        assertEquals(List.of(), cancelled, "fail-fast does not cancel the rest");
        b.errback(new IOException("second, taken by all() and not reported"));
        assertEquals(List.of(first), failures);
    }

    @Test
    void allHandsValuesOnButTakesFailuresFromTheInputsChains() {
        Deferred<String> ok = new Deferred<>();
        Deferred<String> bad = new Deferred<>();
        Deferred.all(List.of(ok, bad)).addErrback(failure -> List.of());
        ok.callback("kept");
        bad.errback(new IOException("taken"));
        record(ok);
        record(bad);
        assertEquals(Arrays.asList("kept", null), values);
        assertEquals(List.of(), failures);
    }

    @Test
    void cancellingAllCancelsEveryInputNotYetFired() {
        List<String> cancelled = new ArrayList<>();
        Deferred<String> done = Deferred.succeeded("done");
        Deferred<String> pending = new Deferred<>(self -> cancelled.add("pending"));
        Deferred<List<String>> all = Deferred.all(List.of(done, pending));
        record(all);

        all.cancel();

        assertEquals(List.of("pending"), cancelled);
        assertEquals(1, failures.size());
        assertInstanceOf(CancellationException.class, failures.get(0));
    }

    @Test
    void allOfNothingIsAnEmptyListAtOnce() {
        record(Deferred.all(List.of()));
        assertEquals(List.of(List.of()), values);
    }

    @Test
    void allSettledWaitsForEveryOneAndNeverFails() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        record(Deferred.allSettled(List.of(a, b)));
        IOException lost = new IOException("lost");

        b.errback(lost);
        assertEquals(List.of(), values, "a has not settled");
        a.callback("a");

        assertEquals(1, values.size());
        @SuppressWarnings("unchecked")
        List<Deferred.Outcome<String>> outcomes = (List<Deferred.Outcome<String>>) values.get(0);
        assertTrue(outcomes.get(0).succeeded());
        assertEquals("a", outcomes.get(0).value());
        assertFalse(outcomes.get(1).succeeded());
        assertSame(lost, outcomes.get(1).failure());
        assertNull(outcomes.get(1).value());
        assertEquals(List.of(), failures);
    }

    @Test
    void firstFiresWithTheFirstValueAndCancelsTheRest() {
        List<String> cancelled = new ArrayList<>();
        Deferred<String> slow = new Deferred<>(self -> cancelled.add("slow"));
        Deferred<String> fast = new Deferred<>(self -> cancelled.add("fast"));
        Deferred<String> failing = new Deferred<>(self -> cancelled.add("failing"));
        record(Deferred.first(List.of(slow, fast, failing)));

        failing.errback(new IOException("a failure does not win"));
        assertEquals(List.of(), values);
        fast.callback("fast");

        assertEquals(List.of("fast"), values);
        assertEquals(List.of("slow"), cancelled, "only the one still pending");
        assertEquals(List.of(), failures);
    }

    @Test
    void firstWithAnAlreadyFiredInputWinsAtOnceAndCancelsTheOthersEvenThoseAfterIt() {
        List<String> cancelled = new ArrayList<>();
        Deferred<String> before = new Deferred<>(self -> cancelled.add("before"));
        Deferred<String> after = new Deferred<>(self -> cancelled.add("after"));
        record(Deferred.first(List.of(before, Deferred.succeeded("ready"), after)));
        assertEquals(List.of("ready"), values);
        assertEquals(List.of("before", "after"), cancelled);
    }

    @Test
    void firstFailsWithEveryFailureWhenAllFail() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        record(Deferred.first(List.of(a, b)));
        IOException second = new IOException("b");
        IOException firstToFail = new IOException("a");

        b.errback(second);
        assertEquals(List.of(), failures);
        a.errback(firstToFail);

        assertEquals(1, failures.size());
        AllFailedException all = assertInstanceOf(AllFailedException.class, failures.get(0));
        assertEquals(List.of(firstToFail, second), all.failures(), "in the order given");
        assertEquals(2, all.getSuppressed().length);
    }

    @Test
    void cancellingFirstIsACancellationNotAnAllFailed() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        Deferred<String> first = Deferred.first(List.of(a, b));
        record(first);
        first.cancel();
        assertEquals(1, failures.size());
        assertInstanceOf(CancellationException.class, failures.get(0));
        assertTrue(a.isFired() && b.isFired(), "both were cancelled");
    }

    @Test
    void firstOfNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Deferred.first(List.of()));
    }
}
