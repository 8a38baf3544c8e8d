package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.twine.framing.LineDelimited.Delimiter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every framer owes {@link Framer}'s contract, checked on two frames of each format. */
class FramerContractTest {

    /** A framer, and two frames on the wire — the first {@code firstLength} bytes long. */
    record Format(String name, Supplier<Framer<ByteBuffer>> framer, String wire, int firstLength,
            List<String> frames) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Format> formats() {
        return Stream.of(
                new Format("LengthPrefixed", () -> LengthPrefixed.int32(100),
                        Bytes.text(Bytes.of(0, 0, 0, 3, 'o', 'n', 'e', 0, 0, 0, 3, 't', 'w', 'o')), 7,
                        List.of("one", "two")),
                new Format("LineDelimited", () -> new LineDelimited(Delimiter.CRLF, 100),
                        "one\r\ntwo\r\n", 5, List.of("one", "two")),
                new Format("Netstring", () -> new Netstring(100), "3:one,3:two,", 6, List.of("one", "two")));
    }

    /** Receives until it has {@code wanted} frames. */
    private static final class StopsAfter extends Recorder {
        private final int wanted;

        StopsAfter(int wanted) {
            this.wanted = wanted;
        }

        @Override
        public boolean isReceiving() {
            return frames.size() < wanted;
        }
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aSinkThatStopsLeavesTheRestUnconsumedForTheNextCall(Format format) {
        Framer<ByteBuffer> framer = format.framer().get();
        ByteBuffer in = Bytes.buffer(format.wire());
        var frames = new StopsAfter(1);

        framer.decode(in, frames);

        assertEquals(format.frames().subList(0, 1), frames.frames);
        assertEquals(format.firstLength(), in.position(), "just past the first frame");
        assertEquals(in.capacity(), in.limit());
        assertEquals(0, framer.bufferedBytes());

        var rest = new Recorder();
        framer.decode(in, rest);

        assertEquals(format.frames().subList(1, 2), rest.frames);
        assertEquals(in.limit(), in.position());
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aSinkThatIsNotReceivingGetsNothingAndNothingIsConsumed(Format format) {
        Framer<ByteBuffer> framer = format.framer().get();
        ByteBuffer in = Bytes.buffer(format.wire());
        var frames = new StopsAfter(0);

        framer.decode(in, frames);

        assertEquals(List.of(), frames.frames);
        assertEquals(0, in.position());
        assertEquals(0, framer.bufferedBytes());
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aWholeFrameIsAViewOfTheInputItself(Format format) {
        Framer<ByteBuffer> framer = format.framer().get();
        ByteBuffer in = Bytes.buffer(format.wire());
        List<ByteBuffer> handed = new ArrayList<>();
        var frames = new Recorder() {
            @Override
            public void onFrame(ByteBuffer frame) {
                handed.add(frame);
                super.onFrame(frame);
            }
        };

        framer.decode(in, frames);

        assertEquals(format.frames(), frames.frames);
        assertEquals(2, handed.size());
        assertSame(in, handed.get(0));
        assertSame(in, handed.get(1));
        assertEquals(in.capacity(), in.limit(), "the limit is restored");
        assertEquals(in.limit(), in.position());
    }

    @ParameterizedTest
    @MethodSource("formats")
    void whateverTheSinkDoesToTheInputTheNextFrameIsFound(Format format) {
        Framer<ByteBuffer> framer = format.framer().get();
        ByteBuffer in = Bytes.buffer(format.wire());
        var frames = new Recorder() {
            @Override
            public void onFrame(ByteBuffer frame) {
                super.onFrame(frame);
                frame.limit(0); // also moves the position to 0
            }
        };

        framer.decode(in, frames);

        assertEquals(format.frames(), frames.frames);
        assertEquals(in.capacity(), in.limit());
        assertEquals(in.limit(), in.position());
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aHeldFrameIsDeliveredFromItsCopyAndStateIsClearBeforeOnFrame(Format format) {
        Framer<ByteBuffer> framer = format.framer().get();
        byte[] wire = Bytes.text(format.wire());
        List<Integer> bufferedDuringOnFrame = new ArrayList<>();
        var frames = new Recorder() {
            @Override
            public void onFrame(ByteBuffer frame) {
                bufferedDuringOnFrame.add(framer.bufferedBytes());
                super.onFrame(frame);
            }
        };

        framer.decode(ByteBuffer.wrap(wire, 0, format.firstLength() - 1), frames);
        framer.decode(ByteBuffer.wrap(wire, format.firstLength() - 1, wire.length - format.firstLength() + 1), frames);

        assertEquals(format.frames(), frames.frames);
        assertEquals(List.of(0, 0), bufferedDuringOnFrame);
    }
}
