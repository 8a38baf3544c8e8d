package dev.twine.examples.chat;

/**
 * What a member's reactor asks of the reactor that owns a room: the messages of the chat's
 * {@link dev.twine.runtime.Mailbox} to {@link Rooms}. Each names its room, by which
 * {@link Owners} finds the owner, and the member's {@link Seat}, by which the owner finds the member.
 * Values, safe to hand from one thread to another.
 */
sealed interface RoomCommand {

    /** The room this command is about. */
    String room();

    /** Carries the command out, on the owner's thread. */
    void applyTo(Rooms rooms);

    /** {@code nick} takes {@code seat} in {@code room}. */
    record Join(String room, Seat seat, String nick) implements RoomCommand {
        @Override
        public void applyTo(Rooms rooms) {
            rooms.join(room, seat, nick);
        }
    }

    /**
     * The member in {@code seat} leaves {@code room}, for {@code why} (empty for a move to another
     * room). {@code farewell}, when not null, is told to that member through its seat once it has
     * left: after every answer the room sent it before.
     */
    record Leave(String room, Seat seat, String why, ChatReply farewell) implements RoomCommand {
        @Override
        public void applyTo(Rooms rooms) {
            rooms.leave(room, seat, why, farewell);
        }
    }

    /** The member in {@code seat} says {@code text} to {@code room}. */
    record Say(String room, Seat seat, String text) implements RoomCommand {
        @Override
        public void applyTo(Rooms rooms) {
            rooms.say(room, seat, text);
        }
    }

    /** The member in {@code seat} is now called {@code nick}. */
    record Rename(String room, Seat seat, String nick) implements RoomCommand {
        @Override
        public void applyTo(Rooms rooms) {
            rooms.rename(room, seat, nick);
        }
    }

    /** The member in {@code seat} asks who is in {@code room}. */
    record Who(String room, Seat seat) implements RoomCommand {
        @Override
        public void applyTo(Rooms rooms) {
            rooms.who(room, seat);
        }
    }
}
