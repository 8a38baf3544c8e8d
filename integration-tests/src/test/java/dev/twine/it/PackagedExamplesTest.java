package dev.twine.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples as the README runs them: the packaged jar, a real port, clients over loopback. */
@Timeout(120)
class PackagedExamplesTest {

    /** A seed frame: the length, the type, then {@code rest}. */
    private static byte[] frame(int type, byte... rest) {
        return ByteBuffer.allocate(8 + rest.length).putInt(4 + rest.length).putInt(type).put(rest).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static long askTotal(Socket socket) throws IOException {
        socket.getOutputStream().write(frame(1));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertEquals(12, in.readInt(), "reply length");
        assertEquals(1, in.readInt(), "reply type");
        return in.readLong();
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed", "seed-annotated"})
    void theSeedServerCountsTypeZeroAcrossConnections(String example) throws Exception {
        try (ExampleProcess server = ExampleProcess.start(example);
                Socket a = new Socket(server.address().getAddress(), server.port());
                Socket b = new Socket(server.address().getAddress(), server.port())) {
            OutputStream outA = a.getOutputStream();
            for (int i = 0; i < 3; i++) {
                outA.write(frame(0));
            }
            assertEquals(3, askTotal(a), server.stderr());
            b.getOutputStream().write(frame(0));
            assertEquals(4, askTotal(b));
            assertEquals(4, askTotal(a));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed", "seed-annotated"})
    void theSeedServerDropsABadConnectionAndServesTheOthers(String example) throws Exception {
        try (ExampleProcess server = ExampleProcess.start(example);
                Socket bad = new Socket(server.address().getAddress(), server.port());
                Socket good = new Socket(server.address().getAddress(), server.port())) {
            bad.getOutputStream().write(frame(99));
            assertEquals(-1, bad.getInputStream().read(), "the server closed the bad connection");
            good.getOutputStream().write(frame(0));
            assertEquals(1, askTotal(good));
            assertTrue(server.isAlive());
        }
    }

    /**
     * One conversation with both seed servers, in one write: counts, some with bytes after their
     * type, and asks, some with bytes after theirs too. Then a frame of an unknown type, after which
     * each server must close without another byte. Everything each one sends back is the same.
     */
    @Test
    void bothSeedServersAnswerTheSameConversationWithTheSameBytes() throws Exception {
        byte[] conversation = concat(frame(0), frame(0, (byte) 9, (byte) 9), frame(1), frame(1, (byte) 7),
                frame(0), frame(1));
        byte[] expected = concat(totalReply(2), totalReply(2), totalReply(3));
        byte[] handWritten = converse("seed", conversation, expected.length);
        byte[] annotated = converse("seed-annotated", conversation, expected.length);
        assertArrayEquals(expected, handWritten);
        assertArrayEquals(handWritten, annotated);
    }

    /** The reply to a type-1 frame, from the protocol description: length 12, type 1, the total. */
    private static byte[] totalReply(long total) {
        return ByteBuffer.allocate(16).putInt(12).putInt(1).putLong(total).array();
    }

    /**
     * Sends {@code conversation} to a fresh {@code example} server and reads {@code replyBytes}
     * back; then sends a frame of an unknown type and reads to the end of the stream. Returns every
     * byte the server sent. The bad frame goes alone because a server that drops a connection drops
     * the replies it has not sent yet too.
     */
    private static byte[] converse(String example, byte[] conversation, int replyBytes) throws IOException {
        try (ExampleProcess server = ExampleProcess.start(example);
                Socket socket = new Socket(server.address().getAddress(), server.port())) {
            socket.getOutputStream().write(conversation);
            byte[] replies = socket.getInputStream().readNBytes(replyBytes);
            socket.getOutputStream().write(frame(42));
            return concat(replies, socket.getInputStream().readAllBytes());
        }
    }

    @Test
    void theEchoServerEchoesLines() throws Exception {
        try (ExampleProcess server = ExampleProcess.start("echo", "--framing", "line");
                Socket socket = new Socket(server.address().getAddress(), server.port())) {
            byte[] lines = "hello\r\n\r\nworld\r\n".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(lines);
            byte[] back = socket.getInputStream().readNBytes(lines.length);
            assertArrayEquals(lines, back);
        }
    }

    @Test
    void aBadCommandLineExitsWithUsage() throws Exception {
        ExampleProcess.Result unknown = ExampleProcess.run("nonsense");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.output().contains("unknown example 'nonsense'"), unknown.output());
        assertTrue(unknown.output().contains("usage:"), unknown.output());

        for (String seed : new String[] {"seed", "seed-annotated"}) {
            ExampleProcess.Result noPort = ExampleProcess.run(seed);
            assertEquals(2, noPort.exitCode());
            assertTrue(noPort.output().contains("--port is required"), noPort.output());
        }

        ExampleProcess.Result badFraming = ExampleProcess.run("echo", "--port", "0", "--framing", "xml");
        assertEquals(2, badFraming.exitCode());
        assertTrue(badFraming.output().contains("unknown framing 'xml'"), badFraming.output());
    }
}
