package dev.twine.benchmarks.memcached;

import dev.twine.benchmarks.harness.CpuPlan;
import dev.twine.benchmarks.harness.ServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One server under one load: a fresh process (so no run inherits another's items, heap or
 * compiled code), an unmeasured warm-up run of memcaslap (which lets the JIT compile the Java
 * servers' hot paths, and is given to memcached all the same), then the measured run. Beside
 * memcaslap's throughput it records how much CPU the server used meanwhile: near 100% says the
 * server, not the load generator, was the bottleneck, and CPU time per operation compares the
 * servers' efficiency even where the load generator limits the throughput.
 */
final class Trial {

    /** What one trial measured; {@code serverCpuShare} is NaN where the server's CPU time is unknown. */
    record Outcome(Contender contender, int concurrency, double opsPerSecond, double serverCpuShare) {

        /** Microseconds of server CPU per operation. */
        double cpuMicrosPerOperation() {
            return serverCpuShare * 1e6 / opsPerSecond;
        }
    }

    private Trial() {}

    static Outcome run(Memcaslap memcaslap, Contender contender, int concurrency, Settings settings) {
        final Measured measured = measure(memcaslap, contender.name().toLowerCase(Locale.ROOT),
                port -> contender.command(port, settings.memoryMb()), concurrency, settings, CpuPlan.standard());
        return new Outcome(contender, concurrency, measured.opsPerSecond(), measured.serverCpuShare());
    }

    /** Throughput, and the share of one CPU the server used meanwhile (NaN where unknown). */
    record Measured(double opsPerSecond, double serverCpuShare) {}

    /**
     * One trial of the server that {@code command} starts on a given port, placed on the CPUs of
     * {@code cpus}, with memcaslap on its load CPUs.
     */
    static Measured measure(Memcaslap memcaslap, String name, IntFunction<List<String>> command, int concurrency,
            Settings settings, CpuPlan cpus) {
        final int port = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(name, port, command.apply(port), cpus)) {
            // Found before memcaslap starts, while the server is this JVM's only child process.
            final Optional<ProcessHandle> process = onlyChild();
            memcaslap.run(port, concurrency, settings.warmUp(), cpus);
            final long cpuBefore = cpuNanos(process);
            final Memcaslap.Report report = memcaslap.run(port, concurrency, settings.measured(), cpus);
            final long cpu = cpuNanos(process) - cpuBefore;
            // Over memcaslap's own run time: the server idles while memcaslap prepares its data.
            final double share = cpuBefore < 0 || cpu < 0 ? Double.NaN : cpu / (report.runSeconds() * 1e9);
            return new Measured(report.opsPerSecond(), share);
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " at concurrency " + concurrency + ": " + e.getMessage(), e);
        }
    }

    /** How long to warm up and to measure, and the item memory every server gets. */
    record Settings(Duration warmUp, Duration measured, int memoryMb) {}

    private static Optional<ProcessHandle> onlyChild() {
        final List<ProcessHandle> children = ProcessHandle.current().children().toList();
        return children.size() == 1 ? Optional.of(children.get(0)) : Optional.empty();
    }

    /** The process's user and system CPU time so far (every thread), or -1 when unknown. */
    private static long cpuNanos(Optional<ProcessHandle> process) {
        return process.flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    }
}
