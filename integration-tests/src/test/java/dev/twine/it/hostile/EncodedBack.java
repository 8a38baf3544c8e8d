package dev.twine.it.hostile;

import dev.twine.framing.Framer;
import dev.twine.it.support.Decoding;
import dev.twine.it.support.FrameText;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a generated framer's fuzz target describes each frame it decodes, after checking that the
 * frame comes back from its encoding: the frame's values ({@link FrameText}), which the encoder
 * writes and a fresh framer decodes again to the same text.
 *
 * <p>Decoding is lossy in one way, by design: malformed UTF-8 becomes U+FFFD, three bytes for what
 * may have been one, so a decoded string may no longer fit its length prefix (the encoder refuses
 * it) or its frame the limit; such a frame is not written back.
 *
 * @param <F> the protocol's frame type
 */
final class EncodedBack<F> implements Function<F, String> {

    private final Function<? super F, byte[]> encode;
    private final Supplier<? extends Framer<F>> framers;
    private final int maxFrameLength;

    /**
     * @param encode         the generated encoder's {@code toByteArray}
     * @param framers        makes a fresh generated framer
     * @param maxFrameLength the protocol's {@code maxFrameLength}
     */
    EncodedBack(Function<? super F, byte[]> encode, Supplier<? extends Framer<F>> framers, int maxFrameLength) {
        this.encode = encode;
        this.framers = framers;
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    public String apply(F frame) {
        String text = FrameText.of(frame);
        byte[] encoded;
        try {
            encoded = encode.apply(frame);
        } catch (IllegalArgumentException doesNotFit) {
            if (text.indexOf('\uFFFD') < 0) {
                throw doesNotFit;
            }
            return text;
        }
        if (encoded.length > maxFrameLength) {
            return text;
        }
        String again = FrameText.of(Decoding.single(framers.get(), encoded));
        if (!again.equals(text)) {
            throw new AssertionError("decoded " + text + "\nencoded and decoded again: " + again);
        }
        return text;
    }
}
