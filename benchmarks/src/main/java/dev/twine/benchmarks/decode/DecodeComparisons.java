package dev.twine.benchmarks.decode;

import dev.twine.benchmarks.harness.Result;
import dev.twine.benchmarks.harness.RunMode;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The in-process comparisons of issue 5 — {@code decode-small}, {@code decode-bytewise},
 * {@code decode-large} and {@code alloc-per-frame} — run through JMH: {@link SmallFrameDecoding}
 * (with the GC profiler for the allocation figures), {@link LargeFrameDecoding} and
 * {@link RecordConstruction}. Once all have run it prints a short summary, then one {@code RESULT}
 * line per comparison; everything before is JMH's own report.
 *
 * <pre>java -cp benchmarks/target/twine-benchmarks.jar dev.twine.benchmarks.decode.DecodeComparisons quick|full</pre>
 *
 * {@code quick} (about 70 s) runs each of the eight benchmarks in one fork, briefly.
 * {@code full} (about seven minutes) runs the whole set three times over, with more and longer
 * iterations: a contestant's three forks are then spread over the run as its peer's are, rather
 * than one contestant meeting a busy minute of the machine and the other a quiet one.
 */
public final class DecodeComparisons {

    private static final String SMALL = SmallFrameDecoding.class.getName() + ".decode";
    private static final String LARGE = LargeFrameDecoding.class.getName();
    private static final String RECORDS = RecordConstruction.class.getName() + ".construct";
    private static final String ALLOCATED = "gc.alloc.rate.norm";

    /**
     * Every fork's JVM: a fixed heap, and Netty as it is tuned for production and as the loopback
     * comparisons run it — leak detection off (by default it samples one buffer in 128 and records
     * where it goes) and its reflective access to direct buffers allowed. Both only help Netty.
     */
    private static final String[] JVM_ARGS = {
        "-Xms1g", "-Xmx1g",
        "-Dio.netty.leakDetection.level=disabled",
        "-Dio.netty.tryReflectionSetAccessible=true",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
    };

    private DecodeComparisons() {}

    public static void main(String[] args) throws RunnerException {
        final RunMode mode = RunMode.of(args);
        final List<RunResult> results = new ArrayList<>();
        for (int round = 0; round < (mode.full() ? 3 : 1); round++) {
            for (ChainedOptionsBuilder benchmarks : benchmarks()) {
                results.addAll(new Runner(measured(benchmarks, mode).build()).run());
            }
        }

        final Figures twine = Figures.of(results, SMALL, "twine", "random");
        final Figures nettyDirect = Figures.of(results, SMALL, "netty-direct", "random");
        final Figures nettyEmbedded = Figures.of(results, SMALL, "netty-embedded", "random");
        final Figures twineBytewise = Figures.of(results, SMALL, "twine", "bytewise");
        final Figures nettyBytewise = Figures.of(results, SMALL, "netty-direct", "bytewise");
        final Figures twineLarge = Figures.of(results, LARGE + ".twine", null, null);
        final Figures bulkCopy = Figures.of(results, LARGE + ".bulkCopy", null, null);
        final Figures construction = Figures.of(results, RECORDS, null, null);

        System.out.println();
        System.out.printf(Locale.ROOT, "decode comparisons, %s mode: JDK %s; forks run with %s"
                        + " (Netty's default allocator: %s)%n",
                mode.name().toLowerCase(Locale.ROOT), Runtime.version(), String.join(" ", JVM_ARGS),
                ByteBufAllocator.DEFAULT.getClass().getSimpleName());
        System.out.println("  frames/s, random reads:   twine " + twine + "; netty-direct " + nettyDirect
                + "; netty-embedded " + nettyEmbedded);
        System.out.println("  frames/s, bytewise reads: twine " + twineBytewise + "; netty-direct " + nettyBytewise);
        System.out.println("  passes/s over " + LargeFrameDecoding.STREAM_BYTES + " B of 64 KiB frames: twine "
                + twineLarge + "; bulk copy " + bulkCopy);
        System.out.printf(Locale.ROOT, "  allocated per frame: twine %.1f B, netty-direct %.1f B, netty-embedded %.1f B,"
                        + " the records alone %.1f B%n", twine.allocatedPerFrame(), nettyDirect.allocatedPerFrame(),
                nettyEmbedded.allocatedPerFrame(), construction.allocatedPerFrame());

        new Result("decode-small-netty", twine.best(), nettyDirect.best(), "frames/s", true).print();
        new Result("decode-small-netty-embedded", twine.best(), nettyEmbedded.best(), "frames/s", true).print();
        new Result("decode-bytewise-netty", twineBytewise.best(), nettyBytewise.best(), "frames/s", true).print();
        new Result("decode-large-bulkcopy", twineLarge.best() * LargeFrameDecoding.STREAM_BYTES,
                bulkCopy.best() * LargeFrameDecoding.STREAM_BYTES, "B/s", true).print();
        new Result("alloc-per-frame-netty", twine.allocatedPerFrame(), nettyDirect.allocatedPerFrame(),
                "B/frame", false).print();
        new Result("alloc-per-frame-record", twine.allocatedPerFrame(), construction.allocatedPerFrame(),
                "B/frame", false).print();
    }

    /**
     * One round of the benchmarks, in four JMH runs — each comparison's contestants back to back,
     * and the GC profiler where allocation is reported.
     */
    private static List<ChainedOptionsBuilder> benchmarks() {
        return List.of(
                new OptionsBuilder().include(SMALL)
                        .param("decoder", "twine", "netty-direct", "netty-embedded")
                        .param("cut", "random")
                        .addProfiler(GCProfiler.class),
                new OptionsBuilder().include(SMALL)
                        .param("decoder", "twine", "netty-direct")
                        .param("cut", "bytewise"),
                new OptionsBuilder().include(LARGE + "\\.(twine|bulkCopy)$"),
                new OptionsBuilder().include(RECORDS).addProfiler(GCProfiler.class));
    }

    /**
     * How long {@code benchmarks} are measured in {@code mode}: one fork each, briefly, for
     * {@code quick}; for {@code full} (which runs three rounds, so three forks of each, interleaved
     * in time rather than back to back) twice as many iterations, twice as long. Warm-up is never
     * short: pinned to one CPU, the JIT shares it with the benchmark, and Netty's pipeline takes
     * seconds to compile — with two seconds of warm-up the embedded contestant was still speeding
     * up threefold during measurement.
     */
    private static ChainedOptionsBuilder measured(ChainedOptionsBuilder benchmarks, RunMode mode) {
        return benchmarks
                .forks(1)
                .warmupIterations(mode.full() ? 5 : 4)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(mode.full() ? 10 : 5)
                .measurementTime(TimeValue.milliseconds(mode.full() ? 1000 : 500))
                .jvmArgsAppend(JVM_ARGS)
                .shouldFailOnError(true);
    }

    /** One benchmark's results, from every round. */
    private record Figures(List<RunResult> runs) {

        /**
         * The results of {@code benchmark}, a method's full name, with the given
         * {@link SmallFrameDecoding} parameters (null for other benchmarks).
         */
        static Figures of(List<RunResult> results, String benchmark, String decoder, String cut) {
            final List<RunResult> runs = new ArrayList<>();
            for (RunResult result : results) {
                final var params = result.getParams();
                if (params.getBenchmark().equals(benchmark)
                        && (decoder == null || decoder.equals(params.getParam("decoder")))
                        && (cut == null || cut.equals(params.getParam("cut")))) {
                    runs.add(result);
                }
            }
            if (runs.isEmpty()) {
                throw new IllegalStateException("no result for " + benchmark + " " + decoder + " " + cut);
            }
            return new Figures(runs);
        }

        /**
         * The fastest measured iteration. On a shared machine another process can only slow an
         * iteration down, so the fastest is the least disturbed; taking it for every contestant
         * keeps a burst of someone else's work from deciding a ratio. {@link #toString} gives the
         * median too, and JMH's report above has every iteration.
         */
        double best() {
            return iterations()[iterations().length - 1];
        }

        double median() {
            final double[] scores = iterations();
            return scores[scores.length / 2];
        }

        /** Every measured iteration's score, ascending. */
        private double[] iterations() {
            return runs.stream()
                    .flatMap(run -> run.getBenchmarkResults().stream())
                    .flatMap(fork -> fork.getIterationResults().stream())
                    .mapToDouble(iteration -> iteration.getPrimaryResult().getScore())
                    .sorted()
                    .toArray();
        }

        /**
         * Bytes allocated per frame, from the GC profiler: {@code gc.alloc.rate.norm} is per
         * operation, and an operation of these benchmarks is one frame (their
         * {@code @OperationsPerInvocation} is the stream's frame count), so it needs no division.
         * It does not vary with the machine's load; this is the mean over the rounds.
         */
        double allocatedPerFrame() {
            double sum = 0;
            for (RunResult run : runs) {
                final var figure = run.getSecondaryResults().get(ALLOCATED);
                if (figure == null) {
                    throw new IllegalStateException(run.getParams().getBenchmark() + " ran without the GC profiler");
                }
                sum += figure.getScore();
            }
            return sum / runs.size();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "best %.4g, median %.4g", best(), median());
        }
    }
}
