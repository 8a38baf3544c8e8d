package dev.twine.runtime;

import static dev.twine.runtime.Loopback.anyPort;
import static dev.twine.runtime.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Watermarks, the write-buffer limit and a peer that does not read, over real sockets. */
class ReactorFlowControlTest {

    private static final int LOW = 16 * 1024;
    private static final int HIGH = 64 * 1024;
    private static final int CHUNK = 8 * 1024;

    private final Reactor reactor = Reactor.open();

    @AfterEach
    void closeReactor() {
        reactor.close();
    }

    /** Writes as long as the transport is writable, and again when it says it is. */
    private static final class Producer implements Protocol {
        final List<Boolean> writability = new ArrayList<>();
        Transport transport;
        long written;
        long maxPending;

        @Override
        public void onConnect(Transport transport) {
            this.transport = transport;
            transport.setWriteBufferWatermarks(LOW, HIGH);
            produce();
        }

        private void produce() {
            while (transport.isWritable()) {
                transport.write(new byte[CHUNK]);
                written += CHUNK;
                maxPending = Math.max(maxPending, transport.pendingWriteBytes());
            }
        }

        @Override
        public void onBytes(ByteBuffer data) {}

        @Override
        public void onWritabilityChanged(boolean writable) {
            writability.add(writable);
            if (writable) {
                produce();
            }
        }
    }

    private SocketChannel nonReadingPeer(ListeningPort port) throws IOException {
        SocketChannel peer = SocketChannel.open();
        peer.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        peer.connect(port.localAddress());
        peer.configureBlocking(false);
        return peer;
    }

    @Test
    void aPeerThatDoesNotReadMakesTheWatermarkFireAndMemoryStaysBounded() throws IOException {
        Producer[] producer = new Producer[1];
        ListeningPort port = reactor.listenTcp(anyPort(), () -> producer[0] = new Producer());
        try (SocketChannel peer = nonReadingPeer(port)) {
            await(reactor, "the high watermark is crossed",
                    () -> producer[0] != null && producer[0].writability.contains(false));
            long writtenAtWatermark = producer[0].written;
            for (int i = 0; i < 20; i++) {
                reactor.runOnce(Duration.ofMillis(5));
            }
            assertEquals(writtenAtWatermark, producer[0].written, "the producer stopped");
            assertTrue(producer[0].maxPending <= HIGH + CHUNK,
                    "queued bytes stayed under the high watermark plus one write: " + producer[0].maxPending);

            // The producer is stalled on false; now the peer reads, the buffer drains below the low
            // watermark, writability comes back and the producer writes again.
            List<Boolean> events = producer[0].writability;
            int stalledAt = events.size();
            assertEquals(false, events.get(stalledAt - 1));
            ByteBuffer sink = ByteBuffer.allocate(1 << 16);
            await(reactor, "the producer resumes", () -> {
                drain(peer, sink);
                return producer[0].written > writtenAtWatermark;
            });
            assertEquals(true, events.get(stalledAt), "the first change after the stall is writable again");
        }
    }

    @Test
    void aProtocolThatIgnoresWritabilityIsCutOffAtTheLimit() throws IOException {
        long limit = 1 << 20;
        List<Long> pendingAfterEachWrite = new ArrayList<>();
        CloseReason[] reason = new CloseReason[1];
        ListeningPort port = reactor.listenTcp(anyPort(), () -> new Protocol() {
            @Override
            public void onConnect(Transport transport) {
                transport.setWriteBufferLimit(limit);
                for (int i = 0; i < 64 && transport.isOpen(); i++) { // 4 MiB, never checking writability
                    transport.write(new byte[64 * 1024]);
                    pendingAfterEachWrite.add(transport.pendingWriteBytes());
                }
            }

            @Override
            public void onBytes(ByteBuffer data) {}

            @Override
            public void onClose(CloseReason why) {
                reason[0] = why;
            }
        });
        try (SocketChannel peer = nonReadingPeer(port)) {
            await(reactor, "the connection is cut off", () -> reason[0] != null);
        }
        assertEquals(CloseReason.Kind.FAILED, reason[0].kind());
        WriteBufferOverflowException overflow =
                assertInstanceOf(WriteBufferOverflowException.class, reason[0].cause());
        assertEquals(limit, overflow.limit());
        assertTrue(overflow.pending() > limit);
        assertTrue(pendingAfterEachWrite.stream().allMatch(p -> p <= limit), pendingAfterEachWrite.toString());
        assertEquals(17, pendingAfterEachWrite.size(), "16 writes fit in 1 MiB, the 17th aborts");
    }

    private static long drain(SocketChannel peer, ByteBuffer sink) {
        long total = 0;
        try {
            int n;
            while ((n = peer.read(sink.clear())) > 0) {
                total += n;
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return total;
    }
}
