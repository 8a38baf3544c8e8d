package dev.twine.benchmarks.decode;

import dev.twine.framing.FrameSink;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where every contestant delivers its records: it counts them and hands each to the blackhole, so
 * that no decode can be optimised away. The one used to check a contestant also keeps them; it is
 * the same class, so the sink's call sites see one receiver type, timed or not.
 */
final class CountingSink implements FrameSink<Object> {

    private final Blackhole blackhole;
    private final List<Object> kept;
    int frames;

    private CountingSink(Blackhole blackhole, List<Object> kept) {
        this.blackhole = blackhole;
        this.kept = kept;
    }

    /** A sink that only counts and consumes: the one that is timed. */
    static CountingSink consuming(Blackhole blackhole) {
        return new CountingSink(blackhole, null);
    }

    /** A sink that also adds every frame to {@code kept}, for checking what was decoded. */
    static CountingSink keeping(Blackhole blackhole, List<Object> kept) {
        return new CountingSink(blackhole, kept);
    }

    @Override
    public void onFrame(Object frame) {
        frames++;
        blackhole.consume(frame);
        if (kept != null) {
            kept.add(frame);
        }
    }

    /**
     * Checks that an operation delivered {@code expected} frames since {@link #reset}.
     *
     * @throws IllegalStateException otherwise
     */
    int check(int expected) {
        if (frames != expected) {
            throw new IllegalStateException("delivered " + frames + " frames, expected " + expected);
        }
        return frames;
    }

    void reset() {
        frames = 0;
    }
}
