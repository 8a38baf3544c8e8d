package dev.twine.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.examples.chat.ChatServer.Variant;
import dev.twine.runtime.CloseReason;
import dev.twine.testing.Chunking;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chat's requests and what they make each member hear, in memory, on two reactors — so that
 * rooms, nicks and members are spread over both and every conversation crosses between them. Most
 * tests run in both protocols and assert the same transcript: the protocols share one core.
 */
class ChatServerTest {

    private final ChatFixture chat = new ChatFixture(2, ChatSettings.DEFAULTS);

    @AfterEach
    void close() {
        chat.close();
    }

    /** {@code name} with its nick taken and in {@code room}, on {@code reactor}; its transcript so far forgotten. */
    private TestClient member(String name, int reactor, Variant variant, String room) {
        TestClient client = chat.connect(name, reactor, variant);
        client.nick(name).join(room);
        chat.settle();
        client.take();
        return client;
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aWholeConversation(Variant variant) {
        TestClient alice = chat.connect("alice", 0, variant);
        TestClient bob = chat.connect("bob", 1, variant);

        alice.nick("alice").join("lobby");
        chat.settle();
        assertEquals(List.of("* you are alice", "* alice joined lobby"), alice.take());

        bob.nick("bob").join("lobby");
        chat.settle();
        assertEquals(List.of("* you are bob", "* bob joined lobby"), bob.take());
        assertEquals(List.of("* bob joined lobby"), alice.take());

        alice.say("hi bob");
        chat.settle();
        assertEquals(List.of("alice: hi bob"), alice.take(), "the speaker hears itself, in the room's order");
        assertEquals(List.of("alice: hi bob"), bob.take());

        bob.who();
        chat.settle();
        assertEquals(List.of("* in lobby: alice bob"), bob.take());
        assertEquals(List.of(), alice.take());

        bob.quit();
        chat.settle();
        assertEquals(List.of("* bye: see you"), bob.take());
        assertEquals(CloseReason.Kind.PEER_CLOSED, bob.closeReason.kind(), "the server closed bob's connection");
        assertEquals(List.of("* bob left lobby (quit)"), alice.take());
        assertFalse(alice.isClosed());
    }

    /** Whichever reactor owns the room, one of the two members is on the other. */
    @ParameterizedTest
    @EnumSource(Variant.class)
    void aQuitIsAnsweredAfterTheRequestsBeforeIt(Variant variant) {
        for (int reactor = 0; reactor < 2; reactor++) {
            String name = "quitter" + reactor;
            TestClient quitter = member(name, reactor, variant, "lobby");

            quitter.say("last words").who().quit();
            chat.settle();

            assertEquals(List.of(name + ": last words", "* in lobby: " + name, "* bye: see you"), quitter.take());
            assertEquals(CloseReason.Kind.PEER_CLOSED, quitter.closeReason.kind());
        }
    }

    @Test
    void theLineProtocolGreetsAndTheBinaryOneDoesNot() {
        TestClient line = chat.connect("line", 0, Variant.LINE);
        TestClient binary = chat.connect("binary", 0, Variant.BINARY);
        chat.settle();
        assertEquals(LineFrontEnd.GREETING, line.greeting);
        assertEquals(List.of(), line.take());
        assertNull(binary.greeting);
        assertEquals(List.of(), binary.replies);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void linesReachTheMembersOfTheirRoomOnly(Variant variant) {
        TestClient a1 = member("a1", 0, variant, "a");
        TestClient a2 = member("a2", 1, variant, "a");
        TestClient b1 = member("b1", 0, variant, "b");
        TestClient b2 = member("b2", 1, variant, "b");
        List.of(a1, a2, b1, b2).forEach(TestClient::take);

        a1.say("for a");
        b2.say("for b");
        chat.settle();

        assertEquals(List.of("a1: for a"), a1.take());
        assertEquals(List.of("a1: for a"), a2.take());
        assertEquals(List.of("b2: for b"), b1.take());
        assertEquals(List.of("b2: for b"), b2.take());
    }

    @Test
    void lineAndBinaryMembersMeetInTheSameRoom() {
        TestClient line = member("lina", 0, Variant.LINE, "lobby");
        TestClient binary = member("bina", 1, Variant.BINARY, "lobby");
        line.take();

        line.say("from a line");
        binary.say("from a frame");
        chat.settle();

        List<String> expected = List.of("lina: from a line", "bina: from a frame");
        assertEquals(expected, line.take());
        assertEquals(expected, binary.take());
        assertEquals(List.of(new ChatReply.Said("lobby", "lina", "from a line"),
                new ChatReply.Said("lobby", "bina", "from a frame")), binary.replies.subList(2, 4));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aNickIsUniqueAcrossReactorsUntilItsHolderLeaves(Variant variant) {
        TestClient first = chat.connect("first", 0, variant);
        TestClient second = chat.connect("second", 1, variant);
        first.nick("sam");
        chat.settle();
        second.nick("sam");
        chat.settle();
        assertEquals(List.of("! nick sam is taken"), second.take());

        first.nick("samuel"); // gives "sam" back
        chat.settle();
        second.nick("sam");
        chat.settle();
        assertEquals(List.of("* you are sam"), second.take());

        second.quit();
        chat.settle();
        first.nick("sam");
        chat.settle();
        assertEquals(List.of("* you are sam", "* you are samuel", "* you are sam"), first.take());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void requestsSentWithANickWaitForItsAnswer(Variant variant) {
        TestClient taken = chat.connect("taken", 1, variant);
        taken.nick("zoe");
        chat.settle();
        TestClient client = chat.connect("client", 0, variant);

        // One write: the join and the line must wait until the server knows the nick is refused.
        client.nick("zoe").join("lobby").nick("zed").join("lobby").say("hi");
        chat.settle();

        assertEquals(List.of("! nick zoe is taken", "! choose a nick first", "* you are zed", "* zed joined lobby",
                "zed: hi"), client.take());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aRenameIsToldToTheRoom(Variant variant) {
        TestClient alice = member("alice", 0, variant, "lobby");
        TestClient bob = member("bob", 1, variant, "lobby");
        alice.take();

        alice.nick("alicia").say("new name");
        chat.settle();

        assertEquals(List.of("* you are alicia", "* alice is now alicia", "alicia: new name"), alice.take());
        assertEquals(List.of("* alice is now alicia", "alicia: new name"), bob.take());
        bob.nick("alice");
        chat.settle();
        assertEquals(List.of("* you are alice", "* bob is now alice"), bob.take(), "the old nick is free again");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void requestsThatCannotBeDoneAreRefusedAndTheConnectionStays(Variant variant) {
        TestClient client = chat.connect("client", 0, variant);
        client.say("hello?").join("lobby").who().nick("two words").nick("x".repeat(33));
        chat.settle();
        client.nick("ok").who().join("no room!").join("lobby").join("lobby").say("a\rb");
        chat.settle();

        String badNick = "! a nick is 1 to 32 letters, digits, '-' or '_'";
        // The join goes to the room's owner and comes back last; the refusals are answered at once.
        assertEquals(List.of("! choose a nick first", "! choose a nick first", "! choose a nick first", badNick,
                badNick, "* you are ok", "! join a room first", "! a room name is 1 to 32 letters, digits, '-' or '_'",
                "! you are in lobby already", "! a message is one line: no \\r or \\n", "* ok joined lobby"),
                client.take());
        assertFalse(client.isClosed());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aMemberThatMovesHearsNothingMoreFromItsOldRoom(Variant variant) {
        TestClient bob = member("bob", 1, variant, "old");
        TestClient alice = member("alice", 0, variant, "old");
        TestClient carol = member("carol", 0, variant, "new");
        bob.take();
        carol.take();

        // bob's line reaches the room's owner before alice's leave does: its copy for alice is
        // already on its way when she has moved, and she drops it.
        bob.say("still here?");
        alice.join("new");
        chat.settle();

        assertEquals(List.of("* alice joined new"), alice.take());
        assertEquals(List.of("bob: still here?", "* alice left old"), bob.take());
        assertEquals(List.of("* alice joined new"), carol.take());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aLongMemberListComesInPages(Variant variant) {
        List<TestClient> members = new ArrayList<>();
        for (int i = 0; i < ChatLimits.MEMBERS_PER_REPLY + 5; i++) {
            members.add(member(String.format("m%03d", i), i % 2, variant, "big"));
        }
        TestClient asker = members.get(0);
        asker.take();

        asker.who();
        chat.settle();

        List<String> pages = asker.take();
        assertEquals(2, pages.size());
        assertTrue(pages.get(0).startsWith("* in big: m000 m001 "), pages.get(0));
        assertTrue(pages.get(0).endsWith(" m099"), pages.get(0));
        assertEquals("* in big: m100 m101 m102 m103 m104", pages.get(1));
        if (variant == Variant.BINARY) {
            List<ChatReply> replies = asker.replies;
            assertTrue(((ChatReply.Members) replies.get(replies.size() - 2)).more());
            assertFalse(((ChatReply.Members) replies.get(replies.size() - 1)).more());
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aClosedConnectionLeavesItsRoomAndFreesItsNick(Variant variant) {
        TestClient alice = member("alice", 0, variant, "lobby");
        TestClient bob = member("bob", 1, variant, "lobby");
        alice.take();

        bob.transport.close();
        chat.settle();

        assertEquals(List.of("* bob left lobby (disconnected)"), alice.take());
        alice.nick("bob");
        chat.settle();
        assertEquals(List.of("* you are bob", "* alice is now bob"), alice.take());
    }

    @Test
    void theLineProtocolsOwnWords() {
        TestClient client = member("al", 0, Variant.LINE, "lobby");
        client.sendLine("/dance").sendLine("/nick").sendLine("//slash").sendLine("").sendLine("/WHO");
        chat.settle();
        assertEquals(List.of(
                "! unknown command /dance: try /nick NAME, /join ROOM, /who or /quit (// says a line that starts with /)",
                "! usage: /nick NAME", "al: /slash", "* in lobby: al"), client.take());

        client.sendLine("/Join   other  ");
        chat.settle();
        assertEquals(List.of("* al joined other"), client.take());
    }

    @Test
    void aLineOverTheLimitClosesTheConnectionWithAReason() {
        TestClient alice = member("alice", 0, Variant.LINE, "lobby");
        TestClient bob = member("bob", 1, Variant.LINE, "lobby");
        alice.take();

        bob.sendLine("x".repeat(ChatLimits.MAX_TEXT_BYTES));
        chat.settle();
        assertEquals(List.of("bob: " + "x".repeat(ChatLimits.MAX_TEXT_BYTES)), bob.take(), "the longest line is fine");

        bob.sendLine("x".repeat(ChatLimits.MAX_TEXT_BYTES + 1));
        chat.settle();

        assertEquals(List.of("* bye: a line is at most 1024 bytes"), bob.take());
        assertTrue(bob.isClosed());
        assertEquals(List.of("bob: " + "x".repeat(ChatLimits.MAX_TEXT_BYTES), "* bob left lobby (error)"), alice.take());
    }

    @Test
    void aBadFrameClosesOnlyItsConnection() {
        TestClient alice = member("alice", 0, Variant.BINARY, "lobby");
        TestClient bob = member("bob", 1, Variant.BINARY, "lobby");
        alice.take();

        bob.transport.write(new byte[] {0, 1, 0x7f}); // tag 0x7f: no such request
        chat.settle();

        assertTrue(bob.isClosed());
        assertEquals(List.of("* bob left lobby (error)"), alice.take());
    }

    /** The same conversation, cut into reads every which way, gives every member the same transcript. */
    @ParameterizedTest
    @EnumSource(Variant.class)
    void theSameConversationHoweverTheReadsAreCut(Variant variant) {
        List<Chunking> chunkings = new ArrayList<>(List.of(Chunking.bytewise(), Chunking.fixed(2), Chunking.fixed(5)));
        for (long seed = 0; seed < 20; seed++) {
            chunkings.add(Chunking.random(seed, 9));
        }
        List<List<String>> expected = List.of(
                List.of("* you are alice", "* alice joined lobby", "* bob joined lobby", "bob: hello, alice",
                        "alice: hello, bob", "alice: /me waves", "* you are al", "* alice is now al",
                        "* bob left lobby (quit)"),
                List.of("* you are bob", "* bob joined lobby", "bob: hello, alice", "* in lobby: alice bob",
                        "alice: hello, bob", "alice: /me waves", "* alice is now al", "* bye: see you"));
        for (int i = 0; i < chunkings.size(); i++) {
            try (ChatFixture cut = new ChatFixture(2, ChatSettings.DEFAULTS)) {
                TestClient alice = cut.connect("alice", 0, variant, chunkings.get(i));
                TestClient bob = cut.connect("bob", 1, variant, chunkings.get(i));
                alice.nick("alice").join("lobby");
                cut.settle();
                bob.nick("bob").join("lobby").say("hello, alice").who();
                cut.settle();
                alice.say("hello, bob").say("/me waves").nick("al");
                cut.settle();
                bob.quit();
                cut.settle();
                assertEquals(expected, List.of(alice.take(), bob.take()), "chunking #" + i);
            }
        }
    }
}
