package dev.twine.examples.chat;

import dev.twine.framing.FramingException;
import dev.twine.framing.LineDelimited;
import dev.twine.runtime.CloseReason;
import dev.twine.server.Connection;
import dev.twine.server.FrameHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The line protocol in front of {@link ChatCommands}: lines ending in {@code \n} or {@code \r\n}
 * (so that {@code nc} works as it is), each made a {@link ChatRequest} by {@link LineCommands} and
 * handed to the same handler the binary protocol uses; replies go out as lines through
 * {@link LineReplyEncoder}. What is particular to lines stays here: the greeting, a line that is no
 * command, a line too long.
 */
final class LineFrontEnd implements FrameHandler<ByteBuffer, ChatMember> {

    static final String GREETING =
            "* welcome to Twine chat: /nick NAME, then /join ROOM and type to talk; /who lists the room, /quit leaves";

    private final ChatCommands commands;

    LineFrontEnd(ChatCommands commands) {
        this.commands = commands;
    }

    /** A fresh framer for one connection: lines of at most {@link ChatLimits#MAX_TEXT_BYTES}. */
    static LineDelimited newFramer() {
        return new LineDelimited(LineDelimited.Delimiter.LF_OR_CRLF, ChatLimits.MAX_TEXT_BYTES);
    }

    @Override
    public void onConnect(Connection<ChatMember> connection) {
        commands.onConnect(connection);
        LineReplyEncoder.writeLine(connection.transport(), GREETING);
    }

    @Override
    public void onFrame(Connection<ChatMember> connection, ByteBuffer line) {
        ChatRequest request;
        try {
            request = LineCommands.parse(StandardCharsets.UTF_8.decode(line).toString());
        } catch (LineCommands.NotACommandException e) {
            connection.state().refuseUnreadable(e.getMessage());
            return;
        }
        if (request == null) {
            connection.state().heard(); // an empty line: nothing to do, but the member is there
        } else {
            commands.onFrame(connection, request);
        }
    }

    /** A line over the limit: the framer cannot find the next line's start, so say why and close. */
    @Override
    public void onFramingError(Connection<ChatMember> connection, FramingException error) {
        connection.state().goodbye("error", "a line is at most " + ChatLimits.MAX_TEXT_BYTES + " bytes");
    }

    @Override
    public void onClose(Connection<ChatMember> connection, CloseReason reason) {
        commands.onClose(connection, reason);
    }
}
