package dev.twine.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.ExampleProcess;
import dev.twine.it.support.TextClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The memcached example's limits, on its command line, as the packaged jar runs them. */
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

    /**
     * {@code --host}, {@code --memory-mb} and {@code --max-item-bytes} with values that work: the
     * address listened on (not the default 127.0.0.1), an item of exactly the limit, key and value,
     * stored and one byte more refused, and over 2 MiB of items evicting the oldest.
     */
    @Test
    void theHostMemoryAndItemLimitGivenAreServed() throws Exception {
        try (ExampleProcess server = ExampleProcess.start("memcached", "--host", "127.0.0.2", "--memory-mb", "2",
                "--max-item-bytes", "4096");
                TextClient client = new TextClient(server.address())) {
            assertEquals("127.0.0.2", server.address().getAddress().getHostAddress(), "the line it printed");

            String largest = "v".repeat(4095);   // with the key "k": 4096 bytes
            assertEquals("STORED\r\n", client.call("set k 0 0 4095\r\n" + largest + "\r\n", "\r\n"));
            assertEquals("VALUE k 0 4095\r\n" + largest + "\r\nEND\r\n", client.call("get k\r\n", "END\r\n"));
            assertEquals("SERVER_ERROR object too large for cache\r\n",
                    client.call("set l 0 0 4096\r\n" + largest + "v\r\n", "\r\n"));

            // 1000 items of about 4 KiB each, 4 MB: twice the memory. Without replies, so that
            // the one write cannot stall on replies nobody reads yet.
            StringBuilder fill = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                fill.append(String.format("set fill-%04d 0 0 4000 noreply\r\n", i)).append("f".repeat(4000))
                        .append("\r\n");
            }
            assertEquals("END\r\n", client.call(fill + "get fill-0000\r\n", "END\r\n"), "the oldest is evicted");
            assertTrue(client.call("get fill-0999\r\n", "END\r\n").startsWith("VALUE fill-0999 0 4000\r\n"),
                    "the newest is there");
            Matcher evictions = Pattern.compile("STAT evictions (\\d+)\r\n").matcher(client.call("stats\r\n", "END\r\n"));
            assertTrue(evictions.find());
            assertTrue(Long.parseLong(evictions.group(1)) > 0, evictions.group());
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
