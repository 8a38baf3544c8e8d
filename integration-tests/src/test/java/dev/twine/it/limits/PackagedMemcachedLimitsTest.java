package dev.twine.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.ExampleProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The memcached example's connection limits, on its command line, as the packaged jar runs them. */
@Timeout(120)
class PackagedMemcachedLimitsTest {

    private static Socket connect(ExampleProcess server) throws IOException {
        return new Socket(server.address().getAddress(), server.port());
    }

    /** What the server sends within {@code millis}, up to the end of its reply or of the stream. */
    private static String read(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                text.append((char) b);
                if (text.toString().endsWith("\r\n")) {
                    return text.toString();
                }
            }
            return text + "<end of stream>";
        } catch (SocketTimeoutException nothingMore) {
            return text + "<silence>";
        } catch (IOException reset) {
            return text + "<end of stream>";
        }
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void overTheConnectionLimitAClientWaitsUntilAnotherLeaves() throws Exception {
        try (ExampleProcess server = ExampleProcess.start("memcached", "--max-connections", "2");
                Socket first = connect(server);
                Socket second = connect(server);
                Socket third = connect(server)) {
            for (Socket client : new Socket[] {first, second, third}) {
                send(client, "version\r\n");
            }
            assertTrue(read(first, 10_000).startsWith("VERSION "), server.stderr());
            assertTrue(read(second, 10_000).startsWith("VERSION "));
            assertEquals("<silence>", read(third, 500), "the third waits in the backlog");
            first.close();
            assertTrue(read(third, 10_000).startsWith("VERSION "), "served once the first has gone");
        }
    }

    @Test
    void aRequestNotFinishedInTimeAndAnIdleClientAreClosed() throws Exception {
        try (ExampleProcess server = ExampleProcess.start("memcached", "--request-timeout", "1",
                "--idle-timeout", "2");
                Socket slow = connect(server);
                Socket idle = connect(server);
                Socket busy = connect(server)) {
            long started = System.nanoTime(); // before the send: the server's timer may start first
            send(slow, "get k");
            assertEquals("<end of stream>", read(slow, 10_000), "the unfinished request's client is closed");
            assertTrue(System.nanoTime() - started >= 900_000_000L, "not before its second was up");
            String idleHears = "<silence>";
            for (int i = 0; i < 40 && idleHears.equals("<silence>"); i++) {
                // A request every few hundred milliseconds keeps a client well inside its 2 seconds.
                send(busy, "version\r\n");
                assertTrue(read(busy, 10_000).startsWith("VERSION "), "request " + i);
                idleHears = read(idle, 300);
            }
            assertEquals("<end of stream>", idleHears, "the client that never asked is closed");
            send(busy, "version\r\n");
            assertTrue(read(busy, 10_000).startsWith("VERSION "), "the busy one is still served");
        }
    }

    @Test
    void badLimitsExitWithUsage() throws Exception {
        ExampleProcess.Result noConnections = ExampleProcess.run("memcached", "--port", "0", "--max-connections", "0");
        assertEquals(2, noConnections.exitCode());
        assertTrue(noConnections.output().contains("--max-connections must be between 1 and"), noConnections.output());
        ExampleProcess.Result negative = ExampleProcess.run("memcached", "--port", "0", "--idle-timeout", "-1");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.output().contains("--idle-timeout must be between 0 and"), negative.output());
        ExampleProcess.Result words = ExampleProcess.run("memcached", "--port", "0", "--write-timeout", "soon");
        assertEquals(2, words.exitCode());
        assertTrue(words.output().contains("--write-timeout takes a number"), words.output());
    }
}
