package dev.twine.it.support;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.it.seedlike.SeedLike;
import dev.twine.it.seedlike.SeedLike.Say;
import dev.twine.it.seedlike.SeedLikeEncoder;
import dev.twine.it.seedlike.SeedLikeFramer;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The round trip fails when it should, and says how to replay the failure. */
class RoundTripTest {

    @Test
    void aFrameThatDoesNotSurviveTheTripFailsNamingTheSeedAndTheFrame() {
        SeedLikeEncoder encoder = new SeedLikeEncoder();
        // An unpaired surrogate has no UTF-8 form: the encoder writes '?' for it.
        RoundTrip<SeedLike> roundTrip = new RoundTrip<SeedLike>(SeedLikeFramer::new, encoder::sizeOf,
                encoder::encode, encoder).frame(SeedLikeFramer.KIND_SAY, random -> new Say("\ud800"));

        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> roundTrip.check(42, 3));

        assertTrue(failure.getMessage().startsWith("seed 42 (replay with -Dtwine.it.seed=42), decoded whole:"
                + " frame 0 differs\nexpected: Say[text=\"\ud800\"]\n but was: Say[text=\"?\"]"), failure.getMessage());
    }
}
