package dev.twine.it.everything;

import dev.twine.it.support.RoundTrip;
import org.junit.jupiter.api.Test;

class EverythingRoundTripTest {

    @Test
    void randomFramesOfEveryTypeDecodeBackEqualHoweverTheStreamIsCut() {
        EverythingEncoder encoder = new EverythingEncoder();
        new RoundTrip<Everything>(EverythingFramer::new, encoder::sizeOf, encoder::encode, encoder)
                .frame(EverythingFramer.KIND_EMPTY, RandomFrames::empty)
                .frame(EverythingFramer.KIND_SIGNED, RandomFrames::signed)
                .frame(EverythingFramer.KIND_UNSIGNED, RandomFrames::unsigned)
                .frame(EverythingFramer.KIND_BYTE_ORDERS, RandomFrames::byteOrders)
                .frame(EverythingFramer.KIND_SCALARS, RandomFrames::scalars)
                .frame(EverythingFramer.KIND_ECHO, RandomFrames::echo)
                .frame(EverythingFramer.KIND_FIXED_SIZES, RandomFrames::fixedSizes)
                .frame(EverythingFramer.KIND_PREFIXED, RandomFrames::prefixed)
                .frame(EverythingFramer.KIND_DERIVED, RandomFrames::derived)
                .frame(EverythingFramer.KIND_DELIMITED, RandomFrames::delimited)
                .frame(EverythingFramer.KIND_LISTS, RandomFrames::lists)
                .frame(EverythingFramer.KIND_CONDITIONAL, RandomFrames::conditional)
                .frame(EverythingFramer.KIND_NESTING, RandomFrames::nesting)
                .frame(EverythingFramer.KIND_CAPPED, RandomFrames::capped)
                .check();
    }
}
