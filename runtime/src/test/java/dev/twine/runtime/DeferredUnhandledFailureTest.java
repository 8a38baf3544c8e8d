package dev.twine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The policy for failures nobody handles: reported once, through the handler, when the reactor
 * callback in which the failure was left at the end of a chain returns — and only if it is still
 * there then. A reactor on a ManualClock runs each timer as a callback on the test's thread.
 */
class DeferredUnhandledFailureTest {

    private final List<Throwable> reported = new ArrayList<>();
    private final ManualClock clock = new ManualClock();
    private Reactor reactor;
    private Consumer<? super Throwable> previousHandler;

    @BeforeEach
    void installHandler() {
        previousHandler = Deferred.setUnhandledFailureHandler(reported::add);
        reactor = Reactor.open(clock.timers());
    }

    @AfterEach
    void restoreHandler() {
        reactor.close();
        Deferred.setUnhandledFailureHandler(previousHandler);
    }

    /** Runs {@code body} as a reactor callback, as a timer would. */
    private void inCallback(Runnable body) {
        clock.callLater(Duration.ZERO, body);
        clock.advance(Duration.ZERO);
    }

    @Test
    void aFailureNobodyHandlesIsReportedWhenTheCallbackReturns() {
        IOException lost = new IOException("lost");
        List<Integer> reportedInside = new ArrayList<>();
        inCallback(() -> {
            new Deferred<String>().errback(lost);
            reportedInside.add(reported.size());
        });
        assertEquals(List.of(0), reportedInside, "not while the callback runs");
        assertEquals(List.of(lost), reported);
    }

    @Test
    void aFailureThatFallsThroughCallbacksWithNoErrbackIsReported() {
        IOException lost = new IOException("lost");
        Deferred<String>[] kept = holder();
        inCallback(() -> kept[0] = new Deferred<String>().addCallback(String::trim));
        inCallback(() -> kept[0].errback(lost));
        assertEquals(List.of(lost), reported);
    }

    @Test
    void anErrbackAddedLaterInTheSameCallbackHandlesItEvenAfterCallbacksLetItThrough() {
        inCallback(() -> Deferred.<String>failed(new IOException("handled a line later"))
                .addCallback(String::trim)                 // the failure passes by: for now, at the end
                .addErrback(failure -> "recovered"));
        assertEquals(List.of(), reported);
    }

    @Test
    void aCallbackThatThrowsWithNothingAfterItIsReported() {
        IllegalStateException bug = new IllegalStateException("bug in a callback");
        inCallback(() -> Deferred.succeeded("x").addCallback(value -> {
            throw bug;
        }));
        assertEquals(List.of(bug), reported);
    }

    @Test
    void eachFailureIsReportedOnceEvenIfMoreCallbacksPassItOn() {
        IOException lost = new IOException("lost");
        Deferred<String>[] kept = holder();
        inCallback(() -> kept[0] = Deferred.failed(lost));
        inCallback(() -> kept[0].addCallback(String::trim));
        assertEquals(List.of(lost), reported);
    }

    @Test
    void aNewFailureOnTheSameChainIsReportedAgain() {
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        Deferred<String>[] kept = holder();
        inCallback(() -> kept[0] = Deferred.failed(first));
        inCallback(() -> kept[0].addErrback(failure -> {
            throw second;
        }));
        assertEquals(List.of(first, second), reported);
    }

    @Test
    void aFailureHandedToAWaitingDeferredIsThatOnesToHandle() {
        IOException lost = new IOException("lost");
        inCallback(() -> {
            Deferred<String> inner = new Deferred<>();
            Deferred.succeeded("x").addDeferredCallback(value -> inner).addErrback(failure -> "handled by the outer chain");
            inner.errback(lost);
        });
        assertEquals(List.of(), reported);
    }

    @Test
    void aFailureTakenByGatheringIsNotReportedButTheGatheredOneIs() {
        IOException lost = new IOException("lost");
        inCallback(() -> {
            Deferred<String> a = new Deferred<>();
            Deferred.all(List.of(a, new Deferred<String>()));   // nobody handles all()'s failure
            a.errback(lost);
        });
        assertEquals(List.of(lost), reported, "once, for all(), not again for a");
    }

    @Test
    void aTimeoutNobodyHandlesIsReportedWhenTheTimerCallbackReturns() {
        inCallback(() -> new Deferred<String>().withTimeout(Duration.ofSeconds(1), reactor));
        assertEquals(List.of(), reported);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, reported.size());
        assertTrue(reported.get(0) instanceof java.util.concurrent.TimeoutException, reported.toString());
    }

    @Test
    void aConnectionsCallbackCountsTooOverLoopback() throws Exception {
        IOException lost = new IOException("from onBytes");
        try (Reactor live = Reactor.open()) {
            ListeningPort port = live.listenTcp(Loopback.anyPort(), () -> new Protocol() {
                @Override
                public void onBytes(java.nio.ByteBuffer data) {
                    data.position(data.limit());
                    Deferred.failed(lost);
                }
            });
            Recorder client = Loopback.connect(live, port, new Recorder("x"));
            Loopback.await(live, "reported", () -> !reported.isEmpty());
            assertSame(lost, reported.get(0));
            assertTrue(client.transport.isOpen(), "an unhandled failure is reported, not fatal");
        }
    }

    @Test
    void aHandlerThatThrowsIsLoggedAndTheReactorCarriesOn() {
        Deferred.setUnhandledFailureHandler(failure -> {
            throw new IllegalStateException("handler broke");
        });
        List<String> after = new ArrayList<>();
        inCallback(() -> Deferred.failed(new IOException("x")));
        inCallback(() -> after.add("next callback ran"));
        assertEquals(List.of("next callback ran"), after);
    }

    @Test
    void outsideReactorCallbacksNothingIsKeptOrReported() {
        Deferred.failed(new IOException("in a plain unit test"));
        inCallback(() -> {});
        reactor.runOnce(Duration.ZERO);
        assertEquals(List.of(), reported);
    }

    @SuppressWarnings("unchecked")
    private static Deferred<String>[] holder() {
        return (Deferred<String>[]) new Deferred<?>[1];
    }
}
