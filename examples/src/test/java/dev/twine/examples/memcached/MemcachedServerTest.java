package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.runtime.Protocol;
import dev.twine.runtime.Transport;
import dev.twine.testing.Chunking;
import dev.twine.testing.ManualClock;
import dev.twine.testing.MemoryPipe;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's wiring, whole conversations in memory: the first byte picks the protocol, the rest
 * of the input reaches that protocol's framer however the reads cut it, both protocols share one
 * store, and the server counts its connections. What each command answers is the handlers' tests'
 * business; here a few answers prove which handler read the bytes.
 */
class MemcachedServerTest {

    private static final byte[] VERSION = "1.6.21-twine".getBytes(US_ASCII);

    private final ManualClock clock = new ManualClock();
    private final MemcachedServer server = new MemcachedServer(clock, 64L << 20, 1 << 20);

    /** A client that keeps every byte it gets back. */
    private static final class Client implements Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        Transport transport;

        @Override
        public void onConnect(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void onBytes(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            received.writeBytes(bytes);
        }
    }

    /** Sends {@code request} on a new connection cut by {@code chunking}; returns every byte sent back. */
    private byte[] converse(byte[] request, Chunking chunking) {
        Client client = new Client();
        MemoryPipe pipe = MemoryPipe.connect(client, server.factory().newProtocol(), chunking);
        client.transport.write(request);
        pipe.flush();
        return client.received.toByteArray();
    }

    private static List<Chunking> chunkings() {
        List<Chunking> chunkings = new ArrayList<>(List.of(Chunking.whole()));
        for (int size = 1; size <= 25; size++) {
            chunkings.add(Chunking.fixed(size));
        }
        for (long seed = 0; seed < 20; seed++) {
            chunkings.add(Chunking.random(seed, 30));
        }
        return chunkings;
    }

    /** A binary request header with no extras and no key, then {@code value}. */
    private static byte[] binaryRequest(int opcode, int opaque, byte[] value) {
        return ByteBuffer.allocate(24 + value.length).put((byte) 0x80).put((byte) opcode).putShort((short) 0)
                .put((byte) 0).put((byte) 0).putShort((short) 0).putInt(value.length).putInt(opaque).putLong(0)
                .put(value).array();
    }

    /** A binary response header with status 0, no extras, no key and CAS 0, then {@code value}. */
    private static byte[] binaryResponse(int opcode, int opaque, byte[] value) {
        return ByteBuffer.allocate(24 + value.length).put((byte) 0x81).put((byte) opcode).putShort((short) 0)
                .put((byte) 0).put((byte) 0).putShort((short) 0).putInt(value.length).putInt(opaque).putLong(0)
                .put(value).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void aTextConnectionIsReadInLinesHoweverTheReadsCutIt() {
        byte[] request = "version\r\nset k 0 0 2\r\nhi\r\nget k\nversion\n".getBytes(US_ASCII);
        String expected = "VERSION 1.6.21-twine\r\nSTORED\r\nVALUE k 0 2\r\nhi\r\nEND\r\nVERSION 1.6.21-twine\r\n";
        for (Chunking chunking : chunkings()) {
            assertEquals(expected, new String(converse(request, chunking), US_ASCII));
        }
    }

    @Test
    void aConnectionWhoseFirstByteIsTheRequestMagicIsReadInBinaryHoweverTheReadsCutIt() {
        byte[] request = concat(binaryRequest(0x0b, 0xdeadbeef, new byte[0]), binaryRequest(0x0a, 7, new byte[0]));
        byte[] expected = concat(binaryResponse(0x0b, 0xdeadbeef, VERSION), binaryResponse(0x0a, 7, new byte[0]));
        for (Chunking chunking : chunkings()) {
            assertArrayEquals(expected, converse(request, chunking));
        }
    }

    @Test
    void bothProtocolsServeOneStore() {
        assertEquals("STORED\r\n", new String(converse("set k 5 0 2\r\nhi\r\n".getBytes(US_ASCII), Chunking.whole()),
                US_ASCII));
        byte[] getK = ByteBuffer.allocate(25).put((byte) 0x80).put((byte) 0x00).putShort((short) 1).put((byte) 0)
                .put((byte) 0).putShort((short) 0).putInt(1).putInt(3).putLong(0).put((byte) 'k').array();

        ByteBuffer response = ByteBuffer.wrap(converse(getK, Chunking.whole()));

        assertEquals(24 + 4 + 2, response.remaining(), "a header, the flags as extras, the value");
        assertEquals((byte) 0x81, response.get(0));
        assertEquals(4, response.get(4), "extras length");
        assertEquals(0, response.getShort(6), "status");
        assertEquals(3, response.getInt(12), "opaque");
        assertEquals(5, response.getInt(24), "flags");
        assertEquals("hi", new String(Arrays.copyOfRange(response.array(), 28, 30), US_ASCII));
    }

    @Test
    void countsConnectionsOpenNowAndSinceItStarted() {
        assertEquals(0, server.stats().currConnections());
        Client text = new Client();
        MemoryPipe textPipe = MemoryPipe.connect(text, server.factory().newProtocol());
        Client silent = new Client();
        MemoryPipe silentPipe = MemoryPipe.connect(silent, server.factory().newProtocol());
        Client binary = new Client();
        MemoryPipe binaryPipe = MemoryPipe.connect(binary, server.factory().newProtocol());
        text.transport.write("version\r\n".getBytes(US_ASCII));
        binary.transport.write(binaryRequest(0x0a, 0, new byte[0]));
        textPipe.flush();
        binaryPipe.flush();
        assertEquals(3, server.stats().currConnections());
        assertEquals(3, server.stats().totalConnections());

        // Each closes under a different framer: the one it started with, a line one, a binary one.
        silent.transport.close();
        silentPipe.flush();
        text.transport.close();
        textPipe.flush();
        assertEquals(1, server.stats().currConnections());
        binary.transport.close();
        binaryPipe.flush();

        assertEquals(0, server.stats().currConnections());
        assertEquals(3, server.stats().totalConnections());
    }
}
