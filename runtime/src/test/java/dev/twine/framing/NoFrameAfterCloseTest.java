package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.framing.LineDelimited.Delimiter;
import dev.twine.server.Connection;
import dev.twine.testing.Chunking;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A handler that closes, aborts or pauses its connection on the first frame gets no second one,
 * though the rest are in the same read (Netty's #10417 delivered frames after close); after a
 * pause, resuming delivers them, in order. Every framer, served by a
 * {@link dev.twine.server.Connections} table.
 */
class NoFrameAfterCloseTest {

    /** A framer and a stream of three frames. */
    record Row(String name, Supplier<? extends Framer<?>> framer, byte[] stream, List<String> frames) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum Stop {
        CLOSE(Connection::close),
        ABORT(connection -> connection.transport().abort()),
        PAUSE(Connection::pauseReading);

        final Consumer<Connection<Void>> action;

        Stop(Consumer<Connection<Void>> action) {
            this.action = action;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("LengthPrefixed", () -> LengthPrefixed.int32(64),
                        Bytes.of(0, 0, 0, 3, 'o', 'n', 'e', 0, 0, 0, 3, 't', 'w', 'o', 0, 0, 0, 0),
                        List.of("one", "two", "")),
                new Row("LineDelimited", () -> new LineDelimited(Delimiter.LF_OR_CRLF, 64),
                        Bytes.text("one\r\ntwo\n\r\n"), List.of("one", "two", "")),
                new Row("LineDelimited, stopped on the line that asks for a raw block",
                        () -> new RawSwitching(new LineDelimited(Delimiter.CRLF, 64)),
                        Bytes.text("raw 3\r\nabcdef\r\n"), List.of("raw 3", "abc", "def")),
                new Row("Netstring", () -> new Netstring(64), Bytes.text("3:one,3:two,0:,"), List.of("one", "two", "")),
                new Row("HeaderFramer", SeedFramer::new,
                        Bytes.concat(SeedFramer.say("one"), SeedFramer.frame(0), SeedFramer.say("")),
                        List.of("Say[text=one]", "Type0[]", "Say[text=]")));
    }

    static Stream<Arguments> cases() {
        return rows().flatMap(row -> Stream.of(Stop.values()).map(stop -> Arguments.of(row, stop)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void theFirstFrameIsTheLastUntilResumed(Row row, Stop stop) {
        for (Chunking chunking : List.of(Chunking.whole(), Chunking.fixed(5))) {
            boolean[] stopped = {false};
            var connection = new ConnectionTable(row.framer(), row.stream(), chunking, c -> {
                if (!stopped[0]) {
                    stopped[0] = true;
                    stop.action.accept(c);
                }
            });

            assertEquals(row.frames().subList(0, 1), connection.frames(), chunking + ": no frame after the first");

            if (stop == Stop.PAUSE) {
                connection.connection().resumeReading();
                connection.flush();
                assertEquals(row.frames(), connection.frames(), "after resuming, the rest in order");
            }
        }
    }
}
