package dev.twine.benchmarks.echo;

import dev.twine.benchmarks.harness.CpuPlan;
import dev.twine.benchmarks.harness.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * One echo server running in its own process, with the CPU clock of that process so each
 * measurement can say how busy the server was.
 */
final class RunningPeer implements AutoCloseable {

    final EchoPeer peer;
    private final ServerProcess process;
    private final ProcessCpu cpu;

    private RunningPeer(EchoPeer peer, ServerProcess process, ProcessCpu cpu) {
        this.peer = peer;
        this.process = process;
        this.cpu = cpu;
    }

    /** Starts {@code peer} on a free port; returns once it accepts connections. */
    static RunningPeer start(EchoPeer peer) {
        return start(peer, peer::command, CpuPlan.standard());
    }

    /** Starts {@code peer} as {@code command} says for a port, on the server CPUs of {@code cpus}. */
    static RunningPeer start(EchoPeer peer, IntFunction<List<String>> command, CpuPlan cpus) {
        final int port = ServerProcess.freePort();
        final Set<Long> before = childPids();
        final ServerProcess process = ServerProcess.start(peer.label, port, command.apply(port), cpus);
        // taskset execs the server, so the new child process is the server itself.
        final ProcessCpu cpu = ProcessHandle.current().children()
                .filter(child -> !before.contains(child.pid()))
                .findFirst()
                .map(ProcessCpu::of)
                .orElse(ProcessCpu.UNKNOWN);
        return new RunningPeer(peer, process, cpu);
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * Loads this server with {@code connections} connections of {@code frameBytes}-byte requests:
     * {@code warmup} unmeasured, then {@code window} measured.
     *
     * @throws IllegalStateException with the server's output if the run fails
     */
    LoadResult measure(int connections, int frameBytes, Duration warmup, Duration window) {
        final InetSocketAddress address = process.address();
        try {
            return new EchoLoadClient(address, connections, frameBytes).run(warmup, window, cpu);
        } catch (IOException e) {
            throw new IllegalStateException(peer.label + " with " + connections + " connections and "
                    + frameBytes + "-byte frames failed: " + e.getMessage() + "\nserver output:\n" + process.output(), e);
        }
    }

    /**
     * {@link #measure} from {@code threads} load clients at once, each on its own thread with an equal
     * share of {@code connections}: their throughputs added up.
     */
    double requestsPerSecond(int threads, int connections, int frameBytes, Duration warmup, Duration window) {
        final ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            final List<Future<LoadResult>> runs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                runs.add(clients.submit(() -> measure(connections / threads, frameBytes, warmup, window)));
            }
            double sum = 0;
            for (Future<LoadResult> run : runs) {
                sum += run.get().requestsPerSecond();
            }
            return sum;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IllegalStateException failed ? failed
                    : new IllegalStateException(peer.label + ": a load client failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + peer.label, e);
        } finally {
            clients.shutdownNow();
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
