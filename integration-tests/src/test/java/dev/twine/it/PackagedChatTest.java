package dev.twine.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat example as its guide runs it: {@code java -jar twine-examples.jar chat ...} on a free
 * port, talked to over loopback the way {@code nc} would, in both protocols.
 */
@Timeout(120)
class PackagedChatTest {

    /** How long a read may wait for the server: bounded, so a silent server fails the test. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    /** One line-protocol connection: lines out with {@code \n}, as {@code nc} sends them; lines in. */
    private static final class LineMember implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;

        LineMember(ExampleProcess server) throws IOException {
            socket = new Socket(server.address().getAddress(), server.port());
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(in.readLine().startsWith("* welcome to Twine chat"));
        }

        LineMember send(String line) throws IOException {
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        String next() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void membersOnTwoThreadsTalkInARoom() throws Exception {
        try (ExampleProcess server = ExampleProcess.start("chat", "--threads", "2");
                LineMember alice = new LineMember(server);
                LineMember bob = new LineMember(server)) {
            alice.send("/nick alice").send("/join lobby");
            assertEquals("* you are alice", alice.next(), server.stderr());
            assertEquals("* alice joined lobby", alice.next());
            bob.send("/nick alice");
            assertEquals("! nick alice is taken", bob.next());
            bob.send("/nick bob").send("/join lobby").send("hi alice");
            assertEquals("* you are bob", bob.next());
            assertEquals("* bob joined lobby", bob.next());
            assertEquals("bob: hi alice", bob.next());
            assertEquals("* bob joined lobby", alice.next());
            assertEquals("bob: hi alice", alice.next());
            alice.send("/who").send("/quit");
            assertEquals("* in lobby: alice bob", alice.next());
            assertEquals("* bye: see you", alice.next());
            assertEquals(null, alice.next(), "the server closed alice's connection");
            assertEquals("* alice left lobby (quit)", bob.next());
            assertTrue(server.isAlive());
        }
    }

    /** Bytes written as the guide shows them: hex pairs, with {@code |} between fields. */
    private static byte[] bytes(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex.replace(" | ", " "));
    }

    @Test
    void theBinaryProtocolAnswersInFrames() throws Exception {
        try (ExampleProcess server = ExampleProcess.start("chat", "--protocol", "binary");
                Socket socket = new Socket(server.address().getAddress(), server.port())) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.getOutputStream().write(bytes("00 05 | 01 | 03 62 6f 62"     // Nick("bob")
                    + " 00 07 | 02 | 05 6c 6f 62 62 79"                        // Join("lobby")
                    + " 00 03 | 03 | 68 69"));                                  // Say("hi")
            byte[] expected = bytes("00 05 | 81 | 03 62 6f 62"                  // Welcome("bob")
                    + " 00 0b | 82 | 05 6c 6f 62 62 79 | 03 62 6f 62"          // Joined("lobby", "bob")
                    + " 00 0d | 84 | 05 6c 6f 62 62 79 | 03 62 6f 62 | 68 69"); // Said("lobby", "bob", "hi")
            assertArrayEquals(expected, socket.getInputStream().readNBytes(expected.length), server.stderr());
        }
    }

    @Test
    void aSilentMemberIsToldGoodbyeAndClosed() throws Exception {
        try (ExampleProcess server = ExampleProcess.start("chat", "--idle-seconds", "1")) {
            // Before connecting: the server's second starts when it accepts, before its welcome.
            long start = System.nanoTime();
            LineMember member = new LineMember(server);
            assertEquals("* bye: idle for 1 s", member.next(), server.stderr());
            assertEquals(null, member.next());
            assertTrue(System.nanoTime() - start >= 900_000_000L, "not before its second was up");
            member.close();
        }
    }

    @Test
    void aBadChatCommandLineExitsWithUsage() throws Exception {
        ExampleProcess.Result protocol = ExampleProcess.run("chat", "--port", "0", "--protocol", "xml");
        assertEquals(2, protocol.exitCode());
        assertTrue(protocol.output().contains("unknown protocol 'xml': use line or binary"), protocol.output());

        ExampleProcess.Result threads = ExampleProcess.run("chat", "--port", "0", "--threads", "0");
        assertEquals(2, threads.exitCode());
        assertTrue(threads.output().contains("--threads must be between 1 and 256, was 0"), threads.output());
        assertTrue(threads.output().contains("chat --port P"), threads.output());
    }
}
