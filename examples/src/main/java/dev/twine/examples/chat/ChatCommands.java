package dev.twine.examples.chat;

import dev.twine.framing.FrameEncoder;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Reactor;
import dev.twine.server.Connection;

/**
 * The chat's requests, whichever protocol carried them: the handler of both. The binary protocol's
 * generated {@code ChatRequestFramer} hands {@link ChatRequest} frames to it through the generated
 * dispatch table; the line protocol's {@link LineFrontEnd} makes the same records of lines and hands
 * them over through {@code onFrame}. Each goes to its connection's {@link ChatMember}, made here
 * when the connection opens, with the encoder of its protocol for the replies.
 *
 * <p>One per reactor and protocol; it runs on that reactor's thread.
 */
final class ChatCommands implements ChatRequestHandler<ChatMember> {

    private final Reactor reactor;
    private final int reactorIndex;
    private final Owners owners;
    private final ChatSettings settings;
    private final FrameEncoder<ChatReply> replies;

    ChatCommands(Reactor reactor, Owners owners, ChatSettings settings, FrameEncoder<ChatReply> replies) {
        this.reactor = reactor;
        this.reactorIndex = owners.indexOf(reactor);
        this.owners = owners;
        this.settings = settings;
        this.replies = replies;
    }

    @Override
    public void onConnect(Connection<ChatMember> connection) {
        connection.setState(new ChatMember(new MemberId(reactorIndex, connection.id()), reactor, owners, settings,
                connection, replies));
    }

    @Override
    public void onNick(Connection<ChatMember> connection, ChatRequest.Nick frame) {
        connection.state().nick(frame.nick());
    }

    @Override
    public void onJoin(Connection<ChatMember> connection, ChatRequest.Join frame) {
        connection.state().join(frame.room());
    }

    @Override
    public void onSay(Connection<ChatMember> connection, ChatRequest.Say frame) {
        connection.state().say(frame.text());
    }

    @Override
    public void onWho(Connection<ChatMember> connection, ChatRequest.Who frame) {
        connection.state().who();
    }

    @Override
    public void onQuit(Connection<ChatMember> connection, ChatRequest.Quit frame) {
        connection.state().quit();
    }

    @Override
    public void onClose(Connection<ChatMember> connection, CloseReason reason) {
        connection.state().closed(reason);
    }
}
