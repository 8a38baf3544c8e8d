package dev.twine.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.framing.FrameSink;
import dev.twine.framing.Framer;
import dev.twine.testing.Chunking;
import java.util.ArrayList;
import java.util.List;

/**
 * What a framer made of a stream: its frames, and the kind it delivered each with.
 *
 * @param <F> the protocol's frame type
 */
public record Decoding<F>(List<F> frames, List<Integer> kinds) {

    /**
     * Feeds {@code stream} to {@code framer} cut by {@code chunking}, checking that each read is
     * consumed whole: a framer keeps what it needs of an unfinished frame itself.
     */
    public static <F> Decoding<F> of(Framer<F> framer, byte[] stream, Chunking chunking) {
        Decoding<F> decoding = new Decoding<>(new ArrayList<>(), new ArrayList<>());
        FrameSink<F> sink = new FrameSink<>() {
            @Override
            public void onFrame(F frame) {
                throw new AssertionError("a generated framer delivers every frame with its kind");
            }

            @Override
            public void onFrameOfKind(int kind, F frame) {
                decoding.frames.add(frame);
                decoding.kinds.add(kind);
            }
        };
        chunking.feed(stream, chunk -> {
            framer.decode(chunk, sink);
            assertEquals(0, chunk.remaining(), "bytes left unconsumed in a read");
        });
        return decoding;
    }

    /** The one frame that {@code stream} holds, whole, after checking that it is exactly one. */
    public static <F> F single(Framer<F> framer, byte[] stream) {
        List<F> frames = of(framer, stream, Chunking.whole()).frames();
        assertEquals(1, frames.size(), "frames in " + Hex.of(stream));
        assertEquals(0, framer.bufferedBytes(), "bytes held after the frame");
        return frames.get(0);
    }
}
