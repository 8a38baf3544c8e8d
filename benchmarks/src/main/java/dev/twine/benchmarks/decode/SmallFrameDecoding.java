package dev.twine.benchmarks.decode;

import dev.twine.testing.Chunking;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code decode-small}, {@code decode-bytewise} and {@code alloc-per-frame}: the {@link TickStream}
 * decoded into {@link Ticks} records by each {@link TickDecoder}. One invocation decodes the whole
 * stream and counts as its {@value TickStream#FRAMES} frames, so the score is frames per second and,
 * with JMH's GC profiler, {@code gc.alloc.rate.norm} is the bytes allocated per frame. The stream
 * is cut at seeded random points into reads of 1 to 4096 bytes ({@code random}) or delivered a byte
 * per read ({@code bytewise}); every contestant gets the same reads.
 *
 * <p>Before it is timed, each contestant decodes the stream once and must deliver exactly its
 * frames, so all of them are known to do the same work.
 *
 * <pre>java -jar benchmarks/target/twine-benchmarks.jar SmallFrameDecoding -p cut=random -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SmallFrameDecoding {

    static final long STREAM_SEED = 42;
    static final long CUT_SEED = 7;
    static final int LARGEST_READ = 4096;

    @Param({"twine", "netty-direct", "netty-embedded"})
    public String decoder;

    @Param({"random", "bytewise"})
    public String cut;

    private Reads reads;
    private TickDecoder contestant;
    private CountingSink sink;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        final TickStream stream = TickStream.generate(STREAM_SEED);
        reads = Reads.cut(stream.bytes(), chunking());
        final List<Object> decoded = new ArrayList<>();
        feed(TickDecoder.named(decoder, CountingSink.keeping(blackhole, decoded)));
        stream.checkDecoded(decoder, decoded);
        sink = CountingSink.consuming(blackhole);
        contestant = TickDecoder.named(decoder, sink);
    }

    private Chunking chunking() {
        return switch (cut) {
            case "random" -> Chunking.random(CUT_SEED, LARGEST_READ);
            case "bytewise" -> Chunking.bytewise();
            default -> throw new IllegalArgumentException("no cut is called " + cut);
        };
    }

    @Benchmark
    @OperationsPerInvocation(TickStream.FRAMES)
    public int decode() {
        sink.reset();
        feed(contestant);
        return sink.check(TickStream.FRAMES);
    }

    private void feed(TickDecoder decoder) {
        for (int i = 0; i < reads.count(); i++) {
            decoder.read(reads.get(i));
        }
    }
}
