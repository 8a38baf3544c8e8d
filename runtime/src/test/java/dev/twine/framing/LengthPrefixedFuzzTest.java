package dev.twine.framing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Fuzzes {@link LengthPrefixed} in every width, order and a range of limits up to the largest:
 * see {@link FramingProperties} for what it must do with any input, {@link FuzzedStream} for how
 * the input is read. The seeds are under {@code src/test/resources}, next to this class's package.
 */
class LengthPrefixedFuzzTest {

    @FuzzTest
    void decode(byte[] input) {
        FuzzedStream in = FuzzedStream.of(input);
        int width = in.pick(0, 2, 1, 2, 4, 8);
        ByteOrder order = in.pick(2, 1, ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN);
        int limit = in.pick(3, 3, 0, 1, 16, 300, 65536, PartialFrame.MAX_LENGTH);
        new FramingProperties<ByteBuffer>(() -> new LengthPrefixed(width, order, limit), width + limit, Bytes::take)
                .check(in);
    }
}
