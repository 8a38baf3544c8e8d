package dev.twine.examples.chat;

import dev.twine.runtime.ListeningPort;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.runtime.Reactor;
import dev.twine.runtime.ReactorGroup;
import dev.twine.server.Connections;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A chat server on several reactors: nicks, rooms, lines said to everyone in a room, a member list,
 * and two policies — idle members are closed, members that read too slowly are disconnected
 * ({@link ChatSettings}). Each reactor serves the connections it accepts and owns the rooms and nicks
 * whose names hash to it; they talk only by {@link dev.twine.runtime.Mailbox} messages, so nothing is
 * shared and nothing is locked. {@code docs/examples/chat.md} tells the whole story.
 *
 * <p>Two protocols, one core ({@link ChatMember}): lines ({@link Variant#LINE}, for {@code nc}) and
 * frames declared as records ({@link Variant#BINARY}: {@link ChatRequest}, {@link ChatReply}). One
 * server may listen with both, on two ports; their members meet in the same rooms.
 *
 * <pre>{@code
 * try (ReactorGroup group = ReactorGroup.start(4)) {
 *     ChatServer chat = new ChatServer(group.reactors(), ChatSettings.DEFAULTS);
 *     chat.listen(group, new InetSocketAddress(6667), ChatServer.Variant.LINE);
 *     group.awaitTermination(Duration.ofDays(365));
 * }
 * }</pre>
 *
 * Run it with {@code java -jar twine-examples.jar chat --port P [--threads N] [--protocol line|binary]}.
 */
public final class ChatServer {

    /** The protocols, named as on the command line. */
    public enum Variant {
        /** Text lines: {@code /nick bob}, {@code /join lobby}, then what to say ({@link LineCommands}). */
        LINE,
        /** {@link ChatRequest} and {@link ChatReply} frames: a 2-byte length, a 1-byte tag. */
        BINARY;

        public static Variant parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown protocol '" + name + "': use line or binary");
            }
        }
    }

    private final Owners owners;
    private final ChatSettings settings;
    /**
     * One connection table per reactor, whatever the protocol, so that a connection's id names one
     * member on its reactor ({@link MemberId}). Made here; each is used only on its reactor's thread.
     */
    private final List<Connections<ChatMember>> tables;

    /**
     * A server over {@code reactors}, each of which owns a share of the rooms and nicks. Make it
     * before the reactors serve anyone, on any thread.
     */
    public ChatServer(List<Reactor> reactors, ChatSettings settings) {
        if (reactors.isEmpty()) {
            throw new IllegalArgumentException("a chat server needs at least one reactor");
        }
        this.owners = new Owners(reactors);
        this.settings = settings;
        List<Connections<ChatMember>> tables = new ArrayList<>(reactors.size());
        for (int i = 0; i < reactors.size(); i++) {
            tables.add(new Connections<>());
        }
        this.tables = List.copyOf(tables);
    }

    /**
     * Listens on {@code address} for {@code group}, whose reactors must be this server's, speaking
     * {@code variant}; returns the port (its address says which port was bound).
     */
    public ListeningPort listen(ReactorGroup group, InetSocketAddress address, Variant variant) {
        return group.listenTcp(address, reactor -> factory(reactor, variant));
    }

    /**
     * The protocol factory for connections served by {@code reactor}, one of this server's, speaking
     * {@code variant}. Call it on {@code reactor}'s thread, as {@link ReactorGroup#listenTcp} does,
     * and use what it returns only there.
     */
    public ProtocolFactory factory(Reactor reactor, Variant variant) {
        Connections<ChatMember> table = tables.get(owners.indexOf(reactor));
        return switch (variant) {
            case LINE -> table.serve(LineFrontEnd::newFramer, () -> null,
                    new LineFrontEnd(new ChatCommands(reactor, owners, settings, new LineReplyEncoder())));
            case BINARY -> ChatRequestConnections.serve(table, () -> null,
                    new ChatCommands(reactor, owners, settings, new ChatReplyEncoder()));
        };
    }
}
