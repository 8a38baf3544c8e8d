package dev.twine.examples.chat;

import dev.twine.examples.chat.ChatServer.Variant;
import dev.twine.framing.FrameSink;
import dev.twine.framing.LineDelimited;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Transport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat client for tests, in either protocol: it sends {@link ChatRequest}s — as lines, or as
 * frames — and keeps every reply as the line protocol shows it ({@link ChatReply#line()} for a
 * frame), so one transcript serves both protocols. The line protocol's greeting is kept apart.
 * Lines are read with a strict CRLF delimiter, so a reply that ended in a bare {@code \n} would
 * show in the transcript.
 */
final class TestClient implements Protocol {

    final Variant variant;
    final String name;
    Transport transport;
    /** The line protocol's first line; null for a binary client. */
    String greeting;
    /** Every reply received, as lines, since the last {@link #take()}. */
    final List<String> lines = new ArrayList<>();
    /** Every binary reply received; empty for a line client. */
    final List<ChatReply> replies = new ArrayList<>();
    CloseReason closeReason;

    private final LineDelimited lineFramer =
            new LineDelimited(LineDelimited.Delimiter.CRLF, ChatLimits.MAX_REPLY_FRAME);
    private final ChatReplyFramer replyFramer = new ChatReplyFramer();
    private final ChatRequestEncoder requests = new ChatRequestEncoder();

    TestClient(Variant variant, String name) {
        this.variant = variant;
        this.name = name;
    }

    /** Sends {@code request} in this client's protocol. */
    TestClient send(ChatRequest request) {
        if (variant == Variant.LINE) {
            sendLine(lineOf(request));
        } else {
            requests.write(transport, request);
        }
        return this;
    }

    TestClient nick(String nick) {
        return send(new ChatRequest.Nick(nick));
    }

    TestClient join(String room) {
        return send(new ChatRequest.Join(room));
    }

    TestClient say(String text) {
        return send(new ChatRequest.Say(text));
    }

    TestClient who() {
        return send(new ChatRequest.Who());
    }

    TestClient quit() {
        return send(new ChatRequest.Quit());
    }

    /** Writes {@code line} and CRLF as they are: line clients only. */
    TestClient sendLine(String line) {
        transport.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** The request as a line member would type it. */
    static String lineOf(ChatRequest request) {
        if (request instanceof ChatRequest.Nick nick) {
            return "/nick " + nick.nick();
        } else if (request instanceof ChatRequest.Join join) {
            return "/join " + join.room();
        } else if (request instanceof ChatRequest.Say say) {
            return say.text().startsWith("/") ? "/" + say.text() : say.text();
        } else if (request instanceof ChatRequest.Who) {
            return "/who";
        }
        return "/quit";
    }

    /** The lines received since the last call, then forgets them. */
    List<String> take() {
        List<String> taken = List.copyOf(lines);
        lines.clear();
        return taken;
    }

    boolean isClosed() {
        return closeReason != null;
    }

    @Override
    public void onConnect(Transport transport) {
        this.transport = transport;
    }

    @Override
    public void onBytes(ByteBuffer data) {
        if (variant == Variant.LINE) {
            lineFramer.decode(data, line -> {
                String text = StandardCharsets.UTF_8.decode(line).toString();
                if (greeting == null) {
                    greeting = text;
                } else {
                    lines.add(text);
                }
            });
        } else {
            replyFramer.decode(data, new FrameSink<ChatReply>() {
                @Override
                public void onFrame(ChatReply reply) {
                    replies.add(reply);
                    lines.add(reply.line());
                }
            });
        }
    }

    @Override
    public void onClose(CloseReason reason) {
        closeReason = reason;
    }

    @Override
    public String toString() {
        return name + " (" + variant + ")";
    }
}
