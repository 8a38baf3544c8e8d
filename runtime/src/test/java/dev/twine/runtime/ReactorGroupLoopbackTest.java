package dev.twine.runtime;

import static dev.twine.runtime.Loopback.anyPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Four reactors, 1,000 clients over loopback: every connection is served by exactly one thread,
 * its reactor's, for its whole life; and every cross-reactor message, sent through the mailboxes
 * as the connections are served, arrives exactly once and in order per sender.
 */
@Timeout(120)
class ReactorGroupLoopbackTest {

    private static final int REACTORS = 4;
    private static final int CLIENTS = 1_000;

    /** A message from one reactor to another: the sender's index and its count of messages to that target. */
    record Note(int from, int seq, int client) {}

    /** Everything one reactor saw; touched only on that reactor's thread, read through it at the end. */
    static final class Ledger {
        final int index;
        final Thread thread = Thread.currentThread();
        /** The first few things that went wrong; one is enough to fail. */
        final List<String> problems = new ArrayList<>();
        final Set<Integer> clientsServed = new HashSet<>();
        final int[] sentTo = new int[REACTORS];
        final int[] nextFrom = new int[REACTORS];
        final CountDownLatch closes;
        int closed;
        Mailbox<Note>[] mailboxes;

        Ledger(int index, CountDownLatch closes) {
            this.index = index;
            this.closes = closes;
        }

        void onNote(Note note) {
            check("note");
            if (note.seq() != nextFrom[note.from()]) {
                problem("reactor " + index + " got seq " + note.seq() + " from " + note.from()
                        + ", expected " + nextFrom[note.from()]);
            }
            nextFrom[note.from()] = note.seq() + 1;
        }

        void check(String callback) {
            if (Thread.currentThread() != thread) {
                problem(callback + " for reactor " + index + " ran on " + Thread.currentThread().getName());
            }
        }

        void problem(String what) {
            if (problems.size() < 10) {
                problems.add(what);
            }
        }
    }

    /** A served connection: reads the client's number, tells every other reactor, answers with its reactor's index. */
    static final class Served implements Protocol {
        private final Ledger ledger;
        private final Thread servingThread = Thread.currentThread();
        private Transport transport;

        Served(Ledger ledger) {
            this.ledger = ledger;
        }

        private void sameThread(String callback) {
            ledger.check(callback);
            if (Thread.currentThread() != servingThread) {
                ledger.problem(callback + " moved threads");
            }
        }

        @Override
        public void onConnect(Transport transport) {
            sameThread("onConnect");
            this.transport = transport;
        }

        @Override
        public void onBytes(ByteBuffer data) {
            sameThread("onBytes");
            int client = data.getInt();
            if (!ledger.clientsServed.add(client)) {
                ledger.problem("client " + client + " served twice by reactor " + ledger.index);
            }
            for (int target = 0; target < REACTORS; target++) {
                if (target != ledger.index) {
                    ledger.mailboxes[target].send(new Note(ledger.index, ledger.sentTo[target]++, client));
                }
            }
            transport.write(ByteBuffer.allocate(4).putInt(ledger.index).flip());
        }

        @Override
        public void onClose(CloseReason reason) {
            sameThread("onClose");
            ledger.closed++;
            ledger.closes.countDown();
        }
    }

    /** A client: sends its number, keeps the index of the reactor that answered, then closes. */
    static final class Client implements Protocol {
        final int number;
        int servedBy = -1;
        boolean closed;
        private Transport transport;

        Client(int number) {
            this.number = number;
        }

        @Override
        public void onConnect(Transport transport) {
            this.transport = transport;
            transport.write(ByteBuffer.allocate(4).putInt(number).flip());
        }

        @Override
        public void onBytes(ByteBuffer data) {
            servedBy = data.getInt();
            transport.close();
        }

        @Override
        public void onClose(CloseReason reason) {
            closed = true;
        }
    }

    @ParameterizedTest
    @EnumSource(AcceptStrategy.class)
    void everyConnectionIsServedByOneThreadAndEveryMessageArrivesOnceInOrder(AcceptStrategy strategy)
            throws Exception {
        assumeTrue(strategy.isSupported(), strategy + " is not supported here");
        CountDownLatch serverCloses = new CountDownLatch(CLIENTS);
        try (ReactorGroup group = ReactorGroup.start(REACTORS); Reactor clients = Reactor.open()) {
            List<Ledger> ledgers = new ArrayList<>();
            for (int i = 0; i < REACTORS; i++) {
                int index = i;
                ledgers.add(on(group.reactor(i), () -> new Ledger(index, serverCloses)));
            }
            @SuppressWarnings("unchecked")
            Mailbox<Note>[] mailboxes = (Mailbox<Note>[]) new Mailbox<?>[REACTORS];
            for (int i = 0; i < REACTORS; i++) {
                mailboxes[i] = new Mailbox<>(group.reactor(i), ledgers.get(i)::onNote);
            }
            for (int i = 0; i < REACTORS; i++) {
                Ledger ledger = ledgers.get(i);
                on(group.reactor(i), () -> ledger.mailboxes = mailboxes);
            }
            ListeningPort port = group.listenTcp(anyPort(), strategy,
                    reactor -> () -> new Served(ledgers.get(group.reactors().indexOf(reactor))));

            List<Client> connected = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Client client = new Client(i);
                connected.add(client);
                clients.connectTcp(port.localAddress(), client, e -> {
                    throw new AssertionError("connect failed: " + e);
                });
            }
            assertTrue(clients.runUntil(() -> connected.stream().allMatch(c -> c.closed), Duration.ofSeconds(90)),
                    "every client answered and closed");

            // The servers hear the closes a little later. Each note was queued before its
            // connection's close, so once the closes are in, every note is ahead of the reads below.
            assertTrue(serverCloses.await(30, TimeUnit.SECONDS), "every server connection closed");

            Map<Integer, Integer> servedBy = new HashMap<>();
            int[] perReactor = new int[REACTORS];
            for (Client client : connected) {
                assertTrue(client.servedBy >= 0, "client " + client.number + " was answered");
                servedBy.put(client.number, client.servedBy);
                perReactor[client.servedBy]++;
            }
            for (int i = 0; i < REACTORS; i++) {
                Ledger ledger = ledgers.get(i);
                int index = i;
                List<String> problems = on(group.reactor(i), () -> List.copyOf(ledger.problems));
                Set<Integer> served = on(group.reactor(i), () -> Set.copyOf(ledger.clientsServed));
                int closed = on(group.reactor(i), () -> ledger.closed);
                assertEquals(List.of(), problems, "reactor " + i);
                assertEquals(perReactor[i], served.size(), "reactor " + i + " served the clients it answered");
                served.forEach(client -> assertEquals(index, servedBy.get(client), "client " + client));
                assertEquals(served.size(), closed, "reactor " + i + ": every connection closed on it");
                assertTrue(served.size() > 0, "reactor " + i + " got connections");
                if (strategy == AcceptStrategy.ACCEPTOR) {
                    assertEquals(CLIENTS / REACTORS, served.size(), "round robin: exactly even");
                }
            }
            // Every note sent from s to t arrived at t, once each, in order (checked as they came).
            for (int target = 0; target < REACTORS; target++) {
                int[] arrived = on(group.reactor(target), ledgers.get(target).nextFrom::clone);
                for (int sender = 0; sender < REACTORS; sender++) {
                    int sent = on(group.reactor(sender), ledgers.get(sender).sentTo::clone)[target];
                    assertEquals(sent, arrived[sender], "notes from " + sender + " to " + target);
                    if (sender != target) {
                        assertEquals(perReactor[sender], sent, "one note per client served");
                    }
                }
            }
            port.close();
        }
    }

    /** Runs {@code work} on {@code reactor}'s thread and waits for it: how the test reads reactor state. */
    private static <V> V on(Reactor reactor, Supplier<V> work) throws Exception {
        return CompletableFuture.supplyAsync(work, reactor).get(30, TimeUnit.SECONDS);
    }

}
