package dev.twine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.twine.framing.CorruptFrameException;
import dev.twine.framing.FrameHeader;
import dev.twine.framing.FrameTooLongException;
import dev.twine.framing.FramingException;
import dev.twine.framing.HeaderFramer;
import dev.twine.runtime.CloseReason;
import dev.twine.runtime.Recorder;
import dev.twine.testing.Chunking;
import dev.twine.testing.MemoryPipe;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connection table serving a {@link HeaderFramer} hands each frame's kind to the handler. */
class FrameKindsTest {

    /** One byte of tag (1 = text, 2 = ping), then one byte counting the text after it. */
    static final class TinyFramer extends HeaderFramer<String> {
        TinyFramer() {
            super(FrameHeader.builder("Tiny").tag(0, 1, 0, true).length(1, 1, true, 0).maxFrameLength(64).build());
        }

        @Override
        protected int kindOf(long tag) {
            return tag == 1 ? 0 : tag == 2 ? 1 : -1;
        }

        @Override
        protected String read(int kind, ByteBuffer frame) {
            frame.position(frame.position() + 2);
            byte[] text = new byte[frame.remaining()];
            frame.get(text);
            String decoded = new String(text, StandardCharsets.US_ASCII);
            if (decoded.equals("bad")) {
                throw new CorruptFrameException("bad is not a word");
            }
            return decoded;
        }
    }

    private static byte[] wire(String... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String frame : frames) {
            out.write(frame.isEmpty() ? 2 : 1);
            out.write(frame.length());
            out.writeBytes(frame.getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private final Connections<List<String>> table = new Connections<>();

    @Test
    void aHandlerThatOverridesOnFrameOfKindGetsEachFramesKind() {
        List<String> log = new ArrayList<>();
        FrameHandler<String, List<String>> handler = new FrameHandler<>() {
            @Override
            public void onFrame(Connection<List<String>> connection, String frame) {
                throw new AssertionError("the kind was dropped");
            }

            @Override
            public void onFrameOfKind(Connection<List<String>> connection, int kind, String frame) {
                log.add(connection.id() + "/" + kind + ":" + frame);
            }
        };
        for (int size = 1; size <= 8; size++) {
            log.clear();
            MemoryPipe.connect(new Recorder(wire("hello", "", "bye")),
                    table.serve(TinyFramer::new, ArrayList::new, handler).newProtocol(), Chunking.fixed(size)).flush();

            assertEquals(List.of(size + "/0:hello", size + "/1:", size + "/0:bye"), log, "chunks of " + size);
        }
    }

    @Test
    void aHandlerWithOnlyOnFrameStillGetsEveryFrame() {
        List<String> log = new ArrayList<>();
        FrameHandler<String, List<String>> handler = (connection, frame) -> log.add(frame);

        MemoryPipe.connect(new Recorder(wire("hello", "", "bye")),
                table.serve(TinyFramer::new, ArrayList::new, handler).newProtocol(), Chunking.bytewise()).flush();

        assertEquals(List.of("hello", "", "bye"), log);
    }

    @Test
    void anUnknownTagClosesOnlyThatConnectionWithTheFramersError() {
        List<CloseReason> closes = new ArrayList<>();
        List<String> log = new ArrayList<>();
        FrameHandler<String, List<String>> handler = new FrameHandler<>() {
            @Override
            public void onFrame(Connection<List<String>> connection, String frame) {
                log.add(frame);
            }

            @Override
            public void onClose(Connection<List<String>> connection, CloseReason reason) {
                closes.add(reason);
            }
        };
        byte[] bad = {1, 2, 'o', 'k', 9, 0, 1, 2, 'n', 'o'};

        MemoryPipe.connect(new Recorder(bad), table.serve(TinyFramer::new, ArrayList::new, handler).newProtocol(),
                Chunking.whole()).flush();

        assertEquals(List.of("ok"), log);
        assertEquals(1, closes.size());
        assertEquals(CloseReason.Kind.FAILED, closes.get(0).kind());
        CorruptFrameException cause = assertInstanceOf(CorruptFrameException.class, closes.get(0).cause());
        assertEquals("Tiny: unknown tag 0x9", cause.getMessage());
    }

    /** Logs each frame as "frame <text>"; a test overrides the hook it is about. */
    private static class LoggingHandler implements FrameHandler<String, List<String>> {
        final List<String> log = new ArrayList<>();

        @Override
        public void onFrame(Connection<List<String>> connection, String frame) {
            log.add("frame " + frame);
        }

        /** The bytes a hook was shown, consumed. */
        static String shown(ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            return Arrays.toString(copy);
        }
    }

    @Test
    void aFrameTheFramerRejectsIsShownToTheHandlerWhichMayAnswerBeforeTheConnectionCloses() {
        LoggingHandler handler = new LoggingHandler() {
            @Override
            public void onRejectedFrame(Connection<List<String>> connection, int kind, ByteBuffer frame,
                    FramingException error) {
                log.add("rejected kind " + kind + ": " + shown(frame) + ", " + error.getMessage());
                connection.write("no\n".getBytes(StandardCharsets.US_ASCII));
            }

            @Override
            public void onFramingError(Connection<List<String>> connection, FramingException error) {
                log.add("error " + error.getMessage());
                connection.close();
            }
        };
        Recorder client = new Recorder(wire("ok", "bad", "never"));

        MemoryPipe.connect(client, table.serve(TinyFramer::new, ArrayList::new, handler).newProtocol(),
                Chunking.bytewise()).flush();

        assertEquals(List.of("frame ok", "rejected kind 0: [1, 3, 98, 97, 100], bad is not a word",
                "error bad is not a word"), handler.log);
        assertEquals("no\n", client.text());
        assertEquals(0, table.size());
    }

    @Test
    void aSkippedFrameIsShownToTheHandlerAndTheConnectionGoesOn() {
        LoggingHandler handler = new LoggingHandler() {
            @Override
            public void onSkippedFrame(Connection<List<String>> connection, int kind, ByteBuffer start,
                    FrameTooLongException tooLong) {
                log.add("skipped kind " + kind + ": " + shown(start) + ", "
                        + tooLong.declaredLength().getAsLong() + " > " + tooLong.limit());
                connection.write("too long\n".getBytes(StandardCharsets.US_ASCII));
            }
        };
        Recorder client = new Recorder(wire("ok", "a frame of twenty-two", "after"));

        MemoryPipe.connect(client, table.serve(() -> new TinyFramer().skipFramesLongerThan(10, 3), ArrayList::new,
                handler).newProtocol(), Chunking.bytewise()).flush();

        assertEquals(List.of("frame ok", "skipped kind 0: [1, 21, 97], 23 > 10", "frame after"), handler.log);
        assertEquals("too long\n", client.text());
        assertEquals(1, table.size());
    }
}
