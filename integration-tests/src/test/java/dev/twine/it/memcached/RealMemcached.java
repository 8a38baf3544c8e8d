package dev.twine.it.memcached;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Debian's own memcached, on a free loopback port, for as long as a test needs it. */
final class RealMemcached implements AutoCloseable {

    private final Process process;
    private final InetSocketAddress address;

    private RealMemcached(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /**
     * Starts it and returns once it accepts connections. memcached cannot report a port it picked,
     * so this picks one that is free now. Under {@code -vv} memcached says
     * {@code server listening} once its socket listens: that line, not a sleep, is the signal.
     */
    static RealMemcached start() throws IOException {
        // The port is free when picked but may be taken before memcached binds it: then try another.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnAFreePort();
            } catch (AssertionError exitedEarly) {
                if (attempt == 3) {
                    throw exitedEarly;
                }
            }
        }
    }

    private static RealMemcached startOnAFreePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            port = probe.getLocalPort();
        }
        // -u: as root memcached refuses to start without a user to run as; as anyone else it ignores it.
        Process process = new ProcessBuilder(Executables.find("memcached", "memcached"), "-u",
                System.getProperty("user.name"), "-l", loopback.getHostAddress(), "-p", Integer.toString(port),
                "-U", "0", "-vv").redirectErrorStream(true).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            if (line.contains("server listening")) {
                drainInTheBackground(log);
                return new RealMemcached(process, new InetSocketAddress(loopback, port));
            }
            seen.append(line).append('\n');
        }
        process.destroyForcibly();
        throw new AssertionError("memcached exited before it listened on port " + port + ":\n" + seen);
    }

    /** Keeps reading what -vv logs of every command, so that memcached never blocks on a full pipe. */
    private static void drainInTheBackground(BufferedReader log) {
        Thread drain = new Thread(() -> {
            try {
                log.transferTo(Writer.nullWriter());
            } catch (IOException gone) {
                // memcached has exited: nothing left to drain.
            }
        }, "memcached-log");
        drain.setDaemon(true);
        drain.start();
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
