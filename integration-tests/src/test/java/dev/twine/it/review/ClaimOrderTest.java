package dev.twine.it.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.review.TagComponents.Op;
import dev.twine.runtime.ListeningPort;
import dev.twine.runtime.Protocol;
import dev.twine.runtime.Reactor;
import dev.twine.runtime.Transport;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Transport.claim} promises a big-endian buffer, and the generated {@code write} relies on
 * it; a socket connection lends the same view of its tail chunk claim after claim, so it must reset
 * whatever order the last claimer set.
 */
@Timeout(30)
class ClaimOrderTest {

    private final Reactor reactor = Reactor.open();

    @AfterEach
    void closeReactor() {
        reactor.close();
    }

    @Test
    void aGeneratedWriteAfterALittleEndianClaimStillWritesItsFrameBigEndian() {
        Op frame = new Op(1, (byte) 9);
        TagComponentsEncoder encoder = new TagComponentsEncoder();
        byte[] expected = encoder.toByteArray(frame);
        ListeningPort port = reactor.listenTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> new Quiet() {
                    @Override
                    public void onConnect(Transport transport) {
                        // Another encoder, of a little-endian format, puts its message in place first.
                        ByteBuffer room = transport.claim(2).order(ByteOrder.LITTLE_ENDIAN);
                        transport.commit(room.putShort((short) 0x0201));
                        encoder.write(transport, frame);
                    }
                });
        Quiet client = new Quiet();
        reactor.connectTcp(port.localAddress(), client, e -> { });
        int total = 2 + expected.length;
        assertTrue(reactor.runUntil(() -> client.received.size() >= total, Duration.ofSeconds(20)), "bytes arrive");

        byte[] received = client.received.toByteArray();
        assertArrayEquals(new byte[] {1, 2}, Arrays.copyOf(received, 2));
        assertArrayEquals(expected, Arrays.copyOfRange(received, 2, total));
    }

    /** A protocol that keeps what it receives. */
    private static class Quiet implements Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public void onBytes(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            received.writeBytes(bytes);
        }
    }
}
