package dev.twine.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived program to its end and keeps what it printed. */
public final class Processes {

    /** A program's exit code and its standard output and error, interleaved. */
    public record Finished(int exitCode, String output) {}

    private Processes() {}

    /**
     * Runs {@code command}, its output going to a temporary file (so that however much it prints,
     * it never blocks on a full pipe), and kills it if it is still running after {@code timeout}.
     *
     * @throws IllegalStateException with its output so far when it has to be killed
     */
    public static Finished run(List<String> command, Duration timeout) {
        Path log = null;
        try {
            log = Files.createTempFile("twine-bench-run-", ".log");
            final Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + " still ran after "
                        + timeout.toSeconds() + " s:\n" + Files.readString(log));
            }
            return new Finished(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(log);
        }
    }

    /** The first line a program prints, for a header; what went wrong instead when it cannot run. */
    public static String firstLine(List<String> command) {
        try {
            final String output = run(command, Duration.ofSeconds(10)).output().strip();
            final int end = output.indexOf('\n');
            return end < 0 ? output : output.substring(0, end);
        } catch (RuntimeException e) {
            return "(" + String.join(" ", command) + " failed: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }
}
