package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.framing.CorruptFrameException;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Transport;
import dev.twine.testing.Chunking;
import dev.twine.testing.MemoryPipe;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The seed server, whole conversations in memory: no sockets, no threads, no sleeps. */
class SeedServerTest {

    /** A client that sends what it is given and keeps every byte it gets back. */
    static final class Client implements Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        Transport transport;
        CloseReason closeReason;

        @Override
        public void onConnect(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void onBytes(ByteBuffer data) {
            while (data.hasRemaining()) {
                received.write(data.get());
            }
        }

        @Override
        public void onClose(CloseReason reason) {
            closeReason = reason;
        }
    }

    /** A frame as the wire has it: 4-byte length, then the 4-byte type and the rest of the body. */
    static byte[] frame(int type, byte... rest) {
        return ByteBuffer.allocate(8 + rest.length).putInt(4 + rest.length).putInt(type).put(rest).array();
    }

    /** The reply to a type-1 frame, built by hand from the protocol description. */
    static byte[] totalReply(long total) {
        return ByteBuffer.allocate(16).putInt(12).putInt(1).putLong(total).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private final SeedServer server = new SeedServer();

    /** A client connected to {@link #server} in memory, which has already sent {@code bytes}. */
    private MemoryPipe connect(Client client, Chunking chunking, byte[] bytes) {
        MemoryPipe pipe = MemoryPipe.connect(client, server.factory().newProtocol(), chunking);
        client.transport.write(bytes);
        pipe.flush();
        return pipe;
    }

    @Test
    void typeZeroCountsAcrossConnectionsAndMarksOnlyTheSender() {
        Client a = new Client();
        Client b = new Client();
        connect(a, Chunking.whole(), concat(frame(0), frame(0)));
        connect(b, Chunking.whole(), frame(1));

        assertEquals(2, server.type0Total());
        assertTrue(server.connections().get(1).state().sentType0());
        assertFalse(server.connections().get(2).state().sentType0());
        assertArrayEquals(totalReply(2), b.received.toByteArray());
        assertEquals(0, a.received.size(), "type 0 has no reply");
    }

    @Test
    void theSameConversationGivesTheSameAnswersHoweverItIsCut() {
        byte[] conversation = concat(frame(0, (byte) 9, (byte) 9), frame(0), frame(1), frame(0), frame(1));
        byte[] expected = concat(totalReply(2), totalReply(3));
        List<Chunking> chunkings = new ArrayList<>();
        for (int size = 1; size <= 16; size++) {
            chunkings.add(Chunking.fixed(size));
        }
        for (long seed = 0; seed < 50; seed++) {
            chunkings.add(Chunking.random(seed, 7));
        }
        for (Chunking chunking : chunkings) {
            SeedServer fresh = new SeedServer();
            Client client = new Client();
            MemoryPipe pipe = MemoryPipe.connect(client, fresh.factory().newProtocol(), chunking);
            client.transport.write(conversation);
            pipe.flush();
            assertArrayEquals(expected, client.received.toByteArray());
            assertEquals(3, fresh.type0Total());
        }
    }

    @Test
    void anUnknownTypeClosesThatConnectionOnly() {
        Client bad = new Client();
        Client good = new Client();
        connect(bad, Chunking.whole(), concat(frame(0), frame(42), frame(0)));
        connect(good, Chunking.whole(), concat(frame(0), frame(1)));
        assertEquals(CloseReason.Kind.PEER_CLOSED, bad.closeReason.kind(), "the server aborted it");
        assertEquals(2, server.type0Total(), "the frame after the bad one was never counted");
        assertArrayEquals(totalReply(2), good.received.toByteArray());
        assertEquals(1, server.connections().size());
    }

    @Test
    void aBodyTooShortForItsTypeIsCorrupt() {
        Client client = new Client();
        List<LogRecord> logged = new ArrayList<>();
        Logger log = Logger.getLogger("dev.twine.examples.SeedServer");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(capture);
        try {
            connect(client, Chunking.whole(), new byte[] {0, 0, 0, 2, 0, 0});
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(CloseReason.Kind.PEER_CLOSED, client.closeReason.kind());
        assertEquals(1, logged.size(), "the server says why it dropped the connection");
        String message = logged.get(0).getMessage();
        assertTrue(message.contains(CorruptFrameException.class.getName())
                && message.contains("starts with a 4-byte type"), message);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedFromTheHeaderAlone() {
        Client client = new Client();
        connect(client, Chunking.whole(), ByteBuffer.allocate(4).putInt(SeedServer.MAX_FRAME_LENGTH + 1).array());
        assertEquals(CloseReason.Kind.PEER_CLOSED, client.closeReason.kind());
        assertEquals(0, server.connections().size());
    }
}
