package dev.twine.framing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Fuzzes {@link Netstring} with a range of limits up to the largest: see
 * {@link FramingProperties} for what it must do with any input, {@link FuzzedStream} for how the
 * input is read.
 */
class NetstringFuzzTest {

    @FuzzTest
    void decode(byte[] input) {
        FuzzedStream in = FuzzedStream.of(input);
        int limit = in.pick(0, 3, 0, 1, 9, 10, 100, 65536, PartialFrame.MAX_LENGTH);
        // The length's digits, its colon and the data: the comma completes the netstring.
        int maxHeld = String.valueOf(limit).length() + 1 + limit;
        new FramingProperties<ByteBuffer>(() -> new Netstring(limit), maxHeld, Bytes::take).check(in);
    }
}
