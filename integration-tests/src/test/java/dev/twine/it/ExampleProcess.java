package dev.twine.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One example server from the packaged jar, run as the README runs it
 * ({@code java -jar examples/target/twine-examples.jar ...}), on a free port.
 */
public final class ExampleProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):([0-9]+)");

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private ExampleProcess(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("twine.examples.jar", "../examples/target/twine-examples.jar"));
        assertTrue(Files.isRegularFile(jar), "the examples jar is missing at " + jar.toAbsolutePath()
                + "; build it with mvn package (the reactor build does, before this module)");
        return jar;
    }

    /** Starts {@code java -jar twine-examples.jar <args> --port 0} and waits for its first line. */
    public static ExampleProcess start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /**
     * {@link #start(String...)}, with the process allowed at most {@code maxOpenFiles} file
     * descriptors ({@code ulimit -n}, through {@code /bin/sh}): a server that runs out of them.
     */
    public static ExampleProcess startWithOpenFileLimit(int maxOpenFiles, String... args) throws IOException {
        // "$0" "$@" are the java command line that follows, passed through unchanged.
        return start(List.of("/bin/sh", "-c", "ulimit -n " + maxOpenFiles + " && exec \"$0\" \"$@\""), List.of(),
                args);
    }

    /**
     * {@link #start(String...)}, with the server's heap held to {@code maxHeapMiB} ({@code -Xmx}):
     * a server that cannot hold what it is sent, and must drop it.
     */
    public static ExampleProcess startWithMaxHeap(int maxHeapMiB, String... args) throws IOException {
        return start(List.of(), List.of("-Xmx" + maxHeapMiB + "m"), args);
    }

    private static ExampleProcess start(List<String> launcher, String... args) throws IOException {
        return start(launcher, List.of(), args);
    }

    private static ExampleProcess start(List<String> launcher, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--port", "0"));
        Path log = Files.createTempFile("twine-example", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        Matcher m = first == null ? null : LISTENING.matcher(first);
        if (m == null || !m.matches()) {
            process.destroyForcibly();
            throw new AssertionError("expected 'listening on HOST:PORT', got " + first + "; stderr: "
                    + Files.readString(log));
        }
        return new ExampleProcess(process, new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))), log);
    }

    /** Runs the jar to completion (for command lines that must fail), returning exit code and output. */
    public static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Result(process.exitValue(), output);
    }

    public record Result(int exitCode, String output) {}

    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** What the server wrote to stderr so far, for failure messages. */
    public String stderr() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The server process's id (that of the JVM, which replaced the shell it was started through). */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }
}
