package dev.twine.runtime;

import static dev.twine.runtime.Loopback.anyPort;
import static dev.twine.runtime.Loopback.await;
import static dev.twine.runtime.Loopback.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reactor's answer to a selector that keeps returning with nothing to do (the epoll spin bug):
 * counted, and past the threshold every channel moves to a new selector and goes on as before.
 * The spin is forced the way it looks from the loop — {@code Selector.wakeup()} with no task behind
 * it makes select return at once with no key ready — so the test is deterministic.
 */
@Timeout(60)
class SelectorRebuildTest {

    private static final Duration LONG_WAIT = Duration.ofSeconds(5);

    private final Reactor reactor = Reactor.open();

    @AfterEach
    void closeReactor() {
        reactor.close();
    }

    /** One turn that a wakeup nobody asked for cuts short: it must find nothing to do. */
    private void prematureWakeup() {
        reactor.selector().wakeup();
        long started = System.nanoTime();
        assertEquals(0, reactor.runOnce(LONG_WAIT), "nothing was ready");
        assertTrue(System.nanoTime() - started < LONG_WAIT.toNanos() / 2, "select returned early");
    }

    /** A server protocol that pauses reading at its first bytes, keeping them for its resume. */
    private static final class Pauser extends Echo {
        final StringBuilder read = new StringBuilder();

        @Override
        public void onBytes(ByteBuffer data) {
            if (read.length() == 0) {
                read.append((char) data.get());
                transport.pauseReading();
                return;
            }
            read.append(StandardCharsets.UTF_8.decode(data));
        }
    }

    @Test
    void prematureWakeupsInARowMoveEveryChannelToANewSelector() throws IOException {
        reactor.setSelectorRebuildThreshold(3);
        // An echo connection (interest: read), a paused one (interest: none), and one blocked on a
        // peer that does not read (interest: read and write), all with the listener (accept).
        Pauser[] paused = new Pauser[1];
        int[] accepted = new int[1];
        Echo[] blocked = new Echo[1];
        ListeningPort port = reactor.listenTcp(anyPort(), () -> {
            accepted[0]++;
            return switch (accepted[0]) {
                case 2 -> paused[0] = new Pauser();
                case 3 -> blocked[0] = new Echo();
                default -> new Echo();
            };
        });
        Recorder echoClient = connect(reactor, port, new Recorder("one"));
        await(reactor, "the echo", () -> echoClient.text().equals("one"));
        Recorder pausedClient = connect(reactor, port, new Recorder("abc"));
        await(reactor, "the pause", () -> paused[0] != null && paused[0].read.length() == 1);
        try (SocketChannel nonReader = SocketChannel.open()) {
            nonReader.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            nonReader.connect(port.localAddress());
            await(reactor, "the third connection", () -> blocked[0] != null);
            // More than the kernel's buffers on both sides take, so that some stays queued here.
            byte[] lots = new byte[16 << 20];
            blocked[0].transport.write(lots);
            await(reactor, "the socket stops taking bytes", () -> {
                long before = blocked[0].transport.pendingWriteBytes();
                reactor.runOnce(Duration.ofMillis(20));
                return before > 0 && blocked[0].transport.pendingWriteBytes() == before;
            });

            Selector old = reactor.selector();
            prematureWakeup();
            prematureWakeup();
            assertSame(old, reactor.selector(), "two in a row are under the threshold");
            prematureWakeup();
            assertNotSame(old, reactor.selector());
            assertFalse(old.isOpen(), "the old selector is closed");
            assertEquals(1, reactor.selectorRebuilds());
            assertEquals(6, reactor.selector().keys().size(),
                    "the listener, three server connections and the two clients moved");

            // Each goes on where it was.
            echoClient.transport.write("two".getBytes(StandardCharsets.UTF_8));
            await(reactor, "the echo after the move", () -> echoClient.text().equals("onetwo"));
            Recorder newcomer = connect(reactor, port, new Recorder("new"));
            await(reactor, "a new connection is accepted and served", () -> newcomer.text().equals("new"));
            assertEquals("a", paused[0].read.toString(), "still paused");
            paused[0].transport.resumeReading();
            await(reactor, "the paused one resumes with its kept bytes", () -> paused[0].read.toString().equals("abc"));
            pausedClient.transport.write("de".getBytes(StandardCharsets.UTF_8));
            await(reactor, "and reads from its socket again", () -> paused[0].read.toString().equals("abcde"));
            ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
            nonReader.configureBlocking(false);
            long[] drained = new long[1];
            await(reactor, "the blocked writes finish once the peer reads", () -> {
                try {
                    int n;
                    while ((n = nonReader.read(sink.clear())) > 0) {
                        drained[0] += n;
                    }
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                return drained[0] == lots.length;
            });
            assertEquals(0, blocked[0].transport.pendingWriteBytes());
            reactor.runOnce(Duration.ofMillis(10));
            SelectionKey blockedKey = reactor.selector().keys().stream()
                    .filter(key -> key.attachment() == blocked[0].transport).findFirst().orElseThrow();
            assertEquals(SelectionKey.OP_READ, blockedKey.interestOps(), "drained: no longer waiting to write");
        }
        assertFalse(pausedClient.isClosed());
    }

    @Test
    void aTurnThatDoesSomethingStartsTheCountAgain() {
        reactor.setSelectorRebuildThreshold(3);
        Selector original = reactor.selector();
        prematureWakeup();
        prematureWakeup();
        reactor.callFromThread(() -> {});
        assertEquals(1, reactor.runOnce(Duration.ofMillis(10)), "the task ran");
        prematureWakeup();
        prematureWakeup();
        assertSame(original, reactor.selector());
        prematureWakeup();
        assertNotSame(original, reactor.selector(), "the third in a row since the task");
    }

    @Test
    void zeroNeverRebuilds() {
        reactor.setSelectorRebuildThreshold(0);
        Selector original = reactor.selector();
        for (int i = 0; i < 20; i++) {
            prematureWakeup();
        }
        assertSame(original, reactor.selector());
        assertThrows(IllegalArgumentException.class, () -> reactor.setSelectorRebuildThreshold(-1));
    }

    @Test
    void anInterruptIsNotASpinningSelector_aSteppingThreadKeepsIt() {
        reactor.setSelectorRebuildThreshold(1);
        Selector original = reactor.selector();
        Thread.currentThread().interrupt();
        reactor.runOnce(LONG_WAIT);
        assertTrue(Thread.interrupted(), "the stepping thread's interrupt is its own");
        assertSame(original, reactor.selector());
    }

    @Test
    void anInterruptUnderRunIsClearedSoTheLoopDoesNotSpin() throws Exception {
        Reactor running = Reactor.open();
        Thread thread = new Thread(running::run, "interrupted-reactor");
        try {
            CompletableFuture<Void> started = new CompletableFuture<>();
            running.callFromThread(() -> {
                running.setSelectorRebuildThreshold(1);
                started.complete(null);
            });
            thread.start();
            started.get(10, TimeUnit.SECONDS);
            Selector original = CompletableFuture.supplyAsync(running::selector, running).get(10, TimeUnit.SECONDS);

            thread.interrupt();
            // If the interrupt stayed set, every select would return at once: a loop at full speed.
            // Cleared, the next select waits. A task drained in a turn that began before the interrupt
            // may still see it set, so ask again, each time a turn later; a few turns are plenty.
            Boolean interrupted = null;
            for (int turn = 0; turn < 100 && !Boolean.FALSE.equals(interrupted); turn++) {
                interrupted = CompletableFuture.supplyAsync(() -> Thread.currentThread().isInterrupted(), running)
                        .get(10, TimeUnit.SECONDS);
            }
            assertEquals(Boolean.FALSE, interrupted, "the reactor cleared its thread's interrupt");
            assertSame(original, CompletableFuture.supplyAsync(running::selector, running).get(10, TimeUnit.SECONDS),
                    "an interrupt is not counted as a spinning selector");
            assertTrue(running.isRunning());
        } finally {
            running.callFromThread(running::stop);
            thread.join(10_000);
        }
    }
}
