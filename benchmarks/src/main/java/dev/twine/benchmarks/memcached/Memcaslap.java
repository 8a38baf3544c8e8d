package dev.twine.benchmarks.memcached;

import dev.twine.benchmarks.harness.CpuPlan;
import dev.twine.benchmarks.harness.Processes;
import dev.twine.benchmarks.harness.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libmemcached's load generator, {@code memcaslap}, run the same way against every server: the
 * binary protocol, one thread (one per load CPU of a {@link CpuPlan}), a fixed number of
 * concurrent connections each with one request in flight, for a fixed time, on the
 * {@linkplain ServerProcess#CLIENT_CPU load generator's CPU}.
 * Its workload is written out in full ({@link #WORKLOAD}) rather than left to the
 * {@code ~/.memslap.cnf} that memcaslap otherwise creates or reuses, and 1% of the gets are
 * verified against the value set, so a server that answers wrongly fails the run instead of
 * winning it.
 */
final class Memcaslap {

    /**
     * memcaslap's own default workload, made explicit: 64-byte keys, 1 KiB values, 10% sets and
     * 90% gets (command 0 is set, 1 is get). A get only asks for a key that was set before.
     */
    static final String WORKLOAD = """
            key
            64 64 1
            value
            1024 1024 1
            cmd
            0 0.1
            1 0.9
            """;

    /** The share of gets whose value memcaslap compares with what it set. */
    private static final String VERIFY_SHARE = "0.01";

    /** How long past its run time memcaslap may take before it is taken to have hung. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    private static final Pattern SUMMARY =
            Pattern.compile("Run time: ([0-9.]+)s Ops: (\\d+) TPS: (\\d+)");
    private static final Pattern FAILURES = Pattern.compile("(get_misses|verify_misses|verify_failed): (\\d+)");

    /**
     * What one run reported: operations per second over its run time, which leaves out the second
     * or so memcaslap spends generating its keys and values before it connects.
     */
    record Report(double opsPerSecond, long operations, double runSeconds) {}

    private final Path workload;

    private Memcaslap(Path workload) {
        this.workload = workload;
    }

    /** A memcaslap with the workload written to a temporary file, deleted when the JVM exits. */
    static Memcaslap create() {
        try {
            final Path file = Files.createTempFile("twine-memcaslap-", ".cnf");
            file.toFile().deleteOnExit();
            Files.writeString(file, WORKLOAD, StandardCharsets.US_ASCII);
            return new Memcaslap(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write memcaslap's workload file", e);
        }
    }

    /** What {@code memcaslap -V} says, for the output's header. */
    static String version() {
        return Processes.firstLine(List.of("memcaslap", "-V"));
    }

    /**
     * Runs memcaslap against {@code 127.0.0.1:port} and returns what it measured.
     *
     * @throws IllegalStateException with memcaslap's output when it fails, reports a miss or a
     *     wrong value, or prints no summary
     */
    Report run(int port, int concurrency, Duration time) {
        return run(port, concurrency, time, CpuPlan.standard());
    }

    /**
     * {@link #run(int, int, Duration)} with a thread on each of the load CPUs of {@code cpus},
     * the connections split evenly between them ({@code concurrency} is a multiple of their number).
     */
    Report run(int port, int concurrency, Duration time, CpuPlan cpus) {
        if (concurrency % cpus.loadThreads() != 0) {
            throw new IllegalArgumentException(concurrency + " connections do not split over "
                    + cpus.loadThreads() + " threads");
        }
        final List<String> command = cpus.pinLoad(List.of("memcaslap", "--servers=127.0.0.1:" + port, "--binary",
                "--threads=" + cpus.loadThreads(), "--concurrency=" + concurrency, "--time=" + time.toSeconds() + "s",
                "--cfg_cmd=" + workload, "--verify=" + VERIFY_SHARE));
        final Processes.Finished finished = Processes.run(command, time.plus(GRACE));
        final String output = finished.output();
        final Matcher summary = SUMMARY.matcher(output);
        if (finished.exitCode() != 0 || !summary.find()) {
            throw failure(command, "exited with " + finished.exitCode() + " and no summary", output);
        }
        final Matcher failures = FAILURES.matcher(output);
        while (failures.find()) {
            if (!failures.group(2).equals("0")) {
                throw failure(command, "reported " + failures.group(1) + " " + failures.group(2), output);
            }
        }
        final long operations = Long.parseLong(summary.group(2));
        if (operations == 0) {
            throw failure(command, "completed no operation", output);
        }
        return new Report(Double.parseDouble(summary.group(3)), operations, Double.parseDouble(summary.group(1)));
    }

    private static IllegalStateException failure(List<String> command, String what, String output) {
        return new IllegalStateException("memcaslap " + what + ": " + String.join(" ", command)
                + "\n--- memcaslap output ---\n" + output);
    }
}
