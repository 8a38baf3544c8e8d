package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.framing.CorruptFrameException;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.runtime.Transport;
import dev.twine.server.Connections;
import dev.twine.testing.Chunking;
import dev.twine.testing.MemoryPipe;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed server, whole conversations in memory: no sockets, no threads, no sleeps. Every test
 * runs against both servers, the hand-written one and the one generated from annotations, since
 * they are one server on the wire.
 */
class SeedServerTest {

    /** The two seed servers. */
    enum Server {
        HAND_WRITTEN(SeedServer.class, "starts with a 4-byte type", () -> {
            SeedServer server = new SeedServer();
            return new Running(server.factory(), server::type0Total, server.connections());
        }),
        ANNOTATED(AnnotatedSeedServer.class, "ends inside its own 8-byte header", () -> {
            AnnotatedSeedServer server = new AnnotatedSeedServer();
            return new Running(server.factory(), server::type0Total, server.connections());
        });

        /** The class, whose name is its logger's. */
        final Class<?> type;
        /** What its framing error says of a frame too short to hold its type. */
        final String tooShort;
        private final Supplier<Running> starter;

        Server(Class<?> type, String tooShort, Supplier<Running> starter) {
            this.type = type;
            this.tooShort = tooShort;
            this.starter = starter;
        }

        /** A new server of this kind, with no connections and a total of 0. */
        Running start() {
            return starter.get();
        }
    }

    /** One server, as the tests see it. */
    record Running(ProtocolFactory factory, LongSupplier type0Total, Connections<SeedServer.Session> connections) {
        long total() {
            return type0Total.getAsLong();
        }
    }

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

    /** A client connected to {@code server} in memory, which has already sent {@code bytes}. */
    private static MemoryPipe connect(Running server, Client client, Chunking chunking, byte[] bytes) {
        MemoryPipe pipe = MemoryPipe.connect(client, server.factory().newProtocol(), chunking);
        client.transport.write(bytes);
        pipe.flush();
        return pipe;
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void typeZeroCountsAcrossConnectionsAndMarksOnlyTheSender(Server kind) {
        Running server = kind.start();
        Client a = new Client();
        Client b = new Client();
        connect(server, a, Chunking.whole(), concat(frame(0), frame(0)));
        connect(server, b, Chunking.whole(), frame(1));

        assertEquals(2, server.total());
        assertTrue(server.connections().get(1).state().sentType0());
        assertFalse(server.connections().get(2).state().sentType0());
        assertArrayEquals(totalReply(2), b.received.toByteArray());
        assertEquals(0, a.received.size(), "type 0 has no reply");
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void theSameConversationGivesTheSameAnswersHoweverItIsCut(Server kind) {
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
            Running fresh = kind.start();
            Client client = new Client();
            connect(fresh, client, chunking, conversation);
            assertArrayEquals(expected, client.received.toByteArray());
            assertEquals(3, fresh.total());
        }
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void anUnknownTypeClosesThatConnectionOnly(Server kind) {
        Running server = kind.start();
        Client bad = new Client();
        Client good = new Client();
        connect(server, bad, Chunking.whole(), concat(frame(0), frame(42), frame(0)));
        connect(server, good, Chunking.whole(), concat(frame(0), frame(1)));
        assertEquals(CloseReason.Kind.PEER_CLOSED, bad.closeReason.kind(), "the server aborted it");
        assertEquals(2, server.total(), "the frame after the bad one was never counted");
        assertArrayEquals(totalReply(2), good.received.toByteArray());
        assertEquals(1, server.connections().size());
    }

    /**
     * A length of 2 leaves no room for the 4-byte type. The two bytes after the short frame are
     * there because the generated framer judges a frame by its whole 8-byte header.
     */
    @ParameterizedTest
    @EnumSource(Server.class)
    void aBodyTooShortForItsTypeIsCorruptAndTheDropIsLogged(Server kind) {
        Running server = kind.start();
        Client client = new Client();
        List<LogRecord> logged = new ArrayList<>();
        Logger log = Logger.getLogger(kind.type.getName());
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
            connect(server, client, Chunking.whole(), new byte[] {0, 0, 0, 2, 0, 0, 0, 0});
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(CloseReason.Kind.PEER_CLOSED, client.closeReason.kind());
        assertEquals(1, logged.size(), "the server says why it dropped the connection");
        String message = logged.get(0).getMessage();
        assertTrue(message.startsWith("dropped Connection[1, ")
                && message.contains(CorruptFrameException.class.getName())
                && message.contains(kind.tooShort), message);
    }

    /** The length and the type, and not one byte of the body: enough for both framers to refuse. */
    @ParameterizedTest
    @EnumSource(Server.class)
    void aDeclaredLengthOverTheLimitIsRefusedFromTheHeaderAlone(Server kind) {
        Running server = kind.start();
        Client client = new Client();
        connect(server, client, Chunking.whole(),
                ByteBuffer.allocate(8).putInt(SeedServer.MAX_FRAME_LENGTH + 1).putInt(0).array());
        assertEquals(CloseReason.Kind.PEER_CLOSED, client.closeReason.kind());
        assertEquals(0, server.connections().size());
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aFrameExactlyAtTheLimitIsAccepted(Server kind) {
        Running server = kind.start();
        Client client = new Client();
        byte[] longest = frame(0, new byte[SeedServer.MAX_FRAME_LENGTH - 4]);
        connect(server, client, Chunking.fixed(4096), concat(longest, frame(1)));
        assertArrayEquals(totalReply(1), client.received.toByteArray());
        assertEquals(1, server.connections().size());
    }
}
