package dev.twine.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A peer or Twine server in its own process for a loopback comparison: pinned to the
 * {@linkplain #SERVER_CPU server's CPU} when {@code taskset} works here, ready once its port
 * accepts, its output kept in a file for when it fails, and stopped by {@link #close()}.
 *
 * <p>The load generator (the JVM running the comparison) is started by {@code benchmarks/run}
 * on the other CPU, so server and client do not share a core. Where pinning is impossible
 * {@link #pinning()} says so and the comparison prints that beside its results.
 */
public final class ServerProcess implements AutoCloseable {

    /** The CPU servers run on; the load generator runs on {@link #CLIENT_CPU}. */
    public static final int SERVER_CPU = 0;

    public static final int CLIENT_CPU = 1;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code command} (pinned to {@link #SERVER_CPU} where possible) and returns once
     * {@code 127.0.0.1:port} accepts a connection.
     *
     * @throws IllegalStateException with the server's output when it exits or does not listen in
     *     time
     */
    public static ServerProcess start(String name, int port, List<String> command) {
        return start(name, port, command, CpuPlan.standard());
    }

    /** {@link #start(String, int, List)} on the server CPUs of {@code cpus}. */
    public static ServerProcess start(String name, int port, List<String> command, CpuPlan cpus) {
        final List<String> pinned = cpus.pinServer(command);
        try {
            final Path log = Files.createTempFile("twine-bench-" + name + "-", ".log");
            final Process process = new ProcessBuilder(pinned)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            final ServerProcess server = new ServerProcess(name, process, log, port);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + pinned, e);
        }
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** The server's standard output and error so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private void awaitListening() {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + " before listening on " + port + ":\n" + output());
            }
            try (Socket probe = new Socket()) {
                probe.connect(address(), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        close();
        throw new IllegalStateException(name + " did not listen on " + port + " within "
                + READY_TIMEOUT.toSeconds() + " s:\n" + output());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a temporary log left behind is harmless
        }
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether servers and the load generator can each have their own CPU on this machine. */
    public static boolean canPin() {
        return onlineCpus() >= 2 && onPath("taskset");
    }

    /**
     * The machine's CPUs, not this process's: {@code benchmarks/run} pins the load generator to one
     * CPU, so {@link Runtime#availableProcessors()} says 1 here even though the server's CPU exists
     * (and a child would inherit that one-CPU mask unless taskset moves it).
     */
    public static int onlineCpus() {
        try {
            int count = 0;
            for (String range : Files.readString(Path.of("/sys/devices/system/cpu/online")).trim().split(",")) {
                final String[] ends = range.split("-");
                count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
            }
            return count;
        } catch (IOException | RuntimeException notLinux) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** One line for the output saying how processes were placed on CPUs. */
    public static String pinning() {
        return canPin()
                ? "pinning: servers on CPU " + SERVER_CPU + ", load generator on CPU " + CLIENT_CPU
                : "pinning: NOT pinned (" + onlineCpus()
                        + " CPU(s) online, taskset " + (onPath("taskset") ? "present" : "missing")
                        + "); servers and load share cores, so ratios are noisier";
    }

    private static boolean onPath(String program) {
        final String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a server", e);
        }
    }
}
