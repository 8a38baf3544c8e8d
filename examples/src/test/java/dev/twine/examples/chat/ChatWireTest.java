package dev.twine.examples.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary protocol's bytes, as the records' Javadoc shows them, and its limits. */
class ChatWireTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private final ChatRequestEncoder requests = new ChatRequestEncoder();
    private final ChatReplyEncoder replies = new ChatReplyEncoder();

    private static byte[] hex(String bytes) {
        return HEX.parseHex(bytes.replace(" | ", " "));
    }

    @Test
    void requestsAreWrittenAsDocumented() {
        assertArrayEquals(hex("00 05 | 01 | 03 62 6f 62"), requests.toByteArray(new ChatRequest.Nick("bob")));
        assertArrayEquals(hex("00 07 | 02 | 05 6c 6f 62 62 79"), requests.toByteArray(new ChatRequest.Join("lobby")));
        assertArrayEquals(hex("00 03 | 03 | 68 69"), requests.toByteArray(new ChatRequest.Say("hi")));
        assertArrayEquals(hex("00 01 | 04"), requests.toByteArray(new ChatRequest.Who()));
        assertArrayEquals(hex("00 01 | 05"), requests.toByteArray(new ChatRequest.Quit()));
    }

    @Test
    void repliesAreWrittenAsDocumented() {
        assertArrayEquals(hex("00 05 | 81 | 03 62 6f 62"), replies.toByteArray(new ChatReply.Welcome("bob")));
        assertArrayEquals(hex("00 0d | 84 | 05 6c 6f 62 62 79 | 03 62 6f 62 | 68 69"),
                replies.toByteArray(new ChatReply.Said("lobby", "bob", "hi")));
        assertArrayEquals(hex("00 0c | 86 | 05 6c 6f 62 62 79 | 00 | 03 62 6f 62"),
                replies.toByteArray(new ChatReply.Members("lobby", false, List.of(new ChatReply.Name("bob")))));
    }

    @Test
    void theLargestRepliesFitTheReplyLimit() {
        String name = "n".repeat(ChatLimits.MAX_NAME_LENGTH);
        List<ChatReply.Name> page = new ArrayList<>();
        for (int i = 0; i < ChatLimits.MEMBERS_PER_REPLY; i++) {
            page.add(new ChatReply.Name(name));
        }
        int members = replies.sizeOf(new ChatReply.Members(name, true, page));
        int said = replies.sizeOf(new ChatReply.Said(name, name, "é".repeat(ChatLimits.MAX_TEXT_BYTES / 2)));
        assertEquals(3337, members);
        assertEquals(1093, said);
        assertTrue(members <= ChatLimits.MAX_REPLY_FRAME && said <= ChatLimits.MAX_REPLY_FRAME);
    }

    @Test
    void theLongestLineFitsTheRequestLimitExactly() {
        assertEquals(ChatLimits.MAX_REQUEST_FRAME,
                requests.sizeOf(new ChatRequest.Say("x".repeat(ChatLimits.MAX_TEXT_BYTES))));
    }

    @Test
    void namesAreNarrow() {
        for (String good : List.of("bob", "Bob_2", "a-b", "x".repeat(32), "0")) {
            assertTrue(ChatLimits.isName(good), good);
        }
        for (String bad : List.of("", "x".repeat(33), "a b", "a:b", "*", "é", "#room")) {
            assertFalse(ChatLimits.isName(bad), bad);
        }
    }
}
