package dev.twine.benchmarks;

import dev.twine.benchmarks.quotes.Quotes;
import dev.twine.benchmarks.quotes.QuotesEncoder;
import dev.twine.benchmarks.quotes.QuotesFramer;
import dev.twine.framing.CorruptFrameException;
import dev.twine.framing.FrameSink;
import dev.twine.framing.Framer;
import dev.twine.framing.LengthPrefixed;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding typed frames, in frames per second: the generated {@link QuotesFramer} against the
 * same work written by hand — {@link LengthPrefixed} cutting the stream, then a hand decode of the
 * body into the same records. Both get one seeded stream of {@value #FRAMES} frames (nine in ten a
 * {@link Quotes.Quote} of 29–284 bytes, the rest heartbeats), in 64 KiB reads ({@code whole}) or
 * cut at seeded random points into reads of 1–4096 bytes ({@code random}). With {@code -prof gc},
 * {@code gc.alloc.rate.norm} divided by {@value #FRAMES} is the allocation per frame, which for
 * both should be the records and their strings only.
 *
 * <pre>java -jar benchmarks/target/twine-benchmarks.jar GeneratedFramerBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GeneratedFramerBenchmark {

    static final int FRAMES = 10_000;

    @Param({"generated", "hand-written"})
    public String decoder;

    @Param({"whole", "random"})
    public String cut;

    private ByteBuffer[] reads;
    private Framer<?> framer;
    private Counting sink;

    /** Counts frames and hands each to the blackhole, so that decoding cannot be optimised away. */
    static final class Counting implements FrameSink<Object> {
        final Blackhole blackhole;
        int frames;

        Counting(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void onFrame(Object frame) {
            frames++;
            blackhole.consume(frame);
        }
    }

    /**
     * The hand-written equivalent: a length-prefixed framer, then the body decoded into the same
     * records, with the same checks the generated code makes.
     */
    static final class HandDecoder implements Framer<Quotes> {
        private final LengthPrefixed frames = LengthPrefixed.int32(1020);
        private FrameSink<? super Quotes> sink;
        private final FrameSink<ByteBuffer> bodies = body -> sink.onFrame(decode(body));

        @Override
        public void decode(ByteBuffer in, FrameSink<? super Quotes> sink) {
            this.sink = sink;
            frames.decode(in, bodies);
        }

        private static Quotes decode(ByteBuffer body) {
            int tag = body.getInt();
            if (tag == 2) {
                return new Quotes.Heartbeat();
            }
            if (tag != 1) {
                throw new CorruptFrameException("unknown tag " + tag);
            }
            long instrument = body.getLong();
            long price = body.getLong();
            int quantity = body.getInt();
            int venueLength = body.get() & 0xFF;
            if (venueLength > body.remaining()) {
                throw new CorruptFrameException("venue overruns the frame");
            }
            byte[] venue = new byte[venueLength];
            body.get(venue);
            return new Quotes.Quote(instrument, price, quantity, new String(venue, StandardCharsets.US_ASCII));
        }

        @Override
        public int bufferedBytes() {
            return frames.bufferedBytes();
        }

        @Override
        public boolean hasFailed() {
            return frames.hasFailed();
        }
    }

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        framer = decoder.equals("generated") ? new QuotesFramer() : new HandDecoder();
        reads = cut(stream(new Random(42)), new Random(7));
        sink = new Counting(blackhole);
    }

    /** The stream, written by the generated encoder (the hand decoder reads the same bytes). */
    private static byte[] stream(Random random) {
        QuotesEncoder encoder = new QuotesEncoder();
        ByteBuffer out = ByteBuffer.allocate(FRAMES * 300);
        for (int i = 0; i < FRAMES; i++) {
            Quotes frame = random.nextInt(10) == 0 ? new Quotes.Heartbeat()
                    : new Quotes.Quote(random.nextLong(), random.nextLong(), random.nextInt(),
                            "X".repeat(random.nextInt(256)));
            encoder.encode(frame, out);
        }
        out.flip();
        byte[] stream = new byte[out.remaining()];
        out.get(stream);
        return stream;
    }

    private ByteBuffer[] cut(byte[] stream, Random random) {
        List<ByteBuffer> out = new ArrayList<>();
        int offset = 0;
        while (offset < stream.length) {
            int size = cut.equals("whole") ? 64 * 1024 : 1 + random.nextInt(4096);
            size = Math.min(size, stream.length - offset);
            out.add(ByteBuffer.allocateDirect(size).put(stream, offset, size).flip());
            offset += size;
        }
        return out.toArray(ByteBuffer[]::new);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    @SuppressWarnings("unchecked")
    public int decode() {
        sink.frames = 0;
        Framer<Object> typed = (Framer<Object>) framer;
        for (ByteBuffer read : reads) {
            read.rewind();
            typed.decode(read, sink);
        }
        if (sink.frames != FRAMES) {
            throw new IllegalStateException("decoded " + sink.frames + " frames, expected " + FRAMES);
        }
        return sink.frames;
    }
}
