package dev.twine.runtime;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A typed way into one reactor from the others: {@link #send} may be called from any thread, and
 * each message reaches the recipient as an ordinary callback on the owner reactor's thread — after
 * the sender's call returns, in the order each sender sent, exactly once — unless the owner closes
 * first: then {@link #send} throws, or a message still queued is dropped with the reactor. Built
 * on {@link Reactor#callFromThread}, which is why no lock is needed on either side.
 *
 * <p>State that must be global (a chat server's rooms, a cache partition) lives on one owner
 * reactor; the others reach it only by message:
 *
 * <pre>{@code
 * sealed interface RoomCommand permits Join, Say {}
 * record Join(String nick, Mailbox<String> replyTo) implements RoomCommand {}
 * record Say(String nick, String text) implements RoomCommand {}
 *
 * Rooms rooms = new Rooms();                         // touched only on roomsReactor's thread
 * Mailbox<RoomCommand> toRooms = new Mailbox<>(roomsReactor, rooms::onCommand);
 *
 * // on any reactor of the group, in a connection's callback:
 * toRooms.send(new Say(nick, line));
 * }</pre>
 *
 * For a question with an answer, {@link #ask} brings the answer back as a {@link Deferred}.
 *
 * @param <M> the type of the messages
 */
public final class Mailbox<M> {

    private final Reactor owner;
    private final Consumer<? super M> recipient;

    /** A mailbox whose messages go to {@code recipient}, on {@code owner}'s thread. Any thread may make one. */
    public Mailbox(Reactor owner, Consumer<? super M> recipient) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.recipient = Objects.requireNonNull(recipient, "recipient");
    }

    /** The reactor on whose thread the messages are delivered. */
    public Reactor owner() {
        return owner;
    }

    /**
     * Queues {@code message} for the recipient; any thread. Never delivered inside this call, even
     * from the owner's own thread. An exception from the recipient is logged, like any task's.
     *
     * @throws IllegalStateException if the owner reactor is closed
     */
    public void send(M message) {
        owner.callFromThread(() -> recipient.accept(message));
    }

    /**
     * Runs {@code question} on {@code owner}'s thread and brings its answer — or what it threw —
     * back to {@code here}'s thread, as a {@link Deferred} that belongs to {@code here}. Two messages,
     * no shared state:
     *
     * <pre>{@code
     * Mailbox.ask(reactor, roomsReactor, () -> rooms.members(room))
     *        .addCallback(members -> { transport.write(list(members)); return null; });
     * }</pre>
     *
     * If {@code owner} is closed, the {@code Deferred} fails with the {@link IllegalStateException}
     * at once; if {@code here} closes before the answer arrives, it never fires. Cancelling it drops
     * the answer when it comes.
     *
     * @throws IllegalStateException off {@code here}'s thread
     */
    public static <R> Deferred<R> ask(Reactor here, Reactor owner, Callable<? extends R> question) {
        here.checkThread();
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(question, "question");
        Deferred<R> answer = Deferred.ownedBy(here);
        try {
            owner.callFromThread(() -> {
                R value;
                try {
                    value = question.call();
                } catch (Throwable t) {
                    answerBack(here, () -> answer.errback(t));
                    return;
                }
                answerBack(here, () -> answer.callback(value));
            });
        } catch (IllegalStateException closed) {
            answer.errback(closed);
        }
        return answer;
    }

    /** Sends an answer back to the asker's reactor; one that has closed meanwhile gets none. */
    private static void answerBack(Reactor here, Runnable answer) {
        try {
            here.callFromThread(answer);
        } catch (IllegalStateException askerClosed) {
            // As documented: the answer never fires. Not the owner's failure, so nothing to log.
        }
    }
}
