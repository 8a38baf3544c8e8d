package dev.twine.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The examples as the README runs them: the packaged jar, a real port, clients over loopback. */
@Timeout(120)
class PackagedExamplesTest {

    private static byte[] frame(int type) {
        return ByteBuffer.allocate(8).putInt(4).putInt(type).array();
    }

    private static long askTotal(Socket socket) throws IOException {
        socket.getOutputStream().write(frame(1));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertEquals(12, in.readInt(), "reply length");
        assertEquals(1, in.readInt(), "reply type");
        return in.readLong();
    }

    @Test
    void theSeedServerCountsTypeZeroAcrossConnections() throws Exception {
        try (ExampleProcess server = ExampleProcess.start("seed");
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

    @Test
    void theSeedServerDropsABadConnectionAndServesTheOthers() throws Exception {
        try (ExampleProcess server = ExampleProcess.start("seed");
                Socket bad = new Socket(server.address().getAddress(), server.port());
                Socket good = new Socket(server.address().getAddress(), server.port())) {
            bad.getOutputStream().write(frame(99));
            assertEquals(-1, bad.getInputStream().read(), "the server closed the bad connection");
            good.getOutputStream().write(frame(0));
            assertEquals(1, askTotal(good));
            assertTrue(server.isAlive());
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

        ExampleProcess.Result noPort = ExampleProcess.run("seed");
        assertEquals(2, noPort.exitCode());
        assertTrue(noPort.output().contains("--port is required"), noPort.output());

        ExampleProcess.Result badFraming = ExampleProcess.run("echo", "--port", "0", "--framing", "xml");
        assertEquals(2, badFraming.exitCode());
        assertTrue(badFraming.output().contains("unknown framing 'xml'"), badFraming.output());
    }
}
