package dev.twine.it.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.framing.FramingProperties;
import dev.twine.framing.FuzzedStream;
import dev.twine.it.everything.Everything;
import dev.twine.it.everything.EverythingEncoder;
import dev.twine.it.everything.EverythingFramer;

/**
 * Fuzzes the generated framer of {@link Everything}, the protocol that uses every item of the
 * vocabulary a frame's components can use: it must keep {@link FramingProperties}' promises for
 * any input (the configuration byte of the {@link FuzzedStream} is unused), and every frame it
 * decodes must come back from its encoding ({@link EncodedBack}). The header items it does not use
 * — a tag's flag bits and a varint length field — are {@link MqttFuzzTest}'s.
 */
class EverythingFuzzTest {

    private static final EncodedBack<Everything> ENCODED_BACK =
            new EncodedBack<>(new EverythingEncoder()::toByteArray, EverythingFramer::new, Everything.MAX_FRAME_LENGTH);

    @FuzzTest
    void decode(byte[] input) {
        new FramingProperties<Everything>(EverythingFramer::new, Everything.MAX_FRAME_LENGTH, ENCODED_BACK)
                .check(FuzzedStream.of(input));
    }
}
