package dev.twine.benchmarks.echo;

import dev.twine.benchmarks.harness.Result;
import dev.twine.benchmarks.harness.RunMode;
import dev.twine.benchmarks.harness.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Comparisons 5 and 6 of the benchmarks issue: length-prefixed echo, request/response on loopback,
 * Twine against Netty (one event-loop thread), a virtual-thread-per-connection blocking server and
 * Twisted's {@code Int32StringReceiver}, all driven by the same {@link EchoLoadClient}; in
 * {@code full} mode also how Twine and Netty grow with connections and frame sizes ({@link Growth}).
 *
 * <p>Every server runs in its own process pinned to the server CPU; this JVM is the load generator,
 * pinned to the other one by {@code benchmarks/run}. All servers are started first and sit idle
 * (blocked in their selectors) while another is measured. After one warm-up each, the measurement
 * windows rotate through the servers round by round, so a slow drift of the shared machine spreads
 * over all of them instead of landing on whichever ran last. A server's throughput is the median of
 * its windows and its latency percentiles come from all of them pooled ({@link Windows}).
 *
 * <pre>java -cp benchmarks/target/twine-benchmarks.jar dev.twine.benchmarks.echo.EchoComparisons quick|full</pre>
 */
public final class EchoComparisons {

    /** The echo-rr load: enough connections that a server has several ready at once, small frames. */
    static final int CONNECTIONS = 16;

    static final int FRAME_BYTES = 64;

    /**
     * How a mode measures.
     *
     * @param serverWarmup load on each server before any window, so its JIT has compiled the hot path
     * @param settle load on fresh connections before each window, not measured
     * @param window one measured window
     * @param rounds windows per server, rotating through the servers
     * @param growthWindow the measured window at each growth point; zero for no growth runs
     */
    record Plan(Duration serverWarmup, Duration settle, Duration window, int rounds, Duration growthWindow) {

        static Plan of(RunMode mode) {
            return mode.full()
                    ? new Plan(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5), 10, Duration.ofSeconds(8))
                    : new Plan(Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofMillis(2500), 4, Duration.ZERO);
        }

        boolean growth() {
            return !growthWindow.isZero();
        }
    }

    private EchoComparisons() {}

    public static void main(String[] args) {
        final RunMode mode = RunMode.of(args);
        final Plan plan = Plan.of(mode);
        final long began = System.nanoTime();
        refuseIfMissing();
        System.out.println(ServerProcess.pinning());
        System.out.println("load average before: " + loadAverage());
        System.out.printf(Locale.ROOT, "echo-rr (%s): %d connections, %d-byte frames, closed loop; %d windows of %.1f s"
                        + " per server after a %d s warm-up; servers on Java %s (vthreads on %s)%n",
                mode.name().toLowerCase(Locale.ROOT), CONNECTIONS, FRAME_BYTES, plan.rounds(), plan.window().toMillis() / 1e3,
                plan.serverWarmup().toSeconds(), Runtime.version().feature(), EchoPeer.JDK25_HOME);

        final Map<EchoPeer, RunningPeer> running = new EnumMap<>(EchoPeer.class);
        boolean failed = false;
        try {
            for (EchoPeer peer : EchoPeer.values()) {
                running.put(peer, RunningPeer.start(peer));
            }
            final Map<EchoPeer, Windows> results = measureAll(running, plan);
            failed = results.size() < running.size();
            printTable(results);
            printResults(results);
            if (plan.growth()) {
                // Only Twine and Netty grow; the others would only take memory from them.
                running.remove(EchoPeer.VTHREADS).close();
                running.remove(EchoPeer.TWISTED).close();
                final List<Growth.Point> points = Growth.run(running, plan.growthWindow());
                failed |= points.stream().anyMatch(point -> point.result() == null);
                GrowthReport.write(points, mode);
            }
        } finally {
            running.values().forEach(RunningPeer::close);
        }
        System.out.printf(Locale.ROOT, "echo comparisons took %.0f s; load average after: %s%n",
                (System.nanoTime() - began) / 1e9, loadAverage());
        if (failed) {
            System.exit(1);
        }
    }

    /**
     * The machine's 1, 5 and 15-minute load averages: on a shared machine, what else was running
     * (two pinned processes of ours account for at most 2 of it).
     */
    private static String loadAverage() {
        try {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void refuseIfMissing() {
        final List<String> missing = new ArrayList<>();
        for (EchoPeer peer : EchoPeer.values()) {
            final String why = peer.missing();
            if (why != null) {
                missing.add(why);
            }
        }
        if (!missing.isEmpty()) {
            System.err.println("echo comparisons cannot run:\n  " + String.join("\n  ", missing));
            System.exit(2);
        }
    }

    /** Warms each server up, then rotates measurement windows through them; a server that fails drops out. */
    private static Map<EchoPeer, Windows> measureAll(Map<EchoPeer, RunningPeer> running, Plan plan) {
        final List<RunningPeer> alive = new ArrayList<>(running.values());
        alive.removeIf(server -> !attempt(server, plan.serverWarmup(), Duration.ZERO, null));
        final Map<EchoPeer, Windows> windows = new EnumMap<>(EchoPeer.class);
        for (int round = 0; round < plan.rounds(); round++) {
            final List<RunningPeer> order = new ArrayList<>(alive);
            Collections.rotate(order, -round);
            for (RunningPeer server : order) {
                if (!attempt(server, plan.settle(), plan.window(), windows.computeIfAbsent(server.peer, peer -> new Windows()))) {
                    alive.remove(server);
                    windows.remove(server.peer);
                }
            }
        }
        return windows;
    }

    private static boolean attempt(RunningPeer server, Duration warmup, Duration window, Windows into) {
        try {
            final LoadResult result = server.measure(CONNECTIONS, FRAME_BYTES, warmup, window);
            if (into != null) {
                into.add(result);
            }
            return true;
        } catch (IllegalStateException e) {
            System.err.println("echo-rr: " + e.getMessage());
            return false;
        }
    }

    private static void printTable(Map<EchoPeer, Windows> results) {
        final Windows twine = results.get(EchoPeer.TWINE);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-9s %9s %17s %8s %8s %13s %13s %10s %10s %12s%n", "server", "req/s",
                "windows (req/s)", "p50 us", "p99 us", "server us/req", "client us/req", "server CPU", "client CPU",
                "twine/server");
        for (Map.Entry<EchoPeer, Windows> entry : results.entrySet()) {
            final Windows w = entry.getValue();
            final LoadResult r = w.pooled();
            System.out.printf(Locale.ROOT, "%-9s %9.0f %17s %8.1f %8.1f %13.2f %13.2f %9.0f%% %9.0f%% %12s%n",
                    entry.getKey().label, w.requestsPerSecond(),
                    String.format(Locale.ROOT, "%.0f-%.0f", w.slowest(), w.fastest()), r.p50Micros(), r.p99Micros(),
                    r.serverMicrosPerRequest(), r.clientMicrosPerRequest(), 100 * r.serverCpu(), 100 * r.clientCpu(),
                    twine == null ? "-" : String.format(Locale.ROOT, "%.2f", twine.requestsPerSecond() / w.requestsPerSecond()));
        }
        System.out.println();
    }

    private static void printResults(Map<EchoPeer, Windows> results) {
        final Windows twine = results.get(EchoPeer.TWINE);
        if (twine == null) {
            return;
        }
        for (EchoPeer peer : List.of(EchoPeer.NETTY, EchoPeer.VTHREADS, EchoPeer.TWISTED)) {
            final Windows other = results.get(peer);
            if (other != null) {
                new Result("echo-rr-" + peer.label, twine.requestsPerSecond(), other.requestsPerSecond(), "req/s", true).print();
            }
        }
        final LoadResult ours = twine.pooled();
        final Windows netty = results.get(EchoPeer.NETTY);
        if (netty != null) {
            new Result("echo-rr-p99-netty", ours.p99Micros(), netty.pooled().p99Micros(), "us", false).print();
            new Result("echo-rr-p50-netty", ours.p50Micros(), netty.pooled().p50Micros(), "us", false).print();
        }
        // Server CPU per request: what each server costs, the figure the shared machine disturbs least.
        for (EchoPeer peer : List.of(EchoPeer.NETTY, EchoPeer.VTHREADS)) {
            final Windows other = results.get(peer);
            if (other != null && !Double.isNaN(ours.serverMicrosPerRequest())
                    && !Double.isNaN(other.pooled().serverMicrosPerRequest())) {
                new Result("echo-rr-cpu-" + peer.label, ours.serverMicrosPerRequest(),
                        other.pooled().serverMicrosPerRequest(), "us/req", false).print();
            }
        }
    }
}
