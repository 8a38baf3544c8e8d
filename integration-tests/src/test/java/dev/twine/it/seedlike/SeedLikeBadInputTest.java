package dev.twine.it.seedlike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.twine.framing.Allocations;
import dev.twine.framing.CorruptFrameException;
import dev.twine.framing.FrameTooLongException;
import dev.twine.framing.FramingException;
import dev.twine.it.support.BadInput;
import dev.twine.it.support.Decoding;
import dev.twine.it.support.Hex;
import dev.twine.testing.Chunking;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SeedLikeBadInputTest {

    /** Say("hi"). */
    private static final byte[] GOOD = Hex.bytes("00 00 00 08 | 00 00 00 02 | 00 02 68 69");

    static Stream<Arguments> badInput() {
        return Stream.of(
                arguments("a length of 0x7fffffff, over the limit", "7f ff ff ff | 00 00 00 01",
                        FrameTooLongException.class,
                        "frame of 2147483651 bytes is longer than the limit of 65536"),
                arguments("a length of 0xffffffff, over the limit", "ff ff ff ff | 00 00 00 01",
                        FrameTooLongException.class,
                        "frame of 4294967299 bytes is longer than the limit of 65536"),
                arguments("a length of 3, which ends the frame inside its tag", "00 00 00 03 | 00 00 00 00",
                        CorruptFrameException.class, "ends inside its own 8-byte header"),
                arguments("an unknown tag", "00 00 00 04 | 00 00 00 63", CorruptFrameException.class,
                        "unknown tag 0x63"),
                arguments("a tag above every int", "00 00 00 04 | 80 00 00 00", CorruptFrameException.class,
                        "unknown tag 0x80000000"),
                arguments("a frame shorter than its layout", "00 00 00 0b | 00 00 00 01 | 00 00 00 00 00 00 00",
                        CorruptFrameException.class, "ends inside its layout"),
                arguments("a frame longer than its layout", "00 00 00 05 | 00 00 00 00 | 00",
                        CorruptFrameException.class, "after the last component"),
                arguments("a length prefix past the frame's end", "00 00 00 06 | 00 00 00 02 | 00 03",
                        CorruptFrameException.class, "Say.text of 3 bytes does not fit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void isRejectedWithItsTypedError(String name, String hex, Class<? extends FramingException> error,
            String reason) {
        BadInput.rejects(SeedLikeFramer::new, Hex.bytes(hex), error, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void closesOnlyItsConnection(String name, String hex, Class<? extends FramingException> error,
            String reason) {
        BadInput.closesOnlyItsConnection(SeedLikeFramer::new, new SeedLikeEncoder(), GOOD, Hex.bytes(hex), error);
    }

    /** The frame would be 4 + the length bytes long; only its 8-byte header is ever sent. */
    @ParameterizedTest(name = "length {0}")
    @CsvSource({"7f ff ff ff, 2147483651", "ff ff ff ff, 4294967299"})
    void anOverLimitLengthIsRejectedFromTheHeaderWithoutAllocating(String length, long frameLength) {
        byte[] header = Hex.bytes(length + " | 00 00 00 01");
        for (Chunking chunking : new Chunking[] {Chunking.whole(), Chunking.bytewise()}) {
            SeedLikeFramer framer = new SeedLikeFramer();
            FrameTooLongException[] thrown = new FrameTooLongException[1];

            long allocated = Allocations.during(() -> thrown[0] = assertThrows(FrameTooLongException.class,
                    () -> Decoding.of(framer, header, chunking)));

            assertEquals(frameLength, thrown[0].declaredLength().orElseThrow());
            assertEquals(SeedLike.MAX_FRAME_LENGTH, thrown[0].limit());
            assertTrue(framer.bufferedBytes() <= header.length, framer.bufferedBytes() + " bytes held");
            assertTrue(allocated < 64 * 1024, allocated + " bytes allocated");
        }
    }

    @Test
    void aFrameCutOffByTheEndOfTheStreamClosesOnlyItsConnection() {
        BadInput.truncatedAtEndOfStream(SeedLikeFramer::new, new SeedLikeEncoder(), GOOD,
                Hex.bytes("00 00 00 08 | 00 00 00 02 | 00"));
    }
}
