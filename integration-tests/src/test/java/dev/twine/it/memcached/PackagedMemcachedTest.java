package dev.twine.it.memcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.ExampleProcess;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The memcached example as the README runs it: the packaged jar, a real port. */
@Timeout(120)
class PackagedMemcachedTest {

    @Test
    void answersTheReadmesConversation() throws Exception {
        try (ExampleProcess server = ExampleProcess.start("memcached");
                Socket socket = new Socket(server.address().getAddress(), server.port())) {
            socket.getOutputStream().write("set k 0 0 2\r\nhi\r\nget k\r\n".getBytes(StandardCharsets.US_ASCII));
            String expected = "STORED\r\nVALUE k 0 2\r\nhi\r\nEND\r\n";
            byte[] reply = socket.getInputStream().readNBytes(expected.length());
            assertEquals(expected, new String(reply, StandardCharsets.US_ASCII), server.stderr());
        }
    }

    @Test
    void aBadCommandLineExitsWithUsage() throws Exception {
        ExampleProcess.Result noPort = ExampleProcess.run("memcached");
        assertEquals(2, noPort.exitCode());
        assertTrue(noPort.output().contains("--port is required"), noPort.output());
        assertTrue(noPort.output().contains("memcached --port P"), noPort.output());

        ExampleProcess.Result tinyItems = ExampleProcess.run("memcached", "--port", "0", "--max-item-bytes", "10");
        assertEquals(2, tinyItems.exitCode());
        assertTrue(tinyItems.output().contains("--max-item-bytes must be between 1024 and 1073741824, was 10"),
                tinyItems.output());

        ExampleProcess.Result halfTheMemory = ExampleProcess.run("memcached", "--port", "0", "--memory-mb", "1");
        assertEquals(2, halfTheMemory.exitCode());
        assertTrue(halfTheMemory.output().contains("--max-item-bytes 1048576 (the default) is more than half of"
                + " --memory-mb 1"), halfTheMemory.output());

        ExampleProcess.Result noMemory = ExampleProcess.run("memcached", "--port", "0", "--memory-mb", "0");
        assertEquals(2, noMemory.exitCode());
        assertTrue(noMemory.output().contains("--memory-mb must be between"), noMemory.output());
    }
}
