package dev.twine.benchmarks.decode;

import dev.twine.framing.LengthPrefixed;
import dev.twine.testing.Chunking;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code decode-large}: a stream of {@value #FRAMES} frames with 64 KiB bodies (a 4-byte length,
 * then seeded random bytes), cut at seeded random points into reads of 1 byte to 64 KiB — the
 * reactor's read buffer — and read by Twine or merely copied. One operation is the whole stream,
 * {@value #STREAM_BYTES} bytes; bytes per second is the score times that.
 *
 * <p>Twine reads it with {@link LengthPrefixed}, which is what a user holding large payloads wants:
 * each body arrives as a {@code ByteBuffer} view — of the read itself when the frame is whole in it,
 * otherwise of the one array the framer holds split frames in, reused frame after frame — so each
 * byte is copied at most once and nothing is allocated per frame. A generated record with a
 * {@code @Rest byte[]} body would allocate a 64 KiB array per frame and copy every byte into it,
 * a second time for a frame split across reads; it is for payloads the user keeps.
 *
 * <p>The peer, {@link #bulkCopy}, is the physical bound of any framer that must hold a frame split
 * across reads: each read moved once with {@link ByteBuffer#put(ByteBuffer)} into a 64 KiB heap
 * buffer, with no framing at all. No 64 KiB frame fits in one read here, so Twine too copies every
 * byte once, into an array of the same size.
 *
 * <pre>java -jar benchmarks/target/twine-benchmarks.jar LargeFrameDecoding</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LargeFrameDecoding {

    static final int BODY = 64 * 1024;
    static final int FRAMES = 32;
    static final int STREAM_BYTES = FRAMES * (4 + BODY);
    static final int LARGEST_READ = 64 * 1024;

    private Reads reads;
    private LengthPrefixed framer;
    private CountingSink bodies;
    private ByteBuffer copy;
    private Blackhole blackhole;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        this.blackhole = blackhole;
        reads = Reads.cut(stream(new Random(SmallFrameDecoding.STREAM_SEED)),
                Chunking.random(SmallFrameDecoding.CUT_SEED, LARGEST_READ));
        framer = LengthPrefixed.int32(BODY);
        bodies = CountingSink.consuming(blackhole);
        copy = ByteBuffer.allocate(LARGEST_READ);
    }

    private static ByteBuffer stream(Random random) {
        final ByteBuffer stream = ByteBuffer.allocateDirect(STREAM_BYTES);
        final byte[] body = new byte[BODY];
        for (int i = 0; i < FRAMES; i++) {
            random.nextBytes(body);
            stream.putInt(BODY).put(body);
        }
        return stream.flip();
    }

    /** Twine: every body delivered, as a view, to a sink that consumes it. */
    @Benchmark
    public int twine() {
        bodies.reset();
        for (int i = 0; i < reads.count(); i++) {
            framer.decode(reads.get(i), bodies);
        }
        return bodies.check(FRAMES);
    }

    /** The bound: every read copied once, and the copy consumed. */
    @Benchmark
    public int bulkCopy() {
        for (int i = 0; i < reads.count(); i++) {
            copy.clear();
            copy.put(reads.get(i));
            blackhole.consume(copy);
        }
        return reads.count();
    }
}
