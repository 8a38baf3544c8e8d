package dev.twine.runtime;

import static dev.twine.runtime.Loopback.anyPort;
import static dev.twine.runtime.Loopback.await;
import static dev.twine.runtime.Loopback.connect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testing.RecordingTransport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Transport#claim} and {@link Transport#commit}: an encoder puts its bytes straight into a
 * socket connection's outgoing chunks, in order with plain writes, and misuse cannot send garbage.
 */
class ClaimTest {

    private final Reactor reactor = Reactor.open();

    @AfterEach
    void closeReactor() {
        reactor.close();
    }

    /** Runs {@code onConnect} as a server's first callback and returns what its client receives. */
    private byte[] serve(Consumer<Transport> onConnect, int expected) {
        ListeningPort port = reactor.listenTcp(anyPort(), () -> new Echo() {
            @Override
            public void onConnect(Transport transport) {
                super.onConnect(transport);
                onConnect.accept(transport);
            }
        });
        Recorder client = connect(reactor, port, new Recorder());
        await(reactor, expected + " bytes arrive", () -> client.received.size() >= expected);
        return client.received.toByteArray();
    }

    @Test
    void claimedBytesGoOutInOrderWithWrittenOnes() {
        byte[] received = serve(transport -> {
            transport.write(new byte[] {1, 2});
            ByteBuffer room = transport.claim(6);
            assertEquals(ByteOrder.BIG_ENDIAN, room.order());
            room.putShort((short) 0x0304).putInt(0x05060708);
            transport.commit(room);
            transport.write(new byte[] {9});
        }, 9);

        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, received);
    }

    @Test
    void manyClaimsFillChunkAfterChunk() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            expected.writeBytes(new byte[] {(byte) i, (byte) (i >> 8), 0, 0, 0, 0, 0});
        }
        byte[] received = serve(transport -> {
            for (int i = 0; i < 10_000; i++) {
                // 7 bytes never divide a 16 KiB chunk evenly: claims that do not fit start a new one.
                transport.commit(transport.claim(7).put((byte) i).put((byte) (i >> 8)).putInt(0).put((byte) 0));
            }
        }, 70_000);

        assertArrayEquals(expected.toByteArray(), received);
    }

    @Test
    void aClaimLargerThanAChunkIsCopiedIn() {
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        byte[] received = serve(transport -> transport.commit(transport.claim(big.length).put(big)), big.length);

        assertArrayEquals(big, received);
    }

    @Test
    void aClaimNeverCommittedSendsNothing() {
        byte[] received = serve(transport -> {
            transport.claim(4).putInt(0xDEADBEEF); // abandoned
            transport.write(new byte[] {1, 2, 3});
        }, 3);

        assertArrayEquals(new byte[] {1, 2, 3}, received);
    }

    @Test
    void misuseIsRefusedRatherThanSent() {
        Throwable[] errors = new Throwable[2];
        byte[] received = serve(transport -> {
            ByteBuffer half = transport.claim(4).putShort((short) 1);
            errors[0] = assertThrows(IllegalStateException.class, () -> transport.commit(half));

            ByteBuffer overtaken = transport.claim(2).putShort((short) 2);
            transport.write(new byte[] {7});
            errors[1] = assertThrows(IllegalStateException.class, () -> transport.commit(overtaken));
        }, 1);

        assertArrayEquals(new byte[] {7}, received);
        assertEquals("2 claimed bytes were not put", errors[0].getMessage());
        assertTrue(errors[1].getMessage().contains("overtaken"), errors[1].getMessage());
    }

    @Test
    void aClaimOverTheWriteBufferLimitAbortsLikeAWrite() {
        CloseReason[] reason = new CloseReason[1];
        ListeningPort port = reactor.listenTcp(anyPort(), () -> new Echo() {
            @Override
            public void onConnect(Transport transport) {
                super.onConnect(transport);
                transport.setWriteBufferLimit(1024);
                ByteBuffer room = transport.claim(2048);
                transport.commit(room.put(new byte[2048])); // dropped: the connection is gone
            }

            @Override
            public void onClose(CloseReason why) {
                reason[0] = why;
            }
        });
        Recorder client = connect(reactor, port, new Recorder());

        await(reactor, "the server's connection closes", () -> reason[0] != null);
        assertInstanceOf(WriteBufferOverflowException.class, reason[0].cause());
        await(reactor, "the client sees the end", client::isClosed);
        assertEquals(0, client.received.size(), "nothing of the claim was sent");
    }

    @Test
    void transportsWithoutAQueueOfTheirOwnWriteWhatIsCommitted() {
        RecordingTransport transport = new RecordingTransport();
        transport.commit(transport.claim(3).put((byte) 1).putShort((short) 0x0203));

        assertArrayEquals(new byte[] {1, 2, 3}, transport.written());
        assertThrows(IllegalStateException.class, () -> transport.commit(transport.claim(2)));
    }
}
