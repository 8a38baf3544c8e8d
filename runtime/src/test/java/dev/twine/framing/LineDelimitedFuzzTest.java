package dev.twine.framing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.framing.LineDelimited.Delimiter;
import dev.twine.framing.LineDelimited.LongLines;
import java.nio.ByteBuffer;

/**
 * Fuzzes {@link LineDelimited} with every delimiter, small limits, a long-line policy or none, and
 * raw blocks asked for by the stream itself ({@link RawSwitching}: a line {@code raw N}), so the
 * fuzzer drives the switches between modes: see {@link FramingProperties} for what it must do with
 * any input, {@link FuzzedStream} for how the input is read.
 */
class LineDelimitedFuzzTest {

    @FuzzTest
    void decode(byte[] input) {
        FuzzedStream in = FuzzedStream.of(input);
        Delimiter delimiter = in.pick(0, 2, Delimiter.values());
        int maxLine = in.pick(2, 2, 0, 1, 8, 64);
        int maxRaw = in.pick(4, 2, 0, 8, 300, PartialFrame.MAX_LENGTH);
        int grown = in.pick(6, 2, 0, 100, 1000, PartialFrame.MAX_LENGTH);
        // Lines starting with 'g' may grow, as memcached lets a multi-key get grow.
        LongLines policy = start -> start.hasRemaining() && start.get(start.position()) == 'g' ? grown : 0;
        // A line and a held \r, not its \n: the \n completes it. A raw block: all of it.
        int maxHeld = Math.max(Math.max(maxLine, grown) + 1, maxRaw);
        new FramingProperties<ByteBuffer>(
                () -> new RawSwitching(new LineDelimited(delimiter, maxLine, maxRaw, policy)), maxHeld, Bytes::take)
                .check(in);
    }
}
