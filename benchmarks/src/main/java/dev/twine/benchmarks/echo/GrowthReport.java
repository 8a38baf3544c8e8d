package dev.twine.benchmarks.echo;

import dev.twine.benchmarks.harness.RunMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes the growth runs down: every point as CSV and both sweeps as markdown tables under
 * {@code benchmarks/results/} ({@code growth-<mode>.csv}, {@code growth-<mode>.md}), the tables on
 * standard output too, and the plots under {@code docs/benchmarks/} ({@link GrowthPlot}).
 */
final class GrowthReport {

    private GrowthReport() {}

    static void write(List<Growth.Point> points, RunMode mode) {
        final String name = "growth-" + mode.name().toLowerCase(Locale.ROOT);
        final Path root = repositoryRoot();
        final String markdown = String.format(Locale.ROOT,
                "Echo growth, %s run of %s on Java %s: Twine and Netty (one event loop), closed-loop%n"
                        + "request/response on loopback, server pinned to CPU 0 and load generator to CPU 1 when possible.%n%n",
                mode.name().toLowerCase(Locale.ROOT),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC)),
                Runtime.version()) + markdown(points);
        System.out.println();
        System.out.print(markdown);
        try {
            final Path results = Files.createDirectories(root.resolve("benchmarks").resolve("results"));
            Files.writeString(results.resolve(name + ".csv"), csv(points));
            Files.writeString(results.resolve(name + ".md"), markdown);
            final Path docs = Files.createDirectories(root.resolve("docs").resolve("benchmarks"));
            for (Growth.Sweep sweep : Growth.Sweep.values()) {
                GrowthPlot.write(points, sweep, docs.resolve("growth-" + sweep.label + ".png"));
            }
            System.out.println("growth: wrote benchmarks/results/" + name + ".csv, .md and docs/benchmarks/growth-*.png");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the growth results under " + root, e);
        }
    }

    static String csv(List<Growth.Point> points) {
        final StringBuilder csv = new StringBuilder(
                "sweep,server,connections,frame_bytes,requests_per_s,p50_us,p99_us,payload_mb_per_s,"
                        + "server_us_per_request,client_us_per_request,server_cpu,client_cpu\n");
        for (Growth.Point p : points) {
            final LoadResult r = p.result();
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,", p.sweep().label, p.peer().label, p.connections(), p.frameBytes()));
            csv.append(r == null ? ",,,,,,,\n" : String.format(Locale.ROOT, "%.0f,%.1f,%.1f,%.2f,%.2f,%.2f,%.3f,%.3f%n",
                    r.requestsPerSecond(), r.p50Micros(), r.p99Micros(), r.requestsPerSecond() * p.frameBytes() / 1e6,
                    r.serverMicrosPerRequest(), r.clientMicrosPerRequest(), r.serverCpu(), r.clientCpu()));
        }
        return csv.toString();
    }

    /** One table per sweep: a row per load, Twine and Netty side by side. */
    static String markdown(List<Growth.Point> points) {
        final StringBuilder md = new StringBuilder();
        for (Growth.Sweep sweep : Growth.Sweep.values()) {
            md.append(sweep == Growth.Sweep.CONNECTIONS
                    ? "Growth with connections (" + bytes(EchoComparisons.FRAME_BYTES) + " frames)\n\n"
                    : "Growth with frame size (" + EchoComparisons.CONNECTIONS + " connections)\n\n");
            md.append("| ").append(sweep == Growth.Sweep.CONNECTIONS ? "connections" : "frame")
                    .append(" | Twine req/s | Netty req/s | Twine/Netty | Twine p99 µs | Netty p99 µs"
                            + " | Twine p50 µs | Netty p50 µs | Twine CPU µs/req | Netty CPU µs/req |\n")
                    .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Growth.Point twine : points) {
                if (twine.sweep() != sweep || twine.peer() != EchoPeer.TWINE) {
                    continue;
                }
                final LoadResult ours = twine.result();
                final LoadResult netty = points.stream()
                        .filter(p -> p.sweep() == sweep && p.peer() == EchoPeer.NETTY && p.x() == twine.x())
                        .map(Growth.Point::result).findFirst().orElse(null);
                md.append("| ").append(sweep == Growth.Sweep.CONNECTIONS ? String.format(Locale.ROOT, "%,d", twine.x()) : bytes(twine.x()))
                        .append(cell(ours, LoadResult::requestsPerSecond)).append(cell(netty, LoadResult::requestsPerSecond))
                        .append(" | ").append(ours == null || netty == null ? "–"
                                : String.format(Locale.ROOT, "%.2f", ours.requestsPerSecond() / netty.requestsPerSecond()))
                        .append(cell(ours, LoadResult::p99Micros)).append(cell(netty, LoadResult::p99Micros))
                        .append(cell(ours, LoadResult::p50Micros)).append(cell(netty, LoadResult::p50Micros))
                        .append(cell(ours, LoadResult::serverMicrosPerRequest)).append(cell(netty, LoadResult::serverMicrosPerRequest))
                        .append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** {@code 16 B}, {@code 4 KiB}, {@code 1 MiB}. */
    static String bytes(long n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n >= 1 << 10 && n % (1 << 10) == 0) {
            return (n >> 10) + " KiB";
        }
        return n + " B";
    }

    /** {@code " | 12,345"}: one table cell, "failed" for a run that did not complete. */
    private static String cell(LoadResult result, java.util.function.ToDoubleFunction<LoadResult> metric) {
        if (result == null) {
            return " | failed";
        }
        final double value = metric.applyAsDouble(result);
        return " | " + (value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value));
    }

    /**
     * The checkout this run belongs to: the jar lives in {@code <root>/benchmarks/target/}; the
     * classes directory, in a development run, one level deeper. {@code -Dtwine.repo=DIR} overrides.
     */
    static Path repositoryRoot() {
        final String override = System.getProperty("twine.repo");
        if (override != null) {
            return Path.of(override);
        }
        for (Path dir = EchoPeer.benchmarkJar().toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("benchmarks")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }
}
