package dev.twine.benchmarks.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers of the echo comparison and how to start each one as its own process. All of them
 * speak the same protocol (a 4-byte big-endian length, then the body; the frame comes back the
 * same way), listen on {@value #HOST} with a backlog of {@value #BACKLOG}, disable Nagle's
 * algorithm, and accept bodies of up to {@value #MAX_BODY_BYTES} bytes.
 *
 * <p>The JVM servers get identical heap and collector settings. The JVM sees one CPU once
 * {@code taskset} pins it, and would pick the serial collector by itself then; saying so on the
 * command line keeps JDK 17 and JDK 25 from choosing differently.
 */
enum EchoPeer {

    /** The echo example that ships with Twine: a reactor, a connection table, {@code LengthPrefixed.int32}. */
    TWINE("twine") {
        @Override
        List<String> command(int port) {
            return twine(port, 1);
        }
    },
    /** {@link NettyEchoServer}: one event-loop thread. */
    NETTY("netty") {
        @Override
        List<String> command(int port) {
            // Netty at its best: no leak-detection sampling, and the JDK internals it optimises with opened.
            return java(jdk17(), List.of("-Dio.netty.leakDetection.level=disabled",
                    "-Dio.netty.tryReflectionSetAccessible=true",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"),
                    NettyEchoServer.class.getName(), Integer.toString(port), Integer.toString(MAX_BODY_BYTES));
        }
    },
    /** {@link VirtualThreadEchoServer}, on the Java 25 JDK. */
    VTHREADS("vthreads") {
        @Override
        List<String> command(int port) {
            return java(jdk25(), List.of(), VirtualThreadEchoServer.class.getName(), Integer.toString(port),
                    Integer.toString(MAX_BODY_BYTES));
        }
    },
    /** Twisted's {@code Int32StringReceiver} under Debian's Python, where {@code python3-twisted} lives. */
    TWISTED("twisted") {
        @Override
        List<String> command(int port) {
            return List.of(PYTHON, twistedScript().toString(), Integer.toString(port), Integer.toString(MAX_BODY_BYTES));
        }
    };

    static final String HOST = "127.0.0.1";

    static final int BACKLOG = 1024;

    /** The largest body any server accepts: the growth runs go up to 1 MiB frames. */
    static final int MAX_BODY_BYTES = 1 << 20;

    /** Debian's interpreter, named explicitly: an earlier {@code python3} on PATH may lack Twisted. */
    static final String PYTHON = "/usr/bin/python3";

    /** Where the Java 21+ JDK for the virtual-thread server lives; {@code -Dtwine.jdk25=DIR} overrides. */
    static final String JDK25_HOME = System.getProperty("twine.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64");

    private static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseSerialGC");

    /** The name the RESULT lines and tables use. */
    final String label;

    EchoPeer(String label) {
        this.label = label;
    }

    /** The command line that runs this server on {@code port} in the foreground. */
    abstract List<String> command(int port);

    /** The Twine echo example with {@code reactors} reactor threads ({@code --threads}). */
    static List<String> twine(int port, int reactors) {
        return java(jdk17(), List.of(), "dev.twine.examples.Main", "echo", "--port", Integer.toString(port),
                "--max-length", Integer.toString(MAX_BODY_BYTES), "--threads", Integer.toString(reactors));
    }

    /** Why this server cannot run on this machine, or {@code null} if it can. */
    String missing() {
        return switch (this) {
            case VTHREADS -> Files.isExecutable(Path.of(JDK25_HOME, "bin", "java")) ? null
                    : "the virtual-thread server needs a Java 21+ JDK at " + JDK25_HOME
                            + " (install Temurin 25 there or pass -Dtwine.jdk25=DIR)";
            case TWISTED -> twistedImports() ? null
                    : "the Twisted server needs Twisted for " + PYTHON + ": apt-get install python3-twisted";
            default -> null;
        };
    }

    private static boolean twistedImports() {
        try {
            final Process probe = new ProcessBuilder(PYTHON, "-c", "import twisted.protocols.basic")
                    .redirectErrorStream(true).start();
            probe.getInputStream().transferTo(OutputStream.nullOutputStream());
            return probe.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> java(Path javaHome, List<String> extraOptions, String mainClass, String... args) {
        final List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(extraOptions);
        command.addAll(List.of("-cp", benchmarkJar().toString(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** The JDK running the comparison: the project's Java 17. */
    private static Path jdk17() {
        return Path.of(System.getProperty("java.home"));
    }

    private static Path jdk25() {
        return Path.of(JDK25_HOME);
    }

    /** The shaded jar (or classes directory) this class was loaded from; it holds every Java server. */
    static Path benchmarkJar() {
        try {
            return Path.of(EchoPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmark jar", e);
        }
    }

    /** The Twisted server, copied out of the jar once so that Python can run it. */
    private static Path twistedScript() {
        return TwistedScript.FILE;
    }

    /** Holds the extracted script; the JVM initialises it on first use, once. */
    private static final class TwistedScript {
        static final Path FILE = extract();

        private static Path extract() {
            try (InputStream script = EchoPeer.class.getResourceAsStream("twisted_echo_server.py")) {
                if (script == null) {
                    throw new IllegalStateException("twisted_echo_server.py is missing from the benchmark jar");
                }
                final Path file = Files.createTempFile("twine-twisted-echo-", ".py");
                file.toFile().deleteOnExit();
                Files.copy(script, file, StandardCopyOption.REPLACE_EXISTING);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the Twisted server script", e);
            }
        }
    }
}
