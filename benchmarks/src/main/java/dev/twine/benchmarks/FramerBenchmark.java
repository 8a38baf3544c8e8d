package dev.twine.benchmarks;

import dev.twine.framing.FrameCodec;
import dev.twine.framing.FrameSink;
import dev.twine.framing.LengthPrefixed;
import dev.twine.framing.LineDelimited;
import dev.twine.framing.Netstring;
import dev.twine.testing.RecordingTransport;
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
 * Decoding throughput of the hand-written framers, in frames per second: one seeded stream of
 * {@value #FRAMES} frames with 16–128-byte bodies, delivered either in one read per frame batch
 * ({@code whole}: 64 KiB reads, what a busy socket gives) or cut at seeded random points into reads
 * of 1–4096 bytes ({@code random}). Run with {@code -prof gc} to see allocation per frame.
 *
 * <pre>java -jar benchmarks/target/twine-benchmarks.jar FramerBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FramerBenchmark {

    static final int FRAMES = 10_000;

    @Param({"length-prefixed", "line", "netstring"})
    public String framing;

    @Param({"whole", "random"})
    public String cut;

    private ByteBuffer[] reads;
    private FrameCodec<ByteBuffer> framer;
    private Counting sink;

    /** Counts frames and touches each one, so the decode cannot be optimised away. */
    static final class Counting implements FrameSink<ByteBuffer> {
        final Blackhole blackhole;
        int frames;

        Counting(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void onFrame(ByteBuffer frame) {
            frames++;
            blackhole.consume(frame.get(frame.position()));
        }
    }

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        framer = newFramer();
        byte[] stream = stream(new Random(42));
        reads = cut(stream, new Random(7));
        sink = new Counting(blackhole);
    }

    private FrameCodec<ByteBuffer> newFramer() {
        return switch (framing) {
            case "length-prefixed" -> LengthPrefixed.int32(1024);
            case "line" -> new LineDelimited(LineDelimited.Delimiter.CRLF, 1024);
            case "netstring" -> new Netstring(1024);
            default -> throw new IllegalArgumentException(framing);
        };
    }

    /** The stream, encoded by the framer's own encoder so every framing carries the same bodies. */
    private byte[] stream(Random random) {
        RecordingTransport transport = new RecordingTransport();
        byte[] letters = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < FRAMES; i++) {
            byte[] body = new byte[16 + random.nextInt(113)];
            for (int j = 0; j < body.length; j++) {
                body[j] = letters[random.nextInt(letters.length)];
            }
            framer.write(transport, ByteBuffer.wrap(body));
        }
        return transport.written();
    }

    private ByteBuffer[] cut(byte[] stream, Random random) {
        List<ByteBuffer> out = new ArrayList<>();
        int offset = 0;
        while (offset < stream.length) {
            int size = cut.equals("whole") ? 64 * 1024 : 1 + random.nextInt(4096);
            size = Math.min(size, stream.length - offset);
            ByteBuffer read = ByteBuffer.allocateDirect(size).put(stream, offset, size).flip();
            out.add(read);
            offset += size;
        }
        return out.toArray(ByteBuffer[]::new);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int decode() {
        sink.frames = 0;
        for (ByteBuffer read : reads) {
            read.rewind();
            framer.decode(read, sink);
        }
        if (sink.frames != FRAMES) {
            throw new IllegalStateException("decoded " + sink.frames + " frames, expected " + FRAMES);
        }
        return sink.frames;
    }
}
