package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.framing.FrameSink;
import dev.twine.framing.LineDelimited;
import dev.twine.runtime.Protocol;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import dev.twine.server.FrameHandler;
import dev.twine.testing.Chunking;
import dev.twine.testing.RecordingTransport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sniffing framer alone, and under a connection table with a stand-in for the server: a
 * handler that switches to a line framer whose lines come back marked with the first byte's verdict.
 */
class FirstBytePeekTest {

    private final FirstBytePeek peek = new FirstBytePeek();
    private final List<String> frames = new ArrayList<>();
    private final FrameSink<ByteBuffer> recorder = frame -> frames.add(US_ASCII.decode(frame.duplicate()).toString());

    @Test
    void showsTheFirstByteAndConsumesNothing() {
        ByteBuffer in = ByteBuffer.wrap("xyz".getBytes(US_ASCII));

        peek.decode(in, recorder);

        assertEquals(List.of("x"), frames);
        assertEquals(0, in.position());
        assertEquals(3, in.limit());
        assertEquals(0, peek.bufferedBytes());
    }

    @Test
    void showsTheByteAgainWhenTheSinkMovesPastItButDidNotSwitch() {
        ByteBuffer in = ByteBuffer.wrap("xyz".getBytes(US_ASCII));

        peek.decode(in, frame -> frame.get());
        peek.decode(in, recorder);

        assertEquals(List.of("x"), frames);
        assertEquals(0, in.position());
    }

    @Test
    void anEmptyReadShowsNothing() {
        peek.decode(ByteBuffer.allocate(0), recorder);

        assertEquals(List.of(), frames);
    }

    @Test
    void aSinkThatIsNotReceivingIsShownNothing() {
        ByteBuffer in = ByteBuffer.wrap("xyz".getBytes(US_ASCII));

        peek.decode(in, new FrameSink<>() {
            @Override
            public void onFrame(ByteBuffer frame) {
                frames.add("called");
            }

            @Override
            public boolean isReceiving() {
                return false;
            }
        });

        assertEquals(List.of(), frames);
        assertEquals(0, in.position());
    }

    /** Stands in for the server: '!' first means one protocol, anything else the other. */
    private static final class Sniffer implements FrameHandler<ByteBuffer, Void> {
        @Override
        public void onFrame(Connection<Void> connection, ByteBuffer first) {
            String verdict = first.get(first.position()) == '!' ? "bang: " : "plain: ";
            LineDelimited lines = new LineDelimited(LineDelimited.Delimiter.LF_OR_CRLF, 64);
            connection.switchFramer(lines, (c, line) -> lines.write(c.transport(),
                    ByteBuffer.wrap((verdict + US_ASCII.decode(line)).getBytes(US_ASCII))));
        }
    }

    /** Feeds {@code input} to a fresh connection, cut by {@code chunking}; returns what it wrote back. */
    private static String converse(String input, Chunking chunking) {
        Protocol protocol = new Connections<Void>().serve(FirstBytePeek::new, () -> null, new Sniffer()).newProtocol();
        RecordingTransport transport = new RecordingTransport();
        protocol.onConnect(transport);
        chunking.feed(input.getBytes(US_ASCII), protocol::onBytes);
        return transport.takeWrittenString();
    }

    @Test
    void theWholeInputReachesTheNewFramerInOrderInTheSameCall() {
        assertEquals("bang: !one\r\nbang: two\r\n", converse("!one\r\ntwo\n", Chunking.whole()));
        assertEquals("plain: one\r\nplain: !two\r\n", converse("one\r\n!two\r\n", Chunking.whole()));
    }

    @Test
    void theSameAnswersHoweverTheReadsCutTheInput() {
        List<Chunking> chunkings = new ArrayList<>();
        for (int size = 1; size <= 12; size++) {
            chunkings.add(Chunking.fixed(size));
        }
        for (long seed = 0; seed < 20; seed++) {
            chunkings.add(Chunking.random(seed, 5));
        }
        for (Chunking chunking : chunkings) {
            assertEquals("bang: !one\r\nbang: two\r\n", converse("!one\r\ntwo\n", chunking));
            assertEquals("plain: one\r\nplain: !two\r\n", converse("one\r\n!two\r\n", chunking));
        }
    }
}
