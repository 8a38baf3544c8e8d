package dev.twine.benchmarks.scaling;

import dev.twine.benchmarks.echo.EchoScaling;
import dev.twine.benchmarks.harness.RunMode;
import dev.twine.benchmarks.harness.Scaling;
import dev.twine.benchmarks.harness.ServerProcess;
import dev.twine.benchmarks.memcached.MemcachedScaling;
import java.util.List;
import java.util.Locale;

/**
 * Scaling across reactors: the throughput of the Twine echo example ({@code echo-rr}) and of the
 * memcached example with 1, 2, … reactors, up to the machine's CPUs, each against itself with one
 * reactor ({@code scaling-echo-rr-N-reactors-1}, {@code scaling-memcached-N-reactors-1}). A server
 * of N reactors is pinned to CPUs 0 to N-1 and its load to the CPUs after them ({@link
 * dev.twine.benchmarks.harness.CpuPlan#forReactors}); a count that leaves the load no CPU of its
 * own gets a {@code NOTE} line and is still reported.
 *
 * <pre>java -cp benchmarks/target/twine-benchmarks.jar dev.twine.benchmarks.scaling.ScalingComparisons quick|full</pre>
 */
public final class ScalingComparisons {

    private ScalingComparisons() {}

    public static void main(String[] args) {
        final RunMode mode = RunMode.of(args);
        final int rounds = mode.full() ? 3 : 1;
        final List<Integer> counts = Scaling.reactorCounts();
        final long began = System.nanoTime();
        System.out.println("scaling across reactors (" + mode.name().toLowerCase(Locale.ROOT) + "): reactors " + counts + " on "
                + ServerProcess.onlineCpus() + " CPUs, " + rounds + " round(s), counts in rotated order");
        System.out.println(ServerProcess.pinning() + "; a server of N reactors on CPUs 0..N-1, its load after them");
        Scaling.printNotes(counts);
        Scaling.run("echo-rr", "req/s", counts, rounds, EchoScaling.requestsPerSecond(mode));
        System.out.println("memcached load: " + MemcachedScaling.loadVersion() + " --binary, one thread per load CPU");
        Scaling.run("memcached", "ops/s", counts, rounds, MemcachedScaling.opsPerSecond(mode));
        System.out.printf(Locale.ROOT, "scaling comparisons took %.0f s%n", (System.nanoTime() - began) / 1e9);
    }
}
