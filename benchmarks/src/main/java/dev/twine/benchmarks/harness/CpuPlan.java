package dev.twine.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a server and its load generator run: the CPUs each is pinned to with {@code taskset}, and
 * how many load-generator threads there are (one per load CPU). {@link #standard()} is every
 * comparison's placement, the server on CPU {@value ServerProcess#SERVER_CPU} and the load on CPU
 * {@value ServerProcess#CLIENT_CPU}; {@link #forReactors} gives a server of several reactors as
 * many CPUs (as far as there are), and the load as many of the others as are left, up to one per
 * reactor.
 *
 * <p>Where pinning is impossible ({@link ServerProcess#canPin()}), commands run as they are.
 *
 * @param serverCpus the CPUs of the server process, ascending
 * @param loadCpus the CPUs of the load generator, ascending; they overlap the server's when the
 *     machine has no CPU left for it
 */
public record CpuPlan(List<Integer> serverCpus, List<Integer> loadCpus) {

    public CpuPlan {
        serverCpus = List.copyOf(serverCpus);
        loadCpus = List.copyOf(loadCpus);
    }

    /** The placement of every comparison: server on CPU 0, load on CPU 1. */
    public static CpuPlan standard() {
        return new CpuPlan(List.of(ServerProcess.SERVER_CPU), List.of(ServerProcess.CLIENT_CPU));
    }

    /**
     * A server of {@code reactors} reactor threads on CPUs {@code 0 .. reactors-1}; the load on the
     * CPUs after them, one per reactor as far as they go. When the server takes every CPU, the load
     * shares the last one with it (CPU 1 on a two-CPU machine, as in {@link #standard()}).
     */
    public static CpuPlan forReactors(int reactors) {
        if (reactors < 1) {
            throw new IllegalArgumentException("reactors must be positive, was " + reactors);
        }
        final int cpus = ServerProcess.onlineCpus();
        final List<Integer> load = range(reactors, Math.min(cpus, 2 * reactors));
        return new CpuPlan(range(0, Math.min(reactors, cpus)), load.isEmpty() ? List.of(cpus - 1) : load);
    }

    private static List<Integer> range(int from, int to) {
        final List<Integer> cpus = new ArrayList<>();
        for (int cpu = from; cpu < to; cpu++) {
            cpus.add(cpu);
        }
        return cpus;
    }

    /** Load-generator threads: one per load CPU. */
    public int loadThreads() {
        return loadCpus.size();
    }

    /** Whether the server and the load generator share a CPU, so that they compete for it. */
    public boolean shared() {
        return loadCpus.stream().anyMatch(serverCpus::contains);
    }

    /** {@code command}, pinned to the server's CPUs where possible. */
    public List<String> pinServer(List<String> command) {
        return pinned(serverCpus, command);
    }

    /** {@code command}, pinned to the load generator's CPUs where possible. */
    public List<String> pinLoad(List<String> command) {
        return pinned(loadCpus, command);
    }

    /**
     * Moves every thread of this JVM, and so the threads it starts from now on, to the load
     * generator's CPUs, for load generated in this JVM. Does nothing where pinning is impossible.
     */
    public void pinThisProcessToLoad() {
        if (!ServerProcess.canPin()) {
            return;
        }
        final Processes.Finished moved = Processes.run(List.of("taskset", "-a", "-p", "-c", list(loadCpus),
                Long.toString(ProcessHandle.current().pid())), Duration.ofSeconds(10));
        if (moved.exitCode() != 0) {
            throw new IllegalStateException("cannot move the load generator to CPU " + list(loadCpus) + ":\n"
                    + moved.output());
        }
    }

    /** For the output: {@code server on CPUs 0-1, load (1 thread) on CPU 1}. */
    public String describe() {
        if (!ServerProcess.canPin()) {
            return "not pinned, " + loadThreads() + " load thread(s)";
        }
        return "server on CPU " + list(serverCpus) + ", load (" + loadThreads() + " thread"
                + (loadThreads() == 1 ? "" : "s") + ") on CPU " + list(loadCpus);
    }

    private static List<String> pinned(List<Integer> cpus, List<String> command) {
        if (!ServerProcess.canPin()) {
            return command;
        }
        final List<String> pinned = new ArrayList<>(List.of("taskset", "-c", list(cpus)));
        pinned.addAll(command);
        return pinned;
    }

    /** {@code taskset}'s list: {@code 0}, {@code 0,1,2}. */
    private static String list(List<Integer> cpus) {
        return String.join(",", cpus.stream().map(String::valueOf).toList());
    }
}
