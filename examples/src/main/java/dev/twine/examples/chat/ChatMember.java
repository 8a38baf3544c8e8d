package dev.twine.examples.chat;

import dev.twine.framing.FrameEncoder;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.DelayedCall;
import dev.twine.runtime.Reactor;
import dev.twine.runtime.Transport;
import dev.twine.server.Connection;

/**
 * One member of the chat — one connection, on the reactor that accepted it — and the core of the
 * server: what each request does, whichever protocol carried it. Requests come in as
 * {@link ChatRequest}s (from {@link ChatCommands}); everything the member is told goes out as
 * {@link ChatReply}s, through the encoder of its connection's protocol.
 *
 * <p>The member keeps only its own state — its nick, its room, its {@link Seat} there — on its own
 * reactor's thread. Rooms and nicks belong to their owner reactors ({@link Owners}), which it
 * reaches only by message:
 * <ul>
 *   <li>{@code nick}: asks the nick's owner for it and reads no further request until the answer
 *       comes back, since the next ones (a join, a rename in the room) depend on it;</li>
 *   <li>{@code join}: leaves the current room, takes a new seat and sends a join to the new room's
 *       owner, whose {@link ChatReply.Joined} — through the seat — tells everyone, this member too;</li>
 *   <li>{@code say}, {@code who}: to the room's owner, which answers everyone (or, for {@code who},
 *       the asker) through their seats.</li>
 *   <li>{@code quit} in a room: reads no further request and leaves through the room's owner, which
 *       hands the goodbye back through the seat, so the member is told everything the room answered
 *       it before (a {@code who} sent just before the {@code quit}, say) and then closed.</li>
 * </ul>
 *
 * <p><b>Idle members.</b> A member that sends nothing for {@link ChatSettings#idleTimeout()} is told
 * {@link ChatReply.Bye} and closed: a timer on its reactor, pushed back by every request.
 *
 * <p><b>Slow members.</b> A member's connection has its send queue as the high watermark of its
 * outgoing buffer. When something happens in its room while the buffer is over it (and has not
 * drained to half of it since), the member is disconnected — IRC's "Max SendQ exceeded" — and the
 * room hears it left, "too slow". So a member sees every line of its room, in order, or is gone:
 * never a room with gaps. Nothing waits for a slow member, and its memory is bounded by the send
 * queue. Answers to its own requests are not counted against it: they are bounded by what it asks,
 * and the connection table stops reading its requests while it is over the watermark.
 *
 * <p>Reactor thread only.
 */
final class ChatMember {

    private final MemberId id;
    private final Reactor reactor;
    private final Owners owners;
    private final ChatSettings settings;
    private final Connection<ChatMember> connection;
    private final FrameEncoder<ChatReply> replies;
    private final DelayedCall idle;
    /** Null until its first {@link ChatRequest.Nick} is granted. */
    private String nick;
    /** The room it is in (or joining); null when in none. */
    private String room;
    /** The seat in {@link #room}; null when in no room. */
    private Seat seat;
    /** Why the server is closing this member, once it decided to; what its room will be told. */
    private String leaving;

    ChatMember(MemberId id, Reactor reactor, Owners owners, ChatSettings settings, Connection<ChatMember> connection,
            FrameEncoder<ChatReply> replies) {
        this.id = id;
        this.reactor = reactor;
        this.owners = owners;
        this.settings = settings;
        this.connection = connection;
        this.replies = replies;
        connection.transport().setWriteBufferWatermarks(settings.sendQueue() / 2, settings.sendQueue());
        this.idle = reactor.callLater(settings.idleTimeout(), this::idledOut);
    }

    void nick(String wanted) {
        heard();
        if (!ChatLimits.isName(wanted)) {
            refuse("a nick is 1 to " + ChatLimits.MAX_NAME_LENGTH + " letters, digits, '-' or '_'");
            return;
        }
        if (wanted.equals(nick)) {
            tell(new ChatReply.Welcome(nick));
            return;
        }
        connection.pauseReading();
        owners.claimNick(reactor, wanted, id).addCallbacks(claimed -> {
            onNickAnswer(wanted, claimed);
            return null;
        }, ownerGone -> {
            connection.transport().abort(ownerGone);
            return null;
        });
    }

    private void onNickAnswer(String wanted, boolean claimed) {
        if (!connection.isOpen()) {
            // Closed while asking: closed() gave back the old nick; give back the new one too.
            if (claimed) {
                owners.releaseNick(wanted, id);
            }
            return;
        }
        connection.resumeReading();
        if (!claimed) {
            refuse("nick " + wanted + " is taken");
            return;
        }
        String old = nick;
        nick = wanted;
        tell(new ChatReply.Welcome(wanted));
        // The rename before the release: whoever takes the old nick next is renamed in the room after this.
        if (seat != null) {
            owners.tellRoom(new RoomCommand.Rename(room, seat, wanted));
        }
        if (old != null) {
            owners.releaseNick(old, id);
        }
    }

    void join(String wanted) {
        heard();
        if (nick == null) {
            refuse("choose a nick first");
            return;
        }
        if (!ChatLimits.isName(wanted)) {
            refuse("a room name is 1 to " + ChatLimits.MAX_NAME_LENGTH + " letters, digits, '-' or '_'");
            return;
        }
        if (wanted.equals(room)) {
            refuse("you are in " + room + " already");
            return;
        }
        leaveRoom("");
        room = wanted;
        seat = new Seat(reactor, this::fromRoom);
        owners.tellRoom(new RoomCommand.Join(room, seat, nick));
    }

    void say(String text) {
        heard();
        if (inRoom()) {
            String problem = ChatLimits.problemWithText(text);
            if (problem != null) {
                refuse(problem);
            } else {
                owners.tellRoom(new RoomCommand.Say(room, seat, text));
            }
        }
    }

    void who() {
        heard();
        if (inRoom()) {
            owners.tellRoom(new RoomCommand.Who(room, seat));
        }
    }

    void quit() {
        heard();
        if (seat == null) {
            goodbye("quit", "see you");
            return;
        }
        // The seat stays until the goodbye comes back through it, behind the room's earlier answers.
        leaving = "quit";
        connection.pauseReading();
        owners.tellRoom(new RoomCommand.Leave(room, seat, leaving, new ChatReply.Bye("see you")));
    }

    /** A request the connection's protocol could not make sense of: refused, as a bad request is. */
    void refuseUnreadable(String message) {
        heard();
        refuse(message);
    }

    /** The member sent something, so it is not idle: its idle timeout starts again. */
    void heard() {
        if (idle.isActive()) {
            idle.reschedule(settings.idleTimeout());
        }
    }

    /** Tells the member {@link ChatReply.Bye}, then closes its connection; its room hears it left, for {@code why}. */
    void goodbye(String why, String reason) {
        leaving = why;
        tell(new ChatReply.Bye(reason));
        connection.close();
    }

    /** Its connection has closed: leave the room, give back the nick. */
    void closed(CloseReason reason) {
        idle.cancel();
        leaveRoom(leaving != null ? leaving : why(reason));
        if (nick != null) {
            owners.releaseNick(nick, id);
        }
    }

    /** What the room's owner tells this member through {@code from}. */
    private void fromRoom(Seat from, ChatReply reply) {
        if (from != seat || !connection.isOpen()) {
            return; // From a stay that has ended: the member left that room, or the server.
        }
        Transport transport = connection.transport();
        if (!transport.isWritable()) {
            leaving = "too slow";
            transport.abort(new SendQueueExceededException(transport.pendingWriteBytes(), settings.sendQueue()));
            return;
        }
        tell(reply);
        if (reply instanceof ChatReply.Bye) {
            // The farewell of a quit: the room has let the member go.
            seat = null;
            room = null;
            connection.close();
        }
    }

    private boolean inRoom() {
        if (seat == null) {
            refuse(nick == null ? "choose a nick first" : "join a room first");
            return false;
        }
        return true;
    }

    private void leaveRoom(String why) {
        if (seat != null) {
            owners.tellRoom(new RoomCommand.Leave(room, seat, why, null));
            seat = null;
            room = null;
        }
    }

    private void idledOut() {
        goodbye("idle", "idle for " + settings.idleTimeout().toSeconds() + " s");
    }

    private void refuse(String message) {
        tell(new ChatReply.Error(message));
    }

    private void tell(ChatReply reply) {
        replies.write(connection.transport(), reply);
    }

    /** What the room hears when a member goes without the server having sent it away. */
    private static String why(CloseReason reason) {
        return switch (reason.kind()) {
            case PEER_CLOSED -> "disconnected";
            case LOST -> "connection lost";
            case SHUTDOWN -> "server shutting down";
            default -> "error";
        };
    }

    @Override
    public String toString() {
        return "ChatMember[" + id + ", " + nick + " in " + room + "]";
    }
}
