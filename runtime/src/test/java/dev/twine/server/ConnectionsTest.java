package dev.twine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.framing.CorruptFrameException;
import dev.twine.framing.FrameTooLongException;
import dev.twine.framing.FramingException;
import dev.twine.framing.LengthPrefixed;
import dev.twine.framing.LineDelimited;
import dev.twine.framing.TruncatedFrameException;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.ProtocolFactory;
import dev.twine.runtime.Recorder;
import dev.twine.testing.Chunking;
import dev.twine.testing.MemoryPipe;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionsTest {

    /** Per-connection state: the frames this connection sent, as text. */
    static final class Session {
        final List<String> frames = new ArrayList<>();
    }

    /** Records each frame with its connection; tests override what it does next. */
    static class Handler implements FrameHandler<ByteBuffer, Session> {
        final List<String> log = new ArrayList<>();
        final List<CloseReason> closes = new ArrayList<>();

        @Override
        public void onFrame(Connection<Session> connection, ByteBuffer frame) {
            String text = StandardCharsets.UTF_8.decode(frame).toString();
            connection.state().frames.add(text);
            log.add(connection.id() + ":" + text);
        }

        @Override
        public void onClose(Connection<Session> connection, CloseReason reason) {
            closes.add(reason);
        }
    }

    private final Connections<Session> table = new Connections<>();
    private final List<CloseReason> closes = new ArrayList<>();

    private static byte[] frames(String... bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String body : bodies) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private ProtocolFactory serve(FrameHandler<ByteBuffer, Session> handler) {
        return table.serve(() -> LengthPrefixed.int32(64), Session::new, handler);
    }

    private static MemoryPipe connect(ProtocolFactory factory, Recorder client) {
        return MemoryPipe.connect(client, factory.newProtocol(), Chunking.whole());
    }

    @Test
    void framesReachTheHandlerWithTheirConnectionAndItsOwnState() {
        Handler handler = new Handler();
        ProtocolFactory factory = serve(handler);
        MemoryPipe a = connect(factory, new Recorder(frames("a1", "a2")));
        MemoryPipe b = MemoryPipe.connect(new Recorder(frames("b1")), factory.newProtocol(), Chunking.bytewise());
        a.flush();
        b.flush();

        assertEquals(2, table.size());
        List<Connection<Session>> live = new ArrayList<>();
        table.forEach(live::add);
        live.sort(Comparator.comparingLong(Connection::id));
        Connection<Session> first = live.get(0);
        Connection<Session> second = live.get(1);
        assertEquals(List.of(1L, 2L), List.of(first.id(), second.id()), "ids count up from 1");
        assertEquals(List.of("a1", "a2"), first.state().frames);
        assertEquals(List.of("b1"), second.state().frames);
        assertEquals(List.of(first.id() + ":a1", first.id() + ":a2", second.id() + ":b1"), handler.log);
        assertSame(first, table.get(first.id()));
    }

    @Test
    void aClosedConnectionLeavesTheTableAndItsIdIsNeverReused() {
        Handler handler = new Handler();
        ProtocolFactory factory = serve(handler);
        Recorder client = new Recorder();
        MemoryPipe pipe = connect(factory, client);
        long id = table.iterator().next().id();
        client.transport.close();
        pipe.flush();
        assertEquals(0, table.size());
        assertNull(table.get(id));
        assertEquals(List.of(CloseReason.peerClosed()), handler.closes);

        connect(factory, new Recorder()).flush();
        assertEquals(id + 1, table.iterator().next().id(), "the next connection gets the next id");
        assertNull(table.get(id));
    }

    @Test
    void lookupByIdStaysRightAsConnectionsComeAndGo() {
        ProtocolFactory factory = serve(new Handler());
        List<Recorder> clients = new ArrayList<>();
        List<MemoryPipe> pipes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Recorder client = new Recorder();
            clients.add(client);
            pipes.add(connect(factory, client));
        }
        for (int i = 0; i < 200; i += 3) { // close every third: ids 1, 4, 7, ...
            clients.get(i).transport.close();
            pipes.get(i).flush();
        }
        for (long id = 1; id <= 200; id++) {
            Connection<Session> found = table.get(id);
            if ((id - 1) % 3 == 0) {
                assertNull(found, "id " + id + " closed");
            } else {
                assertEquals(id, found.id());
            }
        }
        assertEquals(200 - 67, table.size());
        int[] iterated = {0};
        table.forEach(c -> iterated[0]++);
        assertEquals(table.size(), iterated[0]);
        assertNull(table.get(0));
        assertNull(table.get(201));
    }

    @Test
    void noFrameIsDeliveredAfterTheHandlerClosesEvenFromTheSameBuffer() {
        Handler handler = new Handler() {
            @Override
            public void onFrame(Connection<Session> connection, ByteBuffer frame) {
                super.onFrame(connection, frame);
                connection.close();
            }
        };
        connect(serve(handler), new Recorder(frames("one", "two", "three"))).flush();
        assertEquals(1, handler.log.size(), handler.log.toString());
        assertEquals(List.of(CloseReason.closed()), handler.closes);
    }

    @Test
    void pausingInAHandlerHoldsTheRestUntilResume() {
        List<Connection<Session>> paused = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void onFrame(Connection<Session> connection, ByteBuffer frame) {
                super.onFrame(connection, frame);
                if (paused.isEmpty()) {
                    connection.transport().pauseReading();
                    paused.add(connection);
                }
            }
        };
        MemoryPipe pipe = connect(serve(handler), new Recorder(frames("one", "two", "three")));
        pipe.flush();
        assertEquals(1, handler.log.size());
        paused.get(0).transport().resumeReading();
        pipe.flush();
        assertEquals(List.of("one", "two", "three"), paused.get(0).state().frames);
    }

    @Test
    void theTablesResumeAfterBackpressureRespectsTheHandlersOwnPause() {
        Handler handler = new Handler() {
            @Override
            public void onConnect(Connection<Session> connection) {
                connection.transport().setWriteBufferWatermarks(0, 4);
            }

            @Override
            public void onFrame(Connection<Session> connection, ByteBuffer frame) {
                super.onFrame(connection, frame);
                connection.write(new byte[64]); // over the high watermark
            }
        };
        Recorder client = new Recorder(frames("one", "two", "three"));
        MemoryPipe pipe = connect(serve(handler), client);
        client.transport.pauseReading(); // not reading the replies yet
        pipe.flush();
        assertEquals(1, handler.log.size(), "backpressure stopped the table after the first reply");

        Connection<Session> connection = table.iterator().next();
        connection.pauseReading(); // the handler's own pause
        client.transport.resumeReading();
        pipe.flush();
        assertEquals(1, handler.log.size(), "the drain did not lift the handler's pause");

        connection.resumeReading();
        pipe.flush();
        assertEquals(List.of("one", "two", "three"), connection.state().frames);
    }

    @Test
    void switchingFramerMidBufferHandsTheRestToTheNewFramerInOrder() {
        List<String> lines = new ArrayList<>();
        FrameHandler<ByteBuffer, Session> lineHandler = (connection, line) ->
                lines.add(StandardCharsets.UTF_8.decode(line).toString());
        Handler handler = new Handler() {
            @Override
            public void onFrame(Connection<Session> connection, ByteBuffer frame) {
                super.onFrame(connection, frame);
                connection.switchFramer(new LineDelimited(LineDelimited.Delimiter.CRLF, 100), lineHandler);
            }
        };
        byte[] handshakeThenLines = concat(frames("STARTLINES"), "first\r\nsecond\r\n".getBytes(StandardCharsets.UTF_8));
        for (int size = 1; size <= handshakeThenLines.length; size++) {
            lines.clear();
            handler.log.clear();
            MemoryPipe.connect(new Recorder(handshakeThenLines), serve(handler).newProtocol(), Chunking.fixed(size))
                    .flush();
            assertEquals(1, handler.log.size());
            assertEquals(List.of("first", "second"), lines, "chunk size " + size);
        }
    }

    @Test
    void endOfStreamInTheMiddleOfAFrameIsReportedAsTruncated() {
        Handler handler = new Handler();
        byte[] partial = new byte[] {0, 0, 0, 10, 'a', 'b', 'c'};
        Recorder client = new Recorder(partial);
        MemoryPipe pipe = connect(serve(handler), client);
        pipe.flush();
        client.transport.close();
        pipe.flush();
        CloseReason reason = handler.closes.get(0);
        assertEquals(CloseReason.Kind.PEER_CLOSED, reason.kind());
        TruncatedFrameException truncated = assertInstanceOf(TruncatedFrameException.class, reason.cause());
        assertEquals(7, truncated.bufferedBytes());
    }

    @Test
    void aFramingErrorAbortsOnlyThatConnection() {
        Handler handler = new Handler();
        ProtocolFactory factory = serve(handler);
        Recorder good = new Recorder(frames("fine"));
        MemoryPipe goodPipe = connect(factory, good);
        MemoryPipe badPipe = connect(factory, new Recorder(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}));
        goodPipe.flush();
        badPipe.flush();
        assertEquals(1, handler.closes.size());
        assertEquals(CloseReason.Kind.FAILED, handler.closes.get(0).kind());
        assertInstanceOf(FrameTooLongException.class, handler.closes.get(0).cause());
        assertEquals(1, table.size());

        good.transport.write(frames("still here"));
        goodPipe.flush();
        assertEquals(List.of("fine", "still here"), table.iterator().next().state().frames);
    }

    @Test
    void theFramingErrorHookCanAnswerBeforeClosing() {
        Handler handler = new Handler() {
            @Override
            public void onFramingError(Connection<Session> connection, FramingException error) {
                connection.write("ERROR too long\r\n".getBytes(StandardCharsets.UTF_8));
                connection.close();
            }
        };
        Recorder client = new Recorder(new byte[] {0, 0, 1, 0});
        connect(serve(handler), client).flush();
        assertEquals("ERROR too long\r\n", client.text());
        assertEquals(CloseReason.Kind.PEER_CLOSED, client.closeReason.kind());
        assertEquals(List.of(CloseReason.closed()), handler.closes);
    }

    @Test
    void aHandlerMayRejectOneFrameAndKeepTheConnection() {
        Handler handler = new Handler() {
            @Override
            public void onFrame(Connection<Session> connection, ByteBuffer frame) {
                super.onFrame(connection, frame);
                if (connection.state().frames.get(connection.state().frames.size() - 1).equals("bad")) {
                    throw new CorruptFrameException("bad is not a command");
                }
            }

            @Override
            public void onFramingError(Connection<Session> connection, FramingException error) {
                connection.write(("ERROR " + error.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        };
        Recorder client = new Recorder(frames("one", "bad", "two"));
        connect(serve(handler), client).flush();
        assertEquals("ERROR bad is not a command\n", client.text());
        assertEquals(List.of("one", "bad", "two"), table.iterator().next().state().frames,
                "the frames after the rejected one, in the same read, still arrive");
    }

    @Test
    void aHookThatLeavesTheConnectionOpenAfterAFramerErrorStillLosesIt() {
        Handler handler = new Handler() {
            @Override
            public void onFramingError(Connection<Session> connection, FramingException error) {
                connection.write("ERROR\n".getBytes(StandardCharsets.UTF_8)); // but does not close
            }
        };
        Recorder client = new Recorder(new byte[] {0, 0, 1, 0}); // over the limit, nothing after it
        connect(serve(handler), client).flush();
        assertEquals(List.of(), handler.log);
        assertEquals(1, handler.closes.size(), "gone at once, not at the next read");
        assertEquals(CloseReason.Kind.FAILED, handler.closes.get(0).kind());
        assertInstanceOf(FrameTooLongException.class, handler.closes.get(0).cause());
        assertEquals(0, table.size());
    }

    @Test
    void aHookThatStopsReadingKeepsTheConnectionForTheRepliesStillOwedAndClosesAfterThem() {
        List<Runnable> owed = new ArrayList<>(); // replies made later, as another reactor would make them
        Handler handler = new Handler() {
            @Override
            public void onFrame(Connection<Session> connection, ByteBuffer frame) {
                super.onFrame(connection, frame);
                String reply = "re " + connection.state().frames.get(connection.state().frames.size() - 1) + "\n";
                owed.add(() -> connection.write(reply.getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public void onFramingError(Connection<Session> connection, FramingException error) {
                connection.stopReading();
            }
        };
        byte[] overTheLimit = {0, 0, 1, 0};
        Recorder client = new Recorder(concat(frames("one", "two"), overTheLimit, frames("three")));
        MemoryPipe pipe = connect(serve(handler), client);
        pipe.flush();

        assertEquals(List.of("1:one", "1:two"), handler.log, "nothing from the error on, though in the same buffer");
        Connection<Session> connection = table.iterator().next();
        assertTrue(connection.isOpen(), "not aborted: replies are owed");
        assertTrue(connection.isReadingStopped());
        connection.resumeReading();
        client.transport.write(frames("four"));
        pipe.flush();
        assertEquals(2, handler.log.size(), "reading stays stopped");

        client.transport.pauseReading(); // the replies wait in the server's outgoing buffer
        owed.forEach(Runnable::run);
        connection.close();
        pipe.flush();
        assertEquals("", client.text());
        assertEquals(List.of(), handler.closes, "the close waits for the replies to be sent");

        client.transport.resumeReading();
        pipe.flush();
        assertEquals("re one\nre two\n", client.text(), "every reply owed, before the close");
        assertEquals(List.of(CloseReason.closed()), handler.closes);
        assertEquals(CloseReason.Kind.PEER_CLOSED, client.closeReason.kind());
        assertEquals(0, table.size());
    }

    @Test
    void aRawBlockOverTheLimitAskedForByTheHandlerIsTheFramersFailure() {
        // memcached's text protocol: "set k flags exptime bytes" asks for bytes + 2 raw bytes. The
        // hook answers but does not close; the framer refused the block, so the table aborts.
        List<LineDelimited> framers = new ArrayList<>();
        FrameHandler<ByteBuffer, Session> handler = new FrameHandler<>() {
            @Override
            public void onFrame(Connection<Session> connection, ByteBuffer line) {
                String[] words = StandardCharsets.UTF_8.decode(line).toString().split(" ");
                if (words[0].equals("set")) {
                    ((LineDelimited) connection.framer()).readRaw(Integer.parseInt(words[4]) + 2);
                }
                connection.state().frames.add(words[0]);
            }

            @Override
            public void onFramingError(Connection<Session> connection, FramingException error) {
                connection.write("SERVER_ERROR object too large for cache\r\n".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void onClose(Connection<Session> connection, CloseReason reason) {
                ConnectionsTest.this.closes.add(reason);
            }
        };
        ProtocolFactory factory = table.serve(() -> {
            LineDelimited framer = new LineDelimited(LineDelimited.Delimiter.CRLF, 100, 10);
            framers.add(framer);
            return framer;
        }, Session::new, handler);
        connect(factory, new Recorder("set k 0 0 100\r\nget k\r\n")).flush();

        assertTrue(framers.get(0).hasFailed());
        assertEquals(1, closes.size());
        assertEquals(CloseReason.Kind.FAILED, closes.get(0).kind());
        assertInstanceOf(FrameTooLongException.class, closes.get(0).cause());
    }

    @Test
    void aThrowingHandlerFailsItsConnectionAndItLeavesTheTable() {
        IllegalStateException bug = new IllegalStateException("bug");
        Handler handler = new Handler() {
            @Override
            public void onFrame(Connection<Session> connection, ByteBuffer frame) {
                throw bug;
            }
        };
        connect(serve(handler), new Recorder(frames("x"))).flush();
        assertEquals(List.of(CloseReason.failed(bug)), handler.closes);
        assertEquals(0, table.size());
    }

    @Test
    void broadcastReachesEveryLiveConnectionOnce() {
        Handler handler = new Handler();
        ProtocolFactory factory = serve(handler);
        List<Recorder> clients = new ArrayList<>();
        List<MemoryPipe> pipes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Recorder client = new Recorder();
            clients.add(client);
            pipes.add(connect(factory, client));
        }
        clients.get(1).transport.close();
        pipes.forEach(MemoryPipe::flush);

        table.broadcast(ByteBuffer.wrap("news".getBytes(StandardCharsets.UTF_8)));
        pipes.forEach(MemoryPipe::flush);
        assertEquals("news", clients.get(0).text());
        assertEquals("", clients.get(1).text());
        assertEquals("news", clients.get(2).text());
    }

    @Test
    void byDefaultAConnectionWhosePeerDoesNotReadStopsBeingRead() {
        Handler handler = new Handler() {
            @Override
            public void onFrame(Connection<Session> connection, ByteBuffer frame) {
                super.onFrame(connection, frame);
                connection.write(new byte[100]); // a reply bigger than the request
            }
        };
        Recorder client = new Recorder();
        MemoryPipe pipe = connect(serve(handler), client);
        pipe.flush();
        Connection<Session> connection = table.iterator().next();
        connection.transport().setWriteBufferWatermarks(100, 300);
        client.transport.pauseReading(); // the client stops reading our replies
        for (int i = 0; i < 10; i++) {
            client.transport.write(frames("req" + i));
        }
        pipe.flush();
        assertTrue(connection.transport().isReadingPaused(), "backpressure: we stop reading requests");
        assertEquals(4, handler.log.size(), "400 bytes queued > 300: the fourth reply crossed the watermark");

        client.transport.resumeReading();
        pipe.flush();
        assertEquals(10, handler.log.size(), "once replies drain, the remaining requests are served");
        assertEquals(1000, client.received.size());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
