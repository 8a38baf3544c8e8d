package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.framing.LineDelimited.Delimiter;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No framer rescans what it holds: a mebibyte frame delivered one byte per read takes linear time
 * (Netty's #759 was a line decoder that rescanned its whole buffer on every read, quadratic). A
 * rescan would make each row here some 5 * 10<sup>11</sup> byte reads, far past the timeout.
 */
class LinearTimeTest {

    private static final int MIB = 1 << 20;
    private static final int TWO_MIB = 2 << 20;

    /** A framer, a stream ending in one frame of {@code lastFrame} bytes. */
    record Row(String name, Supplier<Framer<ByteBuffer>> framer, byte[] stream, int lastFrame) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A header of a 4-byte length counting what follows it, and frames read to their end. */
    private static final class WholeFrames extends HeaderFramer<ByteBuffer> {
        WholeFrames() {
            super(FrameHeader.builder("Whole").length(0, 4, true, 0).maxFrameLength(TWO_MIB).build());
        }

        @Override
        protected int kindOf(long tag) {
            return 0;
        }

        @Override
        protected ByteBuffer read(int kind, ByteBuffer frame) {
            ByteBuffer whole = frame.slice();
            frame.position(frame.limit());
            return whole;
        }
    }

    static Stream<Row> rows() {
        String line = Bytes.repeat('x', MIB);
        return Stream.of(
                new Row("LengthPrefixed: a body", () -> LengthPrefixed.int32(TWO_MIB),
                        Bytes.concat(Bytes.of(0, 0x10, 0, 0), new byte[MIB]), MIB),
                new Row("LineDelimited: a CRLF line", () -> new LineDelimited(Delimiter.CRLF, TWO_MIB),
                        Bytes.text(line + "\r\n"), MIB),
                new Row("LineDelimited: a line of \\r, each the start of a CRLF",
                        () -> new LineDelimited(Delimiter.LF_OR_CRLF, TWO_MIB),
                        Bytes.text(Bytes.repeat('\r', MIB) + "\n"), MIB - 1),
                new Row("LineDelimited: a line a policy lets grow",
                        () -> new LineDelimited(Delimiter.CRLF, 1024, 1024, start -> TWO_MIB),
                        Bytes.text(line + "\r\n"), MIB),
                new Row("LineDelimited: a raw block", () -> new RawSwitching(new LineDelimited(Delimiter.CRLF, 1024, TWO_MIB)),
                        Bytes.text("raw " + MIB + "\r\n" + line), MIB),
                new Row("Netstring: the data", () -> new Netstring(TWO_MIB),
                        Bytes.text(MIB + ":" + line + ","), MIB),
                new Row("HeaderFramer: a frame", WholeFrames::new,
                        Bytes.concat(Bytes.of(0, 0x10, 0, 0), new byte[MIB]), 4 + MIB));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aMebibyteFrameByteByByteTakesLinearTime(Row row) {
        Framer<ByteBuffer> framer = row.framer().get();
        int[] lastFrame = {-1};
        ByteBuffer in = ByteBuffer.wrap(row.stream()).limit(0);

        for (int i = 1; i <= row.stream().length; i++) {
            framer.decode(in.limit(i), frame -> lastFrame[0] = frame.remaining());
        }

        assertEquals(row.lastFrame(), lastFrame[0]);
        assertEquals(0, framer.bufferedBytes());
    }
}
