package dev.twine.framing;

import dev.twine.testing.Chunking;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every framer owes any input at all, checked for one input — the property behind the fuzz
 * targets:
 * <ol>
 *   <li>only a {@link FramingException} comes out of {@code decode}: anything else (an index out of
 *       bounds, a negative array size, an {@link IllegalStateException} before it has failed) is a
 *       crash, and passes through to the fuzzer;</li>
 *   <li>after every read it holds at most {@code maxHeld} bytes, and never more than have arrived;</li>
 *   <li>it knows whether it has failed;</li>
 *   <li>however the stream is cut, it delivers the same frames and fails (or not) the same way.</li>
 * </ol>
 * Each failed property is an {@link AssertionError}.
 *
 * @param <F> the framer's frame type
 */
public final class FramingProperties<F> {

    /** What a framer made of a stream: each event it reported, then how it failed, if it did. */
    record Outcome(List<String> events, String failure) {}

    private final Supplier<? extends Framer<F>> framers;
    private final int maxHeld;
    private final Function<? super F, String> describe;

    /**
     * @param framers  makes a fresh framer for each replay
     * @param maxHeld  the most the framer may ever hold
     * @param describe how a frame is compared between replays
     */
    public FramingProperties(Supplier<? extends Framer<F>> framers, int maxHeld, Function<? super F, String> describe) {
        this.framers = Objects.requireNonNull(framers, "framers");
        this.maxHeld = maxHeld;
        this.describe = Objects.requireNonNull(describe, "describe");
    }

    /** Checks the properties for {@code input}'s stream, whole and cut as it says. */
    public void check(FuzzedStream input) {
        Outcome whole = decode(input.stream(), Chunking.whole());
        Outcome cut = decode(input.stream(), input.cutting());
        if (!whole.equals(cut)) {
            throw new AssertionError("decoded whole: " + whole + "\ncut in reads of up to " + input.cut() + ": " + cut);
        }
    }

    private Outcome decode(byte[] stream, Chunking chunking) {
        Framer<F> framer = framers.get();
        List<String> events = new ArrayList<>();
        FrameSink<F> sink = new FrameSink<>() {
            @Override
            public void onFrame(F frame) {
                events.add(describe.apply(frame));
            }

            @Override
            public void onFrameOfKind(int kind, F frame) {
                events.add(kind + ":" + describe.apply(frame));
            }

            @Override
            public void onRejectedFrame(int kind, ByteBuffer frame, FramingException error) {
                events.add("rejected " + kind + ", " + frame.remaining() + " bytes");
            }

            @Override
            public void onSkippedFrame(int kind, ByteBuffer start, FrameTooLongException tooLong) {
                events.add("skipped " + kind + ", " + Long.toUnsignedString(tooLong.declaredLength().orElse(-1))
                        + " bytes");
            }
        };
        int fed = 0;
        while (fed < stream.length) {
            int size = chunking.next(stream.length - fed);
            ByteBuffer read = ByteBuffer.wrap(stream, fed, size).slice();
            try {
                framer.decode(read, sink);
            } catch (FramingException e) {
                if (!framer.hasFailed()) {
                    throw new AssertionError("threw without knowing it failed", e);
                }
                return new Outcome(events, e.getClass().getSimpleName());
            }
            if (read.hasRemaining()) {
                throw new AssertionError("left " + read.remaining() + " bytes of a read unconsumed");
            }
            fed += size;
            int held = framer.bufferedBytes();
            if (held > maxHeld || held > fed) {
                throw new AssertionError("holds " + held + " bytes after " + fed + " arrived; at most " + maxHeld);
            }
        }
        if (framer.hasFailed()) {
            throw new AssertionError("says it failed, but threw nothing");
        }
        return new Outcome(events, null);
    }
}
