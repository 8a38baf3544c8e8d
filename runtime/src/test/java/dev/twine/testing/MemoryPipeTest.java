package dev.twine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Echo;
import dev.twine.runtime.Recorder;
import dev.twine.runtime.Transport;
import dev.twine.runtime.WriteBufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryPipeTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aConversationRunsWithoutSocketsOrThreads() {
        Recorder client = new Recorder("ping");
        Echo server = new Echo();
        MemoryPipe pipe = MemoryPipe.connect(client, server);
        assertEquals(0, client.received.size(), "nothing moves before flush");
        assertEquals(8, pipe.flush(), "four bytes each way");
        assertEquals("ping", client.text());
    }

    @Test
    void readsAreCutByTheChunking() {
        Recorder server = new Recorder();
        MemoryPipe pipe = MemoryPipe.connect(new Recorder("0123456789"), server, Chunking.fixed(3));
        pipe.flush();
        assertEquals(List.of(3, 3, 3, 1), server.reads);
        assertEquals("0123456789", server.text());
    }

    @Test
    void seededRandomChunkingReplaysExactly() {
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Recorder server = new Recorder();
            MemoryPipe.connect(new Recorder("a fairly long greeting, to cut up"), server,
                    Chunking.random(42, 5)).flush();
            assertEquals("a fairly long greeting, to cut up", server.text());
            assertTrue(server.reads.stream().allMatch(n -> n >= 1 && n <= 5), server.reads.toString());
            runs.add(server.reads);
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    @Test
    void closeDeliversWhatWasWrittenThenThePeerSeesTheEnd() {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        MemoryPipe pipe = MemoryPipe.connect(client, server, Chunking.fixed(2));
        client.transport.write(bytes("last words"));
        client.transport.close();
        assertFalse(client.transport.isOpen());
        client.transport.write(bytes("ignored"));
        pipe.flush();
        assertEquals("last words", server.text());
        assertEquals(CloseReason.closed(), client.closeReason);
        assertEquals(CloseReason.peerClosed(), server.closeReason);
        assertEquals(1, client.closeCalls);
        assertEquals(1, server.closeCalls);
        assertTrue(pipe.isClosed());
    }

    @Test
    void abortDropsWhatWasWrittenAndThePeerSeesTheEnd() {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        MemoryPipe pipe = MemoryPipe.connect(client, server);
        client.transport.write(bytes("never delivered"));
        client.transport.abort();
        pipe.flush();
        assertEquals(0, server.received.size());
        assertEquals(CloseReason.aborted(), client.closeReason);
        assertEquals(CloseReason.peerClosed(), server.closeReason, "as over loopback: end of stream");
    }

    @Test
    void bytesAPausedProtocolLeavesWaitForItInOrder() {
        List<String> seen = new ArrayList<>();
        Recorder server = new Recorder() {
            @Override
            public void onBytes(ByteBuffer data) {
                if (seen.isEmpty()) {
                    seen.add(String.valueOf((char) data.get()));
                    transport.pauseReading();
                } else {
                    seen.add(StandardCharsets.UTF_8.decode(data).toString());
                }
            }
        };
        Recorder client = new Recorder("abcdef");
        MemoryPipe pipe = MemoryPipe.connect(client, server);
        pipe.flush();
        assertEquals(List.of("a"), seen);
        assertEquals(5, client.transport.pendingWriteBytes(), "the rest waits on the writer's side");
        server.transport.resumeReading();
        pipe.flush();
        assertEquals(List.of("a", "bcdef"), seen);
        assertEquals(0, client.transport.pendingWriteBytes());
    }

    @Test
    void aReaderThatStopsMakesTheWriterUnwritableThenWritableAgain() {
        List<Boolean> writability = new ArrayList<>();
        Recorder client = new Recorder() {
            @Override
            public void onWritabilityChanged(boolean writable) {
                writability.add(writable);
            }
        };
        Recorder server = new Recorder();
        MemoryPipe pipe = MemoryPipe.connect(client, server);
        server.transport.pauseReading();
        client.transport.setWriteBufferWatermarks(4, 8);
        client.transport.write(bytes("123456789"));
        assertFalse(client.transport.isWritable(), "above the high watermark at once");
        pipe.flush();
        assertEquals(List.of(false), writability);
        server.transport.resumeReading();
        pipe.flush();
        assertEquals(List.of(false, true), writability);
        assertEquals("123456789", server.text());
    }

    @Test
    void newWatermarksApplyToWhatIsAlreadyQueued() {
        Recorder client = new Recorder();
        MemoryPipe.connect(client, new Recorder());
        client.transport.write(new byte[100]);
        assertTrue(client.transport.isWritable());
        client.transport.setWriteBufferWatermarks(10, 50);
        assertFalse(client.transport.isWritable());
    }

    @Test
    void writingPastTheLimitAbortsTheWriter() {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        MemoryPipe pipe = MemoryPipe.connect(client, server);
        server.transport.pauseReading();
        client.transport.setWriteBufferLimit(10);
        client.transport.write(bytes("0123456789"));
        assertTrue(client.transport.isOpen());
        client.transport.write(bytes("!"));
        pipe.flush();
        WriteBufferOverflowException overflow =
                assertInstanceOf(WriteBufferOverflowException.class, client.closeReason.cause());
        assertEquals(11, overflow.pending());
        assertNull(server.closeReason, "a paused reader sees the end only when it reads again");
        server.transport.resumeReading();
        pipe.flush();
        assertEquals("", server.text(), "what the writer queued was dropped with it");
        assertEquals(CloseReason.peerClosed(), server.closeReason);
    }

    @Test
    void anExceptionFromACallbackFailsThatSideOnly() {
        IllegalStateException boom = new IllegalStateException("boom");
        Recorder server = new Recorder() {
            @Override
            public void onBytes(ByteBuffer data) {
                throw boom;
            }
        };
        Recorder client = new Recorder("x");
        MemoryPipe.connect(client, server).flush();
        assertEquals(CloseReason.failed(boom), server.closeReason);
        assertEquals(CloseReason.peerClosed(), client.closeReason);
    }

    @Test
    void callbacksNeverNest() {
        int[] depth = {0};
        int[] deepest = {0};
        Echo server = new Echo() {
            @Override
            public void onBytes(ByteBuffer data) {
                deepest[0] = Math.max(deepest[0], ++depth[0]);
                super.onBytes(data); // writes back at once, inside the callback
                depth[0]--;
            }
        };
        Recorder client = new Recorder("ping-pong") {
            @Override
            public void onBytes(ByteBuffer data) {
                deepest[0] = Math.max(deepest[0], ++depth[0]);
                super.onBytes(data);
                depth[0]--;
            }
        };
        MemoryPipe.connect(client, server, Chunking.bytewise()).flush();
        assertEquals("ping-pong", client.text());
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1, 1), client.reads);
        assertEquals(1, deepest[0], "a write inside a callback is delivered after it returns");
    }

    @Test
    void bothSidesClosingWithBytesInFlightBothEnd() {
        Recorder client = new Recorder("bye from client");
        Recorder server = new Recorder("bye from server");
        MemoryPipe pipe = MemoryPipe.connect(client, server);
        client.transport.close();
        server.transport.close();
        pipe.flush();
        assertEquals(1, client.closeCalls);
        assertEquals(1, server.closeCalls);
        assertEquals("", client.text() + server.text(), "a closing side reads nothing more");
        assertTrue(pipe.isClosed());
    }

    @Test
    void aPausedReaderSeesTheEndOnlyAfterItResumes() {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        MemoryPipe pipe = MemoryPipe.connect(client, server);
        server.transport.pauseReading();
        client.transport.close();
        pipe.flush();
        assertEquals(CloseReason.closed(), client.closeReason);
        assertNull(server.closeReason, "end of stream waits behind the pause, as on a socket");
        server.transport.resumeReading();
        pipe.flush();
        assertEquals(CloseReason.peerClosed(), server.closeReason);
        Transport closed = server.transport;
        assertFalse(closed.isOpen());
    }
}
