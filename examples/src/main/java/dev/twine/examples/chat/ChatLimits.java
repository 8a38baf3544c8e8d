package dev.twine.examples.chat;

import dev.twine.framing.Wire;

/**
 * The chat's limits and its rule for names, in one place: both protocols, the core and the
 * records' annotations read them, so a nick the line protocol accepts is one the binary protocol
 * can carry.
 */
public final class ChatLimits {

    /** The longest nick or room name, in characters (all ASCII, so also in bytes). */
    public static final int MAX_NAME_LENGTH = 32;

    /** The longest line a member may say, in UTF-8 bytes; also the longest line the line protocol reads. */
    public static final int MAX_TEXT_BYTES = 1024;

    /** How many nicks one {@link ChatReply.Members} reply lists; a longer list comes in several. */
    public static final int MEMBERS_PER_REPLY = 100;

    /** The longest request frame: a {@link ChatRequest.Say} of {@link #MAX_TEXT_BYTES}, after its 3-byte header. */
    public static final int MAX_REQUEST_FRAME = 3 + MAX_TEXT_BYTES;

    /**
     * The longest reply frame. The largest replies are a full page of {@link ChatReply.Members}
     * (3 + 33 + 1 + 100 × 33 = 3 337 bytes) and a {@link ChatReply.Said} of the longest text
     * (3 + 33 + 33 + 1 024 = 1 093 bytes); {@code ChatRepliesTest} checks that both fit.
     */
    public static final int MAX_REPLY_FRAME = 4096;

    private ChatLimits() {}

    /**
     * Whether {@code name} may be a nick or a room: 1 to {@value #MAX_NAME_LENGTH} ASCII letters,
     * digits, {@code '-'} or {@code '_'}. So narrow because names appear inside the line protocol's
     * replies ({@code "bob: hi"}, {@code "* bob joined lobby"}), where a space or a colon would make
     * them ambiguous.
     */
    public static boolean isName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** What is wrong with {@code text} as a line to say, or {@code null} if nothing is. */
    static String problemWithText(String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            // A line member would read it back as two lines, the second one forged.
            return "a message is one line: no \\r or \\n";
        }
        if (Wire.utf8Length(text) > MAX_TEXT_BYTES) {
            return "a message is at most " + MAX_TEXT_BYTES + " bytes";
        }
        return null;
    }
}
