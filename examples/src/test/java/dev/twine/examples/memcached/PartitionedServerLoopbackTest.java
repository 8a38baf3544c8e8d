package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.runtime.ReactorGroup;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server on a real group of four reactor threads, over loopback: several connections, two on
 * each reactor, each writing a long pipeline whose keys spread over every partition before reading
 * a byte, all at once; every answer must come back in request order. Reads wait at most
 * {@value #READ_TIMEOUT_MILLIS} ms for a byte.
 */
@Timeout(120)
class PartitionedServerLoopbackTest {

    private static final int REACTORS = 4;
    private static final int CONNECTIONS = 2 * REACTORS;
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private final ReactorGroup group = ReactorGroup.start(REACTORS, "memcached-test");
    private final InetSocketAddress address = MemcachedServer.listen(group,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64L << 20, 1 << 20);

    @AfterEach
    void stop() {
        group.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /**
     * Per connection: sets of its own keys and, after each, a get of the key set so far back and a
     * multi-key get of three of them, one missing: 3,000 requests written before any answer is read.
     */
    @Test
    void textPipelinesOnEveryReactorAreAnsweredInOrder() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            StringBuilder requests = new StringBuilder();
            StringBuilder answers = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                String key = "c" + c + "-" + i;
                String value = "v" + i;
                String earlier = "c" + c + "-" + i / 2;
                requests.append("set ").append(key).append(" ").append(i).append(" 0 ").append(value.length())
                        .append("\r\n").append(value).append("\r\n");
                requests.append("get ").append(key).append("\r\n");
                requests.append("get ").append(earlier).append(" nothing-").append(i).append(' ').append(key)
                        .append("\r\n");
                answers.append("STORED\r\n").append(hit(key, i, value)).append("END\r\n")
                        .append(hit(earlier, i / 2, "v" + i / 2)).append(hit(key, i, value)).append("END\r\n");
            }
            Socket socket = connect();
            sockets.add(socket);
            socket.getOutputStream().write(requests.toString().getBytes(US_ASCII));
            expected.add(answers.toString());
        }
        for (int c = 0; c < CONNECTIONS; c++) {
            byte[] answers = readExactly(sockets.get(c).getInputStream(), expected.get(c).length());
            assertEquals(expected.get(c), new String(answers, US_ASCII), "connection " + c);
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static String hit(String key, int flags, String value) {
        return "VALUE " + key + " " + flags + " " + value.length() + "\r\n" + value + "\r\n";
    }

    /**
     * Per connection: a quiet set, a getkq that hits and a getq that misses, a thousand times, then
     * a noop: exactly the thousand hits come back, in request order, then the noop.
     */
    @Test
    void binaryQuietPipelinesOnEveryReactorAreSettledInOrderByTheirNoop() throws IOException {
        McRequestEncoder encoder = new McRequestEncoder();
        List<Socket> sockets = new ArrayList<>();
        int rounds = 1000;
        for (int c = 0; c < CONNECTIONS; c++) {
            ByteArrayOutputStream requests = new ByteArrayOutputStream();
            int opaque = 0;
            for (int i = 0; i < rounds; i++) {
                byte[] key = ("b" + c + "-" + i).getBytes(US_ASCII);
                byte[] missing = ("missing-" + c + "-" + i).getBytes(US_ASCII);
                requests.writeBytes(encoder.toByteArray(new McRequest.Update(Opcode.SETQ, header(key, 8, opaque++), i, 0,
                        key, key)));
                requests.writeBytes(encoder.toByteArray(new McRequest.Get(Opcode.GETKQ, header(key, 0, opaque++), key)));
                requests.writeBytes(encoder.toByteArray(new McRequest.Get(Opcode.GETQ, header(missing, 0, opaque++),
                        missing)));
            }
            requests.writeBytes(encoder.toByteArray(new McRequest.Bare(Opcode.NOOP, header(new byte[0], 0, opaque))));
            Socket socket = connect();
            sockets.add(socket);
            socket.getOutputStream().write(requests.toByteArray());
        }
        for (int c = 0; c < CONNECTIONS; c++) {
            DataInputStream in = new DataInputStream(sockets.get(c).getInputStream());
            for (int i = 0; i < rounds; i++) {
                ByteBuffer response = readResponse(in);
                String key = "b" + c + "-" + i;
                assertEquals(Opcode.GETKQ, response.get(1), "connection " + c + ", response " + i);
                assertEquals(3 * i + 1, response.getInt(12), "connection " + c + ": the opaque of getkq " + i);
                assertEquals(i, response.getInt(24), "the flags");
                assertEquals(key, new String(response.array(), 28, response.getShort(2), US_ASCII));
            }
            ByteBuffer noop = readResponse(in);
            assertEquals(Opcode.NOOP, noop.get(1));
            assertEquals(3 * rounds, noop.getInt(12));
            sockets.get(c).close();
        }
    }

    @Test
    void statsCountTheConnectionsOfEveryReactor() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            sockets.add(connect());
        }
        Socket asking = sockets.get(0);
        asking.getOutputStream().write("stats\r\n".getBytes(US_ASCII));

        String stats = readUntil(asking.getInputStream(), "END\r\n");

        assertTrue(stats.contains("STAT curr_connections " + CONNECTIONS + "\r\n"), stats);
        assertTrue(stats.contains("STAT threads " + REACTORS + "\r\n"), stats);
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static McRequest.Header header(byte[] key, int extrasLength, int opaque) {
        return new McRequest.Header(key.length, extrasLength, (byte) 0, (short) 0, opaque, 0);
    }

    private static ByteBuffer readResponse(DataInputStream in) throws IOException {
        byte[] header = in.readNBytes(24);
        assertEquals(24, header.length, "a whole response header");
        int bodyLength = ByteBuffer.wrap(header).getInt(8);
        ByteBuffer response = ByteBuffer.allocate(24 + bodyLength).put(header);
        in.readFully(response.array(), 24, bodyLength);
        return response;
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        assertEquals(length, bytes.length, "the connection ended early");
        return bytes;
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith(end)) {
            int b = in.read();
            assertTrue(b >= 0, "the connection ended before " + end.strip() + ": " + text);
            text.append((char) b);
        }
        return text.toString();
    }
}
