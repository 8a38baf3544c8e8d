package dev.twine.examples.chat;

import dev.twine.annotations.Frame;
import dev.twine.annotations.LengthField;
import dev.twine.annotations.LengthPrefix;
import dev.twine.annotations.Protocol;
import dev.twine.annotations.Rest;
import dev.twine.annotations.TagField;

/**
 * What a member asks of the chat server: the binary protocol's requests, declared for Twine's
 * annotation processor, which generates {@code ChatRequestFramer}, {@code ChatRequestEncoder},
 * {@code ChatRequestHandler} and {@code ChatRequestConnections} from this file. The line protocol
 * asks the same things in words ({@link LineCommands} turns a line into one of these records), so
 * the server's core, {@link ChatCommands}, reads one set of requests whichever protocol carried them.
 *
 * <pre>
 * +--------+-----+------------------------+
 * | length | tag | the frame's own fields |
 * | 2 B    | 1 B |                        |
 * +--------+-----+------------------------+
 *   length counts the bytes after it: 1 + the fields
 *
 * new Nick("bob"):    00 05 | 01 | 03 62 6f 62             nick: 1-byte length, then the bytes
 * new Join("lobby"):  00 07 | 02 | 05 6c 6f 62 62 79
 * new Say("hi"):      00 03 | 03 | 68 69                   text: the rest of the frame
 * new Who():          00 01 | 04
 * new Quit():         00 01 | 05
 * </pre>
 *
 * <p>Names are checked by the server, not the framer ({@link ChatLimits#isName}), so that a bad nick
 * gets the same {@link ChatReply.Error} in both protocols instead of closing a binary connection.
 * The framer bounds every frame by {@link ChatLimits#MAX_REQUEST_FRAME}; a longer one closes the
 * connection that sent it.
 */
@Protocol(length = @LengthField(offset = 0, width = 2),
        tag = @TagField(offset = 2, width = 1),
        maxFrameLength = ChatLimits.MAX_REQUEST_FRAME)
public sealed interface ChatRequest
        permits ChatRequest.Nick, ChatRequest.Join, ChatRequest.Say, ChatRequest.Who, ChatRequest.Quit {

    /** Take {@code nick}, which must be free; answered with {@link ChatReply.Welcome} or an error. Line: {@code /nick bob}. */
    @Frame(tag = 1)
    record Nick(@LengthPrefix(width = 1) String nick) implements ChatRequest {}

    /** Leave the current room, if any, for {@code room}; everyone in it hears {@link ChatReply.Joined}. Line: {@code /join lobby}. */
    @Frame(tag = 2)
    record Join(@LengthPrefix(width = 1) String room) implements ChatRequest {}

    /** Say {@code text} to the current room: every member, the sender too, hears {@link ChatReply.Said}. Line: the text itself. */
    @Frame(tag = 3)
    record Say(@Rest String text) implements ChatRequest {}

    /** Who is in the current room: answered with {@link ChatReply.Members}. Line: {@code /who}. */
    @Frame(tag = 4)
    record Who() implements ChatRequest {}

    /** Leave the room and the server: answered with {@link ChatReply.Bye}, then the server closes. Line: {@code /quit}. */
    @Frame(tag = 5)
    record Quit() implements ChatRequest {}
}
