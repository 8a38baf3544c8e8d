package dev.twine.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LineCommandsTest {

    @Test
    void commandsBecomeTheirRequests() throws Exception {
        assertEquals(new ChatRequest.Nick("bob"), LineCommands.parse("/nick bob"));
        assertEquals(new ChatRequest.Join("lobby"), LineCommands.parse("/join lobby"));
        assertEquals(new ChatRequest.Join("lobby"), LineCommands.parse("/JOIN   lobby "));
        assertEquals(new ChatRequest.Who(), LineCommands.parse("/who"));
        assertEquals(new ChatRequest.Quit(), LineCommands.parse("/quit"));
        assertEquals(new ChatRequest.Quit(), LineCommands.parse("/quit gone fishing"));
    }

    @Test
    void everyOtherLineIsSaid() throws Exception {
        assertEquals(new ChatRequest.Say("hello"), LineCommands.parse("hello"));
        assertEquals(new ChatRequest.Say(" /nick x"), LineCommands.parse(" /nick x"));
        assertEquals(new ChatRequest.Say("/nick x"), LineCommands.parse("//nick x"), "// says a slash line");
        assertEquals(new ChatRequest.Say("/"), LineCommands.parse("//"));
        assertNull(LineCommands.parse(""));
    }

    @Test
    void theNameIsTheWholeRestAndTheServerJudgesIt() throws Exception {
        assertEquals(new ChatRequest.Nick("two words"), LineCommands.parse("/nick two words"));
    }

    @Test
    void unknownCommandsAndMissingArgumentsSayWhatWouldDo() {
        assertEquals("unknown command /dance: try /nick NAME, /join ROOM, /who or /quit (// says a line that starts"
                + " with /)", assertThrows(LineCommands.NotACommandException.class,
                        () -> LineCommands.parse("/dance now")).getMessage());
        assertEquals("usage: /nick NAME",
                assertThrows(LineCommands.NotACommandException.class, () -> LineCommands.parse("/nick")).getMessage());
        assertEquals("usage: /join ROOM",
                assertThrows(LineCommands.NotACommandException.class, () -> LineCommands.parse("/join  ")).getMessage());
        assertThrows(LineCommands.NotACommandException.class, () -> LineCommands.parse("/"));
    }
}
