package dev.twine.examples.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rooms one reactor owns — those whose names hash to it ({@link Owners}) — with their members.
 * Only the owner's thread touches it: members' reactors reach it through the owner's
 * {@link dev.twine.runtime.Mailbox} as {@link RoomCommand}s, and it answers through each member's
 * {@link Seat}. So everything that happens in a room happens here, one command at a time, in the
 * order the commands arrive; and every member is told, in that order, through a channel that keeps
 * it. That is why all members of a room see its joins, leaves and lines in one and the same order.
 *
 * <p>A room exists while it has members. Commands for a seat that is not in the room are ignored:
 * the member left, or was never let in.
 */
final class Rooms {

    /** Room name to its members, seat to nick, in the order they joined. */
    private final Map<String, Map<Seat, String>> rooms = new HashMap<>();

    void join(String room, Seat seat, String nick) {
        Map<Seat, String> members = rooms.computeIfAbsent(room, name -> new LinkedHashMap<>());
        members.put(seat, nick);
        tellAll(members, new ChatReply.Joined(room, nick));
    }

    void leave(String room, Seat seat, String why, ChatReply farewell) {
        if (farewell != null) {
            seat.tell(farewell);
        }
        Map<Seat, String> members = rooms.get(room);
        String nick = members == null ? null : members.remove(seat);
        if (nick == null) {
            return;
        }
        if (members.isEmpty()) {
            rooms.remove(room);
        } else {
            tellAll(members, new ChatReply.Left(room, nick, why));
        }
    }

    void say(String room, Seat seat, String text) {
        Map<Seat, String> members = rooms.get(room);
        String nick = members == null ? null : members.get(seat);
        if (nick != null) {
            tellAll(members, new ChatReply.Said(room, nick, text));
        }
    }

    void rename(String room, Seat seat, String nick) {
        Map<Seat, String> members = rooms.get(room);
        String old = members == null ? null : members.replace(seat, nick);
        if (old != null) {
            tellAll(members, new ChatReply.Renamed(room, old, nick));
        }
    }

    /** Answers with the members' nicks, sorted, {@link ChatLimits#MEMBERS_PER_REPLY} a reply. */
    void who(String room, Seat seat) {
        Map<Seat, String> members = rooms.get(room);
        if (members == null || !members.containsKey(seat)) {
            return;
        }
        List<String> nicks = new ArrayList<>(members.values());
        nicks.sort(null);
        for (int from = 0; from < nicks.size(); from += ChatLimits.MEMBERS_PER_REPLY) {
            int to = Math.min(from + ChatLimits.MEMBERS_PER_REPLY, nicks.size());
            List<ChatReply.Name> page = new ArrayList<>(to - from);
            for (String nick : nicks.subList(from, to)) {
                page.add(new ChatReply.Name(nick));
            }
            seat.tell(new ChatReply.Members(room, to < nicks.size(), List.copyOf(page)));
        }
    }

    /**
     * One message per member, each to its own reactor. The reply is an immutable record, so every
     * member's reactor may read the same one.
     */
    private static void tellAll(Map<Seat, String> members, ChatReply reply) {
        for (Seat seat : members.keySet()) {
            seat.tell(reply);
        }
    }
}
