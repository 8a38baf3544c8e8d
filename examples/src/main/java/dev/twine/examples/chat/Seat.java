package dev.twine.examples.chat;

import dev.twine.runtime.Mailbox;
import dev.twine.runtime.Reactor;
import java.util.function.BiConsumer;

/**
 * A member's place in one room, for one stay: the room's owner keys its members by their seats and
 * sends each what happens in the room through its seat, to the member's own reactor. A member takes
 * a new seat at every join, so a reply from a room it has left — still on its way when it left —
 * names a seat that is no longer the member's, and the member drops it.
 *
 * <p>Made on the member's reactor, kept by the owner's: its one field is final and a
 * {@link Mailbox}, which any thread may use. Equality is identity.
 */
final class Seat {

    private final Mailbox<ChatReply> inbox;

    /** A seat whose replies reach {@code recipient}, with the seat, on {@code home}'s thread. */
    Seat(Reactor home, BiConsumer<Seat, ChatReply> recipient) {
        this.inbox = new Mailbox<>(home, reply -> recipient.accept(this, reply));
    }

    /**
     * Sends {@code reply} to the member, from any thread. If the member's reactor has stopped, the
     * member stopped with it and there is no one to tell: the reply is dropped, so that one member's
     * reactor going away cannot break the room's fan-out to the others.
     */
    void tell(ChatReply reply) {
        try {
            inbox.send(reply);
        } catch (IllegalStateException reactorClosed) {
            // Nothing to do: see above.
        }
    }
}
