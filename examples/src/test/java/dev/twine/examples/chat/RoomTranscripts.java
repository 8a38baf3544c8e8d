package dev.twine.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks what scripted members heard against what they said. Each member says its lines as
 * {@code "<nick> <n>"}, n counting from 0, so a transcript's line {@code "bob: bob 3"} is bob's
 * fourth. The checks are the chat's ordering guarantees:
 * <ul>
 *   <li>a member hears only lines said in its own room;</li>
 *   <li>from each speaker, the lines it hears are that speaker's first ones, in order: no gap, no
 *       repeat, nothing out of order (per-sender FIFO);</li>
 *   <li>members of a room that stayed connected heard the room's lines in one and the same order,
 *       and all of them from every speaker that stayed connected.</li>
 * </ul>
 */
final class RoomTranscripts {

    /** What one scripted member was and heard. */
    record Member(String nick, String room, List<String> heard, boolean stayed) {}

    private RoomTranscripts() {}

    /** The text of the {@code n}th line {@code nick} says. */
    static String line(String nick, int n) {
        return nick + " " + n;
    }

    /** The lines said in a transcript, as {@code nick: text}, without the server's notices. */
    static List<String> said(List<String> transcript) {
        List<String> said = new ArrayList<>();
        for (String line : transcript) {
            if (!line.startsWith("* ") && !line.startsWith("! ")) {
                said.add(line);
            }
        }
        return said;
    }

    /** Asserts the guarantees above over {@code members}, each of which said {@code linesEach} lines. */
    static void check(List<Member> members, int linesEach) {
        Map<String, String> roomOf = new HashMap<>();
        for (Member member : members) {
            roomOf.put(member.nick(), member.room());
        }
        Map<String, List<String>> orderOfRoom = new HashMap<>();
        for (Member member : members) {
            List<String> said = said(member.heard());
            Map<String, Integer> next = new HashMap<>();
            for (String line : said) {
                int colon = line.indexOf(": ");
                String speaker = line.substring(0, colon);
                // Messages as suppliers: a sweep checks hundreds of thousands of lines.
                assertEquals(member.room(), roomOf.get(speaker),
                        () -> member.nick() + " in " + member.room() + " heard " + line);
                int expected = next.getOrDefault(speaker, 0);
                assertEquals(speaker + ": " + line(speaker, expected), line,
                        () -> member.nick() + " heard " + speaker + "'s lines out of order, or one twice, or not all");
                next.put(speaker, expected + 1);
            }
            if (!member.stayed()) {
                continue;
            }
            List<String> order = orderOfRoom.putIfAbsent(member.room(), said);
            if (order != null) {
                assertEquals(order, said, member.nick() + " heard room " + member.room() + " in another order");
            }
            Predicate<Member> stayedInThisRoom = other -> other.stayed() && other.room().equals(member.room());
            for (Member speaker : members) {
                if (stayedInThisRoom.test(speaker)) {
                    assertEquals(linesEach, (int) next.getOrDefault(speaker.nick(), 0),
                            member.nick() + " heard all of " + speaker.nick() + "'s lines");
                }
            }
        }
    }
}
