package dev.twine.it.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.framing.FrameEncoder;
import dev.twine.framing.Framer;
import dev.twine.testing.Chunking;
import dev.twine.testing.RecordingTransport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The round trip a protocol's generated code must survive: seeded random frames of every type,
 * encoded one after another into a single stream, then decoded back equal — whole, cut at seeded
 * random points, and (a prefix of it) byte by byte.
 *
 * <p>The seed is random unless the system property {@value #SEED_PROPERTY} gives one, and every
 * failure names it, so that any failure can be replayed exactly.
 *
 * @param <F> the protocol's frame type
 */
public final class RoundTrip<F> {

    public static final String SEED_PROPERTY = "twine.it.seed";

    /** Frames of every type in one test: enough for the edges {@link RandomValues} leans on. */
    public static final int FRAMES_PER_TYPE = 10_000;

    /** How many of the frames are decoded byte by byte too: the slowest of the three ways. */
    private static final int BYTEWISE_FRAMES = 3_000;

    /** The largest random read: several small frames, or a piece of a large one. */
    private static final int MAX_CHUNK = 64;

    private record FrameType<F>(int kind, Function<RandomValues, ? extends F> generator) {}

    private record Generated<F>(int kind, F frame) {}

    private final Supplier<? extends Framer<F>> framers;
    private final ToIntFunction<F> sizeOf;
    private final BiConsumer<F, ByteBuffer> encode;
    private final FrameEncoder<F> writer;
    private final List<FrameType<F>> types = new ArrayList<>();

    /**
     * A round trip through a generated framer and encoder: {@code sizeOf}, {@code encode} and
     * {@code writer} are the encoder's methods of those names.
     */
    public RoundTrip(Supplier<? extends Framer<F>> framers, ToIntFunction<F> sizeOf,
            BiConsumer<F, ByteBuffer> encode, FrameEncoder<F> writer) {
        this.framers = framers;
        this.sizeOf = sizeOf;
        this.encode = encode;
        this.writer = writer;
    }

    /** Adds a frame type: the kind its framer delivers it with, and how to make a random one. */
    public RoundTrip<F> frame(int kind, Function<RandomValues, ? extends F> generator) {
        types.add(new FrameType<>(kind, generator));
        return this;
    }

    /** Runs the round trip with {@link #FRAMES_PER_TYPE} frames of each type. */
    public void check() {
        String property = System.getProperty(SEED_PROPERTY);
        long seed = property != null ? Long.parseLong(property) : new Random().nextLong();
        check(seed, FRAMES_PER_TYPE);
    }

    void check(long seed, int framesPerType) {
        String replay = "seed " + seed + " (replay with -D" + SEED_PROPERTY + "=" + seed + ")";
        List<Generated<F>> generated = generate(new Random(seed), framesPerType);
        List<F> frames = generated.stream().map(Generated::frame).toList();
        List<Integer> kinds = generated.stream().map(Generated::kind).toList();
        int[] ends = new int[frames.size()];
        byte[] stream = assertDoesNotThrow(() -> encode(frames, ends), replay + ": encoding");

        RecordingTransport transport = new RecordingTransport();
        assertDoesNotThrow(() -> frames.forEach(frame -> writer.write(transport, frame)), replay + ": writing");
        assertArrayEquals(stream, transport.written(), replay + ": write(Transport) differs from encode");

        decode(stream, Chunking.whole(), frames, kinds, replay + ", decoded whole");
        decode(stream, Chunking.random(seed, MAX_CHUNK), frames, kinds, replay + ", decoded in random reads");
        int prefix = Math.min(BYTEWISE_FRAMES, frames.size());
        decode(Arrays.copyOf(stream, ends[prefix - 1]), Chunking.bytewise(), frames.subList(0, prefix),
                kinds.subList(0, prefix), replay + ", decoded byte by byte");
    }

    /** Every type's frames, shuffled together so that each type follows every other. */
    private List<Generated<F>> generate(Random random, int framesPerType) {
        RandomValues values = new RandomValues(random);
        List<Generated<F>> generated = new ArrayList<>(types.size() * framesPerType);
        for (FrameType<F> type : types) {
            for (int i = 0; i < framesPerType; i++) {
                generated.add(new Generated<>(type.kind(), type.generator().apply(values)));
            }
        }
        Collections.shuffle(generated, random);
        return generated;
    }

    /** The frames encoded back to back; {@code ends} gets where each ends in the stream. */
    private byte[] encode(List<F> frames, int[] ends) {
        long total = 0;
        for (F frame : frames) {
            total += sizeOf.applyAsInt(frame);
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(total));
        for (int i = 0; i < frames.size(); i++) {
            F frame = frames.get(i);
            int start = out.position();
            encode.accept(frame, out);
            assertEquals(sizeOf.applyAsInt(frame), out.position() - start,
                    () -> "sizeOf differs from the bytes encode wrote for " + Frames.describe(frame));
            ends[i] = out.position();
        }
        return out.array();
    }

    private void decode(byte[] stream, Chunking chunking, List<F> expected, List<Integer> expectedKinds,
            String context) {
        Framer<F> framer = framers.get();
        Decoding<F> decoding = assertDoesNotThrow(() -> Decoding.of(framer, stream, chunking), context);
        Frames.assertFramesEqual(expected, decoding.frames(), context);
        assertEquals(expectedKinds, decoding.kinds(), context + ": kinds");
        assertEquals(0, framer.bufferedBytes(), context + ": bytes held at the end of the stream");
    }
}
