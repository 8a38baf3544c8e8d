package dev.twine.it.seedlike;

import dev.twine.it.seedlike.SeedLike.Blob;
import dev.twine.it.seedlike.SeedLike.Count;
import dev.twine.it.seedlike.SeedLike.Say;
import dev.twine.it.seedlike.SeedLike.Total;
import dev.twine.it.support.RoundTrip;
import org.junit.jupiter.api.Test;

class SeedLikeRoundTripTest {

    @Test
    void randomFramesOfEveryTypeDecodeBackEqualHoweverTheStreamIsCut() {
        SeedLikeEncoder encoder = new SeedLikeEncoder();
        new RoundTrip<SeedLike>(SeedLikeFramer::new, encoder::sizeOf, encoder::encode, encoder)
                .frame(SeedLikeFramer.KIND_COUNT, random -> new Count())
                .frame(SeedLikeFramer.KIND_TOTAL, random -> new Total(random.signed(8)))
                .frame(SeedLikeFramer.KIND_SAY, random -> new Say(random.utf8(600)))
                .frame(SeedLikeFramer.KIND_BLOB, random -> new Blob(random.bytes(random.length(600))))
                .check();
    }
}
