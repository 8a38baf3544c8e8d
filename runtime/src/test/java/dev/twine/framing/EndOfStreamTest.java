package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twine.framing.LineDelimited.Delimiter;
import dev.twine.runtime.CloseReason;
import dev.twine.testing.Chunking;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer that closes in the middle of a frame — of its header, its body, a field, a delimiter,
 * even of a frame none of whose bytes is held — is told apart from one that closes between frames:
 * the connection table reports {@link TruncatedFrameException}, with the bytes held, as the cause
 * of the close. Every framer, served by a {@link dev.twine.server.Connections} table.
 */
class EndOfStreamTest {

    /** {@code truncated} is the bytes the framer held at the end; -1 for a close between frames. */
    record Row(String name, Supplier<? extends Framer<?>> framer, byte[] stream, List<String> frames, int truncated) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Supplier<Framer<?>> LENGTH_PREFIXED = () -> LengthPrefixed.int32(1024);
    private static final Supplier<Framer<?>> LINES = () -> new RawSwitching(new LineDelimited(Delimiter.CRLF, 1024));
    private static final Supplier<Framer<?>> NETSTRINGS = () -> new Netstring(1024);
    private static final Supplier<Framer<?>> SEED = SeedFramer::new;
    /** Skips frames over 16 bytes, showing their first 8. */
    private static final Supplier<Framer<?>> SEED_SKIPPING = () -> new SeedFramer().skipFramesLongerThan(16, 8);

    static Stream<Row> rows() {
        return Stream.of(
                new Row("LengthPrefixed, between frames", LENGTH_PREFIXED, Bytes.of(0, 0, 0, 1, 'a'), List.of("a"), -1),
                new Row("LengthPrefixed, in the length", LENGTH_PREFIXED, Bytes.of(0, 0), List.of(), 2),
                new Row("LengthPrefixed, in the body", LENGTH_PREFIXED, Bytes.of(0, 0, 0, 5, 'h', 'e'), List.of(), 6),
                new Row("LineDelimited, between lines", LINES, Bytes.text("one\r\n"), List.of("one"), -1),
                new Row("LineDelimited, in a line", LINES, Bytes.text("one\r\ntw"), List.of("one"), 2),
                new Row("LineDelimited, between CR and LF", LINES, Bytes.text("two\r"), List.of(), 4),
                new Row("LineDelimited, in a raw block", LINES, Bytes.text("raw 5\r\nab"), List.of("raw 5"), 2),
                new Row("LineDelimited, a raw block asked for and none of it sent", LINES, Bytes.text("raw 5\r\n"),
                        List.of("raw 5"), 0),
                new Row("LineDelimited, after a raw block", LINES, Bytes.text("raw 2\r\nab"), List.of("raw 2", "ab"), -1),
                new Row("Netstring, between netstrings", NETSTRINGS, Bytes.text("1:a,"), List.of("a"), -1),
                new Row("Netstring, in the length", NETSTRINGS, Bytes.text("12"), List.of(), 2),
                new Row("Netstring, after the colon", NETSTRINGS, Bytes.text("3:"), List.of(), 2),
                new Row("Netstring, in the data", NETSTRINGS, Bytes.text("3:ab"), List.of(), 4),
                new Row("Netstring, before the comma", NETSTRINGS, Bytes.text("3:abc"), List.of(), 5),
                new Row("HeaderFramer, between frames", SEED, SeedFramer.frame(0), List.of("Type0[]"), -1),
                new Row("HeaderFramer, in the header", SEED, Bytes.of(0, 0, 0, 6, 0), List.of(), 5),
                new Row("HeaderFramer, in a field", SEED, Bytes.of(0, 0, 0, 8, 0, 0, 0, 1, 0, 2, 'h'), List.of(), 11),
                new Row("HeaderFramer, in a frame it skips, holding none of it", SEED_SKIPPING,
                        Bytes.concat(Bytes.of(0, 0, 0, 100, 0, 0, 0, 1), new byte[50]),
                        List.of("skipped 104 bytes"), 0),
                new Row("HeaderFramer, after a frame it skipped", SEED_SKIPPING,
                        Bytes.concat(Bytes.of(0, 0, 0, 100, 0, 0, 0, 1), new byte[96]),
                        List.of("skipped 104 bytes"), -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aCloseInTheMiddleOfAFrameIsATruncatedFrame(Row row) {
        for (Chunking chunking : List.of(Chunking.whole(), Chunking.bytewise())) {
            var connection = new ConnectionTable(row.framer(), row.stream(), chunking, c -> {});
            assertNull(connection.closeReason(), "open until the peer closes");

            connection.peerCloses();

            assertEquals(row.frames(), connection.frames());
            CloseReason reason = connection.closeReason();
            assertEquals(CloseReason.Kind.PEER_CLOSED, reason.kind());
            if (row.truncated() < 0) {
                assertNull(reason.cause(), "a close between frames is clean");
            } else {
                var truncated = assertInstanceOf(TruncatedFrameException.class, reason.cause());
                assertEquals(row.truncated(), truncated.bufferedBytes());
            }
        }
    }
}
