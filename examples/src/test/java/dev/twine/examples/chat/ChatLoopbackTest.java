package dev.twine.examples.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twine.examples.chat.ChatServer.Variant;
import dev.twine.runtime.Reactor;
import dev.twine.runtime.ReactorGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat server on a real reactor group — two reactors, two threads — with 200 scripted members
 * over loopback, half speaking lines and half frames, in 20 rooms spread over both reactors. All
 * join; then every member says its lines at once; each must hear every line of its room, in one
 * order shared by the room, each speaker's in the order said, and nothing from other rooms
 * ({@link RoomTranscripts}). The members run on one reactor stepped by the test thread.
 */
@Timeout(60)
class ChatLoopbackTest {

    private static final int MEMBERS = 200;
    private static final int ROOMS = 20;
    private static final int LINES_EACH = 10;
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(20);

    @Test
    void twoHundredMembersHearTheirRoomsInOrder() throws Exception {
        try (ReactorGroup group = ReactorGroup.start(2, "chat-server");
                Reactor clients = Reactor.open()) {
            ChatServer server = new ChatServer(group.reactors(), ChatSettings.DEFAULTS);
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            InetSocketAddress lines = server.listen(group, loopback, Variant.LINE).localAddress();
            InetSocketAddress frames = server.listen(group, loopback, Variant.BINARY).localAddress();

            List<TestClient> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                Variant variant = i % 2 == 0 ? Variant.LINE : Variant.BINARY;
                TestClient member = new TestClient(variant, nick(i));
                clients.connectTcp(variant == Variant.LINE ? lines : frames, member,
                        error -> fail(member + " could not connect: " + error));
                members.add(member);
            }
            await(clients, "every member connected", () -> members.stream().allMatch(m -> m.transport != null));

            for (int i = 0; i < MEMBERS; i++) {
                members.get(i).nick(nick(i)).join(room(i));
            }
            await(clients, "every member is in its room", () -> {
                for (int i = 0; i < MEMBERS; i++) {
                    if (!members.get(i).lines.contains("* " + nick(i) + " joined " + room(i))) {
                        return false;
                    }
                }
                return true;
            });

            for (int n = 0; n < LINES_EACH; n++) {
                for (int i = 0; i < MEMBERS; i++) {
                    members.get(i).say(RoomTranscripts.line(nick(i), n));
                }
            }
            int perRoom = MEMBERS / ROOMS * LINES_EACH;
            await(clients, "every member heard its room's " + perRoom + " lines", () -> members.stream()
                    .allMatch(m -> RoomTranscripts.said(m.lines).size() >= perRoom));

            List<RoomTranscripts.Member> heard = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                TestClient member = members.get(i);
                assertFalse(member.isClosed(), member + " is still connected");
                heard.add(new RoomTranscripts.Member(nick(i), room(i), member.lines, true));
            }
            RoomTranscripts.check(heard, LINES_EACH);
        }
    }

    private static String nick(int member) {
        return "m" + member;
    }

    private static String room(int member) {
        return "room" + member % ROOMS;
    }

    private static void await(Reactor clients, String what, BooleanSupplier condition) {
        assertTrue(clients.runUntil(condition, PHASE_LIMIT), "within " + PHASE_LIMIT + ": " + what);
    }
}
