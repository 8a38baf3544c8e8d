package dev.twine.examples.chat;

import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.LengthPrefix;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.Rest;
import dev.twine.annotations.TagField;
import java.util.List;

/**
 * What the chat server tells a member — answers to its requests and what happens in its room — in
 * both protocols: the binary protocol's frames are these records, encoded by the generated
 * {@code ChatReplyEncoder}; the line protocol writes each as the text {@link #line()} gives
 * ({@link LineReplyEncoder}). The server's core makes only these records, so a line member and a
 * binary member in the same room are told the same things.
 *
 * <pre>
 * +--------+-----+------------------------+
 * | length | tag | the frame's own fields |
 * | 2 B    | 1 B |                        |
 * +--------+-----+------------------------+
 *
 * new Welcome("bob"):             00 05 | 81 | 03 62 6f 62
 * new Said("lobby", "bob", "hi"): 00 0d | 84 | 05 6c 6f 62 62 79 | 03 62 6f 62 | 68 69
 * new Members("lobby", false, List.of(new Name("bob"))):
 *                                 00 0c | 86 | 05 6c 6f 62 62 79 | 00 | 03 62 6f 62
 * </pre>
 *
 * Reply tags have the top bit set, request tags not: a client that talks to a client, or a server
 * to a server, fails at its first frame.
 */
@Protocol(length = @LengthField(offset = 0, width = 2),
        tag = @TagField(offset = 2, width = 1),
        maxFrameLength = ChatLimits.MAX_REPLY_FRAME)
public sealed interface ChatReply permits ChatReply.Welcome, ChatReply.Joined, ChatReply.Left, ChatReply.Said,
        ChatReply.Renamed, ChatReply.Members, ChatReply.Error, ChatReply.Bye {

    /** This reply as the line protocol writes it, without the line's end. */
    String line();

    /** The answer to {@link ChatRequest.Nick}: the member is now {@code nick}. */
    @Frame(tag = 0x81)
    record Welcome(@LengthPrefix(width = 1, max = ChatLimits.MAX_NAME_LENGTH) String nick) implements ChatReply {
        @Override
        public String line() {
            return "* you are " + nick;
        }
    }

    /** {@code nick} joined {@code room}: told to everyone in it, the newcomer too, which is how it knows it is in. */
    @Frame(tag = 0x82)
    record Joined(@LengthPrefix(width = 1, max = ChatLimits.MAX_NAME_LENGTH) String room,
            @LengthPrefix(width = 1, max = ChatLimits.MAX_NAME_LENGTH) String nick) implements ChatReply {
        @Override
        public String line() {
            return "* " + nick + " joined " + room;
        }
    }

    /** {@code nick} left {@code room}; {@code why} is empty for a move to another room, else the reason ("quit", "idle", "too slow", …). */
    @Frame(tag = 0x83)
    record Left(@LengthPrefix(width = 1, max = ChatLimits.MAX_NAME_LENGTH) String room,
            @LengthPrefix(width = 1, max = ChatLimits.MAX_NAME_LENGTH) String nick,
            @Rest String why) implements ChatReply {
        @Override
        public String line() {
            return "* " + nick + " left " + room + (why.isEmpty() ? "" : " (" + why + ")");
        }
    }

    /** {@code nick} said {@code text} in {@code room}: told to everyone in it, the speaker too. */
    @Frame(tag = 0x84)
    record Said(@LengthPrefix(width = 1, max = ChatLimits.MAX_NAME_LENGTH) String room,
            @LengthPrefix(width = 1, max = ChatLimits.MAX_NAME_LENGTH) String nick,
            @Rest String text) implements ChatReply {
        @Override
        public String line() {
            return nick + ": " + text;
        }
    }

    /** A member of {@code room} changed its nick from {@code from} to {@code to}. */
    @Frame(tag = 0x85)
    record Renamed(@LengthPrefix(width = 1, max = ChatLimits.MAX_NAME_LENGTH) String room,
            @LengthPrefix(width = 1, max = ChatLimits.MAX_NAME_LENGTH) String from,
            @LengthPrefix(width = 1, max = ChatLimits.MAX_NAME_LENGTH) String to) implements ChatReply {
        @Override
        public String line() {
            return "* " + from + " is now " + to;
        }
    }

    /**
     * The answer to {@link ChatRequest.Who}: members of {@code room}, sorted, at most
     * {@link ChatLimits#MEMBERS_PER_REPLY} a reply; {@code more} says another reply follows.
     */
    @Frame(tag = 0x86)
    record Members(@LengthPrefix(width = 1, max = ChatLimits.MAX_NAME_LENGTH) String room, boolean more,
            @Rest List<Name> nicks) implements ChatReply {
        @Override
        public String line() {
            StringBuilder line = new StringBuilder("* in ").append(room).append(':');
            for (Name name : nicks) {
                line.append(' ').append(name.nick());
            }
            return line.toString();
        }
    }

    /** One nick of a {@link Members} list. */
    record Name(@LengthPrefix(width = 1, max = ChatLimits.MAX_NAME_LENGTH) String nick) {}

    /** A request was refused; {@code message} says why. The connection stays open. */
    @Frame(tag = 0x87)
    record Error(@Rest String message) implements ChatReply {
        @Override
        public String line() {
            return "! " + message;
        }
    }

    /** The server is closing this connection, for {@code reason}: the last reply it gets. */
    @Frame(tag = 0x88)
    record Bye(@Rest String reason) implements ChatReply {
        @Override
        public String line() {
            return "* bye: " + reason;
        }
    }
}
