package dev.twine.benchmarks.echo;

import dev.twine.benchmarks.harness.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
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
        final int port = ServerProcess.freePort();
        final Set<Long> before = childPids();
        final ServerProcess process = ServerProcess.start(peer.label, port, peer.command(port));
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

    @Override
    public void close() {
        process.close();
    }
}
