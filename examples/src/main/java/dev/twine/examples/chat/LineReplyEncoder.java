package dev.twine.examples.chat;

import dev.twine.framing.FrameEncoder;
import dev.twine.framing.LineDelimited;
import dev.twine.runtime.Transport;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link ChatReply}s the line protocol's way: {@link ChatReply#line()} in UTF-8, then
 * {@code \r\n} — what the binary protocol's generated {@code ChatReplyEncoder} is for frames. Keeps
 * no state, so one serves every connection.
 */
final class LineReplyEncoder implements FrameEncoder<ChatReply> {

    /** Used only to write: it appends the delimiter, and refuses a line that contains one. */
    private static final LineDelimited LINES = LineFrontEnd.newFramer();

    @Override
    public void write(Transport transport, ChatReply reply) {
        writeLine(transport, reply.line());
    }

    /** Writes {@code line} and the line's end. */
    static void writeLine(Transport transport, String line) {
        LINES.write(transport, line.getBytes(StandardCharsets.UTF_8));
    }
}
