package dev.twine.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Deferred;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Transport;
import dev.twine.testing.Chunking;
import dev.twine.testing.ManualClock;
import dev.twine.testing.MemoryPipe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PendingRepliesTest {

    private final ManualClock clock = new ManualClock();
    private final PendingReplies<String> pending = new PendingReplies<>(clock, Duration.ofSeconds(2));
    private final List<String> outcomes = new ArrayList<>();

    private void record(long id, Deferred<String> reply) {
        reply.addCallbacks(value -> outcomes.add(id + ": " + value),
                failure -> outcomes.add(id + ": " + failure.getClass().getSimpleName()));
    }

    @Test
    void eachReplyGoesToTheRequestWithItsIdInWhateverOrderTheyCome() {
        record(1, pending.expect(1));
        record(2, pending.expect(2));
        record(3, pending.expect(3));

        assertTrue(pending.complete(3, "three"));
        assertTrue(pending.complete(1, "one"));
        assertTrue(pending.complete(2, "two"));

        assertEquals(List.of("3: three", "1: one", "2: two"), outcomes);
        assertEquals(0, pending.size());
        assertEquals(0, clock.pendingCalls(), "every timer dropped");
    }

    @Test
    void aReplyToNothingIsRefused() {
        assertFalse(pending.complete(9, "stray"));
        assertFalse(pending.fail(9, new IOException()));
    }

    @Test
    void aRequestWithNoReplyTimesOutAndItsLateReplyIsRefused() {
        record(1, pending.expect(1));
        record(2, pending.expect(2, Duration.ofSeconds(5)));

        clock.advance(Duration.ofMillis(1999));
        assertEquals(List.of(), outcomes);
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("1: TimeoutException"), outcomes);
        assertFalse(pending.isWaiting(1));
        assertTrue(pending.isWaiting(2), "its own, longer timeout");

        assertFalse(pending.complete(1, "late"));
        clock.advance(Duration.ofSeconds(3));
        assertEquals(List.of("1: TimeoutException", "2: TimeoutException"), outcomes);
    }

    @Test
    void cancellingARequestForgetsIt() {
        Deferred<String> reply = pending.expect(5);
        List<Throwable> failures = new ArrayList<>();
        reply.addCallbacks(value -> null, failures::add);
        reply.cancel();
        assertInstanceOf(CancellationException.class, failures.get(0));
        assertFalse(pending.isWaiting(5));
        assertFalse(pending.complete(5, "after the cancel"));
        assertEquals(0, clock.pendingCalls());
    }

    @Test
    void failAllFailsEveryWaitingRequestWithTheCause() {
        IOException closed = new IOException("connection closed");
        List<Throwable> failures = new ArrayList<>();
        for (long id = 0; id < 3; id++) {
            pending.expect(id).addCallbacks(value -> null, failures::add);
        }
        pending.failAll(closed);
        assertEquals(List.of(closed, closed, closed), failures);
        assertEquals(0, pending.size());
    }

    @Test
    void aServersErrorFailsOneRequest() {
        IOException notFound = new IOException("NOT_FOUND");
        List<Throwable> failures = new ArrayList<>();
        pending.expect(4).addCallbacks(value -> null, failures::add);
        assertTrue(pending.fail(4, notFound));
        assertSame(notFound, failures.get(0));
    }

    @Test
    void anIdWaitsForOneReplyAtATime() {
        pending.expect(1);
        assertThrows(IllegalStateException.class, () -> pending.expect(1));
        assertThrows(IllegalArgumentException.class, () -> pending.expect(2, Duration.ZERO));
    }

    /** A server that answers each 8-byte id with the id and its square, holding replies until it has three. */
    static final class SquaresInReverse implements Protocol {
        private final List<Long> held = new ArrayList<>();
        private final ByteBuffer partial = ByteBuffer.allocate(8);
        private Transport transport;

        @Override
        public void onConnect(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void onBytes(ByteBuffer data) {
            while (data.hasRemaining()) {
                partial.put(data.get());
                if (!partial.hasRemaining()) {
                    held.add(partial.flip().getLong());
                    partial.clear();
                }
            }
            if (held.size() == 3) {
                for (int i = held.size() - 1; i >= 0; i--) {
                    long id = held.get(i);
                    transport.write(ByteBuffer.allocate(16).putLong(id).putLong(id * id).flip());
                }
                held.clear();
            }
        }
    }

    /** The client side: requests by id, replies matched through PendingReplies. */
    static final class SquaresClient implements Protocol {
        final PendingReplies<Long> replies;
        private final ByteBuffer partial = ByteBuffer.allocate(16);
        private Transport transport;

        SquaresClient(ManualClock clock) {
            replies = new PendingReplies<>(clock, Duration.ofSeconds(1));
        }

        Deferred<Long> square(long id) {
            transport.write(ByteBuffer.allocate(8).putLong(id).flip());
            return replies.expect(id);
        }

        @Override
        public void onConnect(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void onBytes(ByteBuffer data) {
            while (data.hasRemaining()) {
                partial.put(data.get());
                if (!partial.hasRemaining()) {
                    partial.flip();
                    replies.complete(partial.getLong(), partial.getLong());
                    partial.clear();
                }
            }
        }

        @Override
        public void onClose(CloseReason reason) {
            replies.failAll(new IOException("closed: " + reason));
        }
    }

    @Test
    void overAPipeRepliesInReverseReachTheirRequestsAtEveryChunking() {
        for (int size = 1; size <= 16; size++) {
            SquaresClient client = new SquaresClient(clock);
            MemoryPipe pipe = MemoryPipe.connect(client, new SquaresInReverse(), Chunking.fixed(size));
            List<String> got = new ArrayList<>();
            for (long id = 2; id <= 4; id++) {
                long asked = id;
                client.square(id).addCallback(square -> got.add(asked + "²=" + square));
            }
            pipe.flush();
            assertEquals(List.of("4²=16", "3²=9", "2²=4"), got, "chunks of " + size);

            Deferred<Long> unanswered = client.square(5);
            List<Throwable> failures = new ArrayList<>();
            unanswered.addCallbacks(value -> null, failures::add);
            pipe.server().close();
            pipe.flush();
            assertInstanceOf(IOException.class, failures.get(0), "the connection closed under it");
        }
    }

    @Test
    void aTimeoutComesFromTheSchedulersTimersOnly() {
        SquaresClient client = new SquaresClient(clock);
        MemoryPipe pipe = MemoryPipe.connect(client, new SquaresInReverse());
        List<Throwable> failures = new ArrayList<>();
        client.square(1).addCallbacks(value -> null, failures::add); // the server holds it for two more
        pipe.flush();
        assertEquals(List.of(), failures);
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(TimeoutException.class, failures.get(0));
    }
}
