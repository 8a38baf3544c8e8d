package dev.twine.it.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.framing.FramingProperties;
import dev.twine.framing.FuzzedStream;
import dev.twine.it.everything.Everything;
import dev.twine.it.everything.EverythingEncoder;
import dev.twine.it.everything.EverythingFramer;
import dev.twine.it.support.Decoding;
import dev.twine.it.support.FrameText;

/**
 * Fuzzes the generated framer of {@link Everything}, the protocol that uses every item of the
 * vocabulary: it must keep {@link FramingProperties}' promises for any input (the configuration
 * byte of the {@link dev.twine.framing.FuzzedStream} is unused), and every frame it decodes that
 * the encoder can write back must decode from that encoding to the same values.
 */
class EverythingFuzzTest {

    private static final EverythingEncoder ENCODER = new EverythingEncoder();

    @FuzzTest
    void decode(byte[] input) {
        new FramingProperties<Everything>(EverythingFramer::new, Everything.MAX_FRAME_LENGTH,
                EverythingFuzzTest::roundTrip).check(FuzzedStream.of(input));
    }

    /**
     * The frame's values, after checking that they come back from their encoding. Decoding is
     * lossy in one way, by design: malformed UTF-8 becomes U+FFFD, three bytes for what may have
     * been one, so a decoded string may no longer fit its length prefix (the encoder refuses it) or
     * its frame the limit; such a frame is not written back.
     */
    private static String roundTrip(Everything frame) {
        String text = FrameText.of(frame);
        byte[] encoded;
        try {
            encoded = ENCODER.toByteArray(frame);
        } catch (IllegalArgumentException doesNotFit) {
            if (text.indexOf('\uFFFD') < 0) {
                throw doesNotFit;
            }
            return text;
        }
        if (encoded.length > Everything.MAX_FRAME_LENGTH) {
            return text;
        }
        String again = FrameText.of(Decoding.single(new EverythingFramer(), encoded));
        if (!again.equals(text)) {
            throw new AssertionError("decoded " + text + "\nencoded and decoded again: " + again);
        }
        return text;
    }
}
