package dev.twine.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.examples.chat.ChatServer.Variant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The two policies: idle members are closed by their reactor's timer; slow members are disconnected. */
class ChatPoliciesTest {

    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final int SEND_QUEUE = 1024;

    private static TestClient member(ChatFixture chat, String name, int reactor, Variant variant, String room) {
        TestClient client = chat.connect(name, reactor, variant);
        client.nick(name).join(room);
        chat.settle();
        return client;
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aMemberThatSendsNothingForTheIdleTimeoutIsClosed(Variant variant) {
        try (ChatFixture chat = new ChatFixture(2, ChatSettings.DEFAULTS.withIdleTimeout(IDLE))) {
            TestClient alice = member(chat, "alice", 0, variant, "lobby");
            TestClient bob = member(chat, "bob", 1, variant, "lobby");
            alice.take();
            bob.take();

            chat.advance(Duration.ofSeconds(59));
            alice.say("still here");                 // pushes alice's timeout to 119 s
            chat.settle();
            chat.advance(Duration.ofSeconds(1));     // 60 s: bob's, who said nothing

            assertEquals(List.of("alice: still here", "* bye: idle for 60 s"), bob.take());
            assertTrue(bob.isClosed());
            assertEquals(List.of("alice: still here", "* bob left lobby (idle)"), alice.take());

            chat.advance(Duration.ofSeconds(58));    // 118 s
            assertFalse(alice.isClosed());
            chat.advance(Duration.ofSeconds(1));     // 119 s
            assertEquals(List.of("* bye: idle for 60 s"), alice.take());
            assertTrue(alice.isClosed());
        }
    }

    @Test
    void everyRequestCountsAsActivityEvenARefusedOneOrAnEmptyLine() {
        try (ChatFixture chat = new ChatFixture(1, ChatSettings.DEFAULTS.withIdleTimeout(IDLE))) {
            TestClient client = chat.connect("client", 0, Variant.LINE);
            chat.advance(Duration.ofSeconds(50));
            client.say("nobody hears this");         // refused: no nick yet
            chat.settle();
            chat.advance(Duration.ofSeconds(50));
            client.sendLine("");
            chat.settle();
            chat.advance(Duration.ofSeconds(59));
            assertFalse(client.isClosed(), "159 s after connecting, 59 s after the last line");
            chat.advance(Duration.ofSeconds(1));
            assertTrue(client.isClosed());
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aMemberThatReadsTooSlowlyIsDisconnectedAndTheOthersHearEverything(Variant variant) {
        try (ChatFixture chat = new ChatFixture(2, ChatSettings.DEFAULTS.withSendQueue(SEND_QUEUE))) {
            TestClient speaker = member(chat, "speaker", 0, variant, "lobby");
            TestClient fast = member(chat, "fast", 1, variant, "lobby");
            TestClient slow = member(chat, "slow", 1, variant, "lobby");
            List.of(speaker, fast, slow).forEach(TestClient::take);
            slow.transport.pauseReading(); // reads nothing more: what the server sends it piles up

            List<String> said = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String line = "line " + i + " " + "x".repeat(40);
                said.add("speaker: " + line);
                speaker.say(line);
                chat.settle();   // a line at a time, as people talk: the fast reader keeps up
            }

            List<String> expected = new ArrayList<>(said);
            int leftAt = fast.lines.indexOf("* slow left lobby (too slow)");
            assertTrue(leftAt > 0, "the room heard slow leave: " + fast.lines);
            expected.add(leftAt, "* slow left lobby (too slow)");
            assertEquals(expected, fast.take(), "every line reached the fast reader, in order");
            assertEquals(expected, speaker.take());

            // It was let go once more than its send queue was unread, and soon after: the memory pipe
            // may have one read on its way to the paused reader, outside the server's queue.
            int unread = 0;
            int largest = 0;
            for (int i = 0; i < leftAt; i++) {
                int size = sizeOf(variant, new ChatReply.Said("lobby", "speaker", said.get(i).substring(9)));
                unread += size;
                largest = Math.max(largest, size);
            }
            assertTrue(unread > SEND_QUEUE && unread <= SEND_QUEUE + 2 * largest,
                    "slow left after " + leftAt + " lines, " + unread + " bytes");
            slow.transport.resumeReading();
            chat.settle();
            assertTrue(slow.isClosed());
        }
    }

    /** The bytes {@code reply} takes on the wire in {@code variant}. */
    private static int sizeOf(Variant variant, ChatReply reply) {
        return variant == Variant.LINE
                ? reply.line().getBytes(StandardCharsets.UTF_8).length + 2
                : new ChatReplyEncoder().sizeOf(reply);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aMemberThatCatchesUpInTimeStays(Variant variant) {
        try (ChatFixture chat = new ChatFixture(2, ChatSettings.DEFAULTS.withSendQueue(SEND_QUEUE))) {
            TestClient speaker = member(chat, "speaker", 0, variant, "lobby");
            TestClient lagging = member(chat, "lagging", 1, variant, "lobby");
            lagging.take();
            for (int round = 0; round < 5; round++) {
                lagging.transport.pauseReading();
                for (int i = 0; i < 10; i++) {        // about 540 bytes: under the send queue
                    speaker.say("round " + round + " line " + i + " " + "x".repeat(30));
                    chat.settle();
                }
                lagging.transport.resumeReading();
                chat.settle();
            }
            assertFalse(lagging.isClosed());
            assertEquals(50, lagging.take().size());
        }
    }
}
