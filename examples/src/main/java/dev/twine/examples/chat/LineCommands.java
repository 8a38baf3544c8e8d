package dev.twine.examples.chat;

import java.util.Locale;

/**
 * The line protocol's words for {@link ChatRequest}s:
 *
 * <pre>
 * /nick NAME     Nick(NAME)
 * /join ROOM     Join(ROOM)
 * /who           Who()
 * /quit          Quit()            (anything after it is ignored, as IRC's quit message would be)
 * //text         Say("/text")      a line that starts with a slash, said: the first slash goes
 * text           Say(text)         any other line is said to the room
 * (empty)        nothing
 * </pre>
 *
 * Command names are case-insensitive; names are checked by the server, as for the binary protocol.
 */
final class LineCommands {

    /** A line that starts with a slash but is not a command; the message says what would be. */
    static final class NotACommandException extends Exception {
        private static final long serialVersionUID = 1L;

        NotACommandException(String message) {
            super(message);
        }
    }

    private LineCommands() {}

    /**
     * The request {@code line} makes, or {@code null} for an empty line.
     *
     * @throws NotACommandException for an unknown command, or one without its argument
     */
    static ChatRequest parse(String line) throws NotACommandException {
        if (line.isEmpty()) {
            return null;
        }
        if (!line.startsWith("/")) {
            return new ChatRequest.Say(line);
        }
        if (line.startsWith("//")) {
            return new ChatRequest.Say(line.substring(1));
        }
        int space = line.indexOf(' ');
        String command = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        switch (command) {
            case "/nick":
                return new ChatRequest.Nick(required(argument, "/nick NAME"));
            case "/join":
                return new ChatRequest.Join(required(argument, "/join ROOM"));
            case "/who":
                return new ChatRequest.Who();
            case "/quit":
                return new ChatRequest.Quit();
            default:
                throw new NotACommandException("unknown command " + command
                        + ": try /nick NAME, /join ROOM, /who or /quit (// says a line that starts with /)");
        }
    }

    private static String required(String argument, String usage) throws NotACommandException {
        if (argument.isEmpty()) {
            throw new NotACommandException("usage: " + usage);
        }
        return argument;
    }
}
