package dev.twine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MailboxTest {

    record Numbered(int sender, int seq) {}

    @Test
    void messagesFromManyThreadsArriveOnTheOwnersThreadOnceEachInOrderPerSender() throws Exception {
        int senders = 4;
        int perSender = 5_000;
        try (ReactorGroup group = ReactorGroup.start(1)) {
            Reactor owner = group.reactor(0);
            int[] next = new int[senders];          // touched only on the owner's thread
            List<String> problems = new ArrayList<>();
            Mailbox<Numbered> mailbox = new Mailbox<>(owner, message -> {
                if (!owner.isReactorThread()) {
                    problems.add("delivered on " + Thread.currentThread().getName());
                }
                if (message.seq() != next[message.sender()]) {
                    problems.add("sender " + message.sender() + ": got " + message.seq() + ", expected " + next[message.sender()]);
                }
                next[message.sender()] = message.seq() + 1;
            });
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                threads.add(new Thread(() -> {
                    for (int seq = 0; seq < perSender; seq++) {
                        mailbox.send(new Numbered(sender, seq));
                    }
                }, "sender-" + s));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            // Queued after every message: when this runs, all have been delivered.
            int[] delivered = CompletableFuture.supplyAsync(next::clone, owner).get(30, TimeUnit.SECONDS);
            List<String> seen = CompletableFuture.supplyAsync(() -> List.copyOf(problems), owner).get(30, TimeUnit.SECONDS);

            assertEquals(List.of(), seen);
            for (int s = 0; s < senders; s++) {
                assertEquals(perSender, delivered[s], "sender " + s + ": each message exactly once");
            }
        }
    }

    @Test
    void aMessageIsNeverDeliveredInsideSendEvenOnTheOwnersThread() {
        try (Reactor reactor = Reactor.open()) {
            List<String> got = new ArrayList<>();
            Mailbox<String> mailbox = new Mailbox<>(reactor, got::add);
            mailbox.send("hello");
            assertEquals(List.of(), got);
            reactor.runOnce(Duration.ZERO);
            assertEquals(List.of("hello"), got);
            assertSame(reactor, mailbox.owner());
        }
    }

    @Test
    void sendingToAClosedReactorFails() {
        Reactor reactor = Reactor.open();
        reactor.close();
        Mailbox<String> mailbox = new Mailbox<>(reactor, message -> {});
        assertThrows(IllegalStateException.class, () -> mailbox.send("too late"));
    }

    @Test
    void askRunsTheQuestionOnTheOwnerAndTheAnswerComesBackOnTheAskersThread() throws Exception {
        try (ReactorGroup group = ReactorGroup.start(2)) {
            Reactor asker = group.reactor(0);
            Reactor owner = group.reactor(1);
            List<String> trail = new ArrayList<>(); // touched on both threads, but never at once: ask's messages order them
            CompletableFuture<List<String>> done = new CompletableFuture<>();
            asker.callFromThread(() -> Mailbox.ask(asker, owner, () -> {
                trail.add("question on " + Thread.currentThread().getName());
                return 42;
            }).addCallback(answer -> {
                trail.add("answer " + answer + " on " + Thread.currentThread().getName());
                done.complete(List.copyOf(trail));
                return null;
            }));

            assertEquals(List.of("question on twine-reactor-1", "answer 42 on twine-reactor-0"),
                    done.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void whatTheQuestionThrowsFailsTheAnswer() throws Exception {
        try (ReactorGroup group = ReactorGroup.start(2)) {
            Reactor asker = group.reactor(0);
            IOException unavailable = new IOException("partition unavailable");
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            asker.callFromThread(() -> Mailbox.ask(asker, group.reactor(1), () -> {
                throw unavailable;
            }).addCallbacks(value -> failure.complete(null), failure::complete));
            assertSame(unavailable, failure.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void askingAClosedReactorFailsAtOnce() {
        Reactor closed = Reactor.open();
        closed.close();
        try (Reactor here = Reactor.open()) {
            List<Throwable> failures = new ArrayList<>();
            Mailbox.ask(here, closed, () -> 1).addCallbacks(value -> null, failures::add);
            assertEquals(1, failures.size());
            assertInstanceOf(IllegalStateException.class, failures.get(0));
        }
    }

    @Test
    void askIsForTheAskingReactorsThread() throws Exception {
        try (Reactor here = Reactor.open()) {
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> CompletableFuture.runAsync(() -> Mailbox.ask(here, here, () -> 1)).get());
            assertTrue(failure.getCause() instanceof IllegalStateException, failure.toString());
        }
    }
}
