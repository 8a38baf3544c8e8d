package dev.twine.examples.chat;

import dev.twine.runtime.Deferred;
import dev.twine.runtime.Mailbox;
import dev.twine.runtime.Reactor;
import java.util.ArrayList;
import java.util.List;

/**
 * Which reactor owns each room and each nick, and the way to it. Every reactor of the server owns
 * the rooms and the nicks whose names hash to it — a partition each of {@link Rooms} and
 * {@link Nicks} — and this is the one object all reactors share: immutable, it holds only the
 * reactors and their mailboxes, which are made for any thread. The partitions themselves are
 * reached only by messages that run on their owner's thread.
 *
 * <p>The partitions are made here, on the thread that builds the server, and first touched on their
 * owners' threads by a message: the reactor's task queue hands them over safely.
 */
final class Owners {

    /** One reactor's share: its rooms, behind its mailbox, and its nicks. */
    private record Partition(Reactor reactor, Mailbox<RoomCommand> rooms, Nicks nicks) {}

    private final List<Reactor> reactors;
    private final List<Partition> partitions;

    Owners(List<Reactor> reactors) {
        this.reactors = List.copyOf(reactors);
        List<Partition> partitions = new ArrayList<>(reactors.size());
        for (Reactor reactor : this.reactors) {
            Rooms rooms = new Rooms();
            partitions.add(new Partition(reactor, new Mailbox<>(reactor, command -> command.applyTo(rooms)),
                    new Nicks()));
        }
        this.partitions = List.copyOf(partitions);
    }

    /** The index of {@code reactor} among the server's reactors. */
    int indexOf(Reactor reactor) {
        int index = reactors.indexOf(reactor);
        if (index < 0) {
            throw new IllegalArgumentException(reactor + " is not one of this chat server's reactors");
        }
        return index;
    }

    /** The index of the reactor that owns the room or nick {@code name}. */
    int ownerOf(String name) {
        return Math.floorMod(name.hashCode(), partitions.size());
    }

    /**
     * Sends {@code command} to the owner of its room; from any thread. If that reactor has stopped
     * the server is going down, and the room with it: the command is dropped.
     */
    void tellRoom(RoomCommand command) {
        try {
            partitions.get(ownerOf(command.room())).rooms().send(command);
        } catch (IllegalStateException ownerClosed) {
            // Nothing left to tell: see above.
        }
    }

    /**
     * Asks the owner of {@code nick} to give it to {@code member}; the answer — true if it did —
     * comes back on {@code here}'s thread, the member's reactor.
     */
    Deferred<Boolean> claimNick(Reactor here, String nick, MemberId member) {
        Partition owner = partitions.get(ownerOf(nick));
        Nicks nicks = owner.nicks();
        return Mailbox.ask(here, owner.reactor(), () -> nicks.claim(nick, member));
    }

    /** Tells the owner of {@code nick} that {@code member} no longer holds it; from any thread. */
    void releaseNick(String nick, MemberId member) {
        Partition owner = partitions.get(ownerOf(nick));
        Nicks nicks = owner.nicks();
        try {
            owner.reactor().callFromThread(() -> nicks.release(nick, member));
        } catch (IllegalStateException ownerClosed) {
            // The server is going down, and the nicks with it.
        }
    }
}
