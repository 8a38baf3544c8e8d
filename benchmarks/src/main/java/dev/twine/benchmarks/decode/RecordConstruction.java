package dev.twine.benchmarks.decode;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The peer of {@code alloc-per-frame-record}: what the {@link TickStream}'s records cost to build
 * when their values are already parsed — no bytes, no framer, only the constructors. A trade gets
 * its own copy of its condition bytes, as it must from any decoder (a record cannot keep a view of
 * a read buffer that the next read overwrites). With JMH's GC profiler, {@code gc.alloc.rate.norm}
 * is the bytes per record: the floor for any decoder that hands out these records.
 *
 * <pre>java -jar benchmarks/target/twine-benchmarks.jar RecordConstruction -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordConstruction {

    private Ticks[] parsed;
    private CountingSink sink;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        parsed = TickStream.generate(SmallFrameDecoding.STREAM_SEED).frames();
        sink = CountingSink.consuming(blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(TickStream.FRAMES)
    public int construct() {
        sink.reset();
        for (Ticks values : parsed) {
            sink.onFrame(build(values));
        }
        return sink.check(TickStream.FRAMES);
    }

    /** A new record from {@code values}' components. */
    private static Ticks build(Ticks values) {
        if (values instanceof Ticks.Trade t) {
            return new Ticks.Trade(t.instrument(), t.price(), t.quantity(), t.time(), t.conditions().clone());
        }
        if (values instanceof Ticks.Quote q) {
            return new Ticks.Quote(q.instrument(), q.bid(), q.ask(), q.bidSize(), q.askSize());
        }
        final Ticks.Heartbeat h = (Ticks.Heartbeat) values;
        return new Ticks.Heartbeat(h.session(), h.sequence());
    }
}
