package dev.twine.benchmarks.echo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * One PNG per sweep, three panels — throughput, p99 latency, and the server's CPU time per request
 * (the figure a busy shared machine disturbs least) — with Twine and Netty as two lines and the load
 * on a logarithmic x axis.
 */
final class GrowthPlot {

    private static final int PANEL_WIDTH = 600;
    private static final int HEIGHT = 440;
    private static final Color TWINE = new Color(0x1F77B4);
    private static final Color NETTY = new Color(0xFF7F0E);

    private GrowthPlot() {}

    static void write(List<Growth.Point> points, Growth.Sweep sweep, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        final boolean byConnections = sweep == Growth.Sweep.CONNECTIONS;
        final String load = byConnections
                ? "connections (" + GrowthReport.bytes(EchoComparisons.FRAME_BYTES) + " frames)"
                : "frame size (" + EchoComparisons.CONNECTIONS + " connections)";
        final java.util.function.DoubleFunction<String> tick = byConnections
                ? value -> Chart.compact(value)
                : value -> GrowthReport.bytes((long) value);
        // Throughput barely moves with connections (linear shows the difference) but falls by
        // orders of magnitude with frame size (log).
        final Chart throughput = lines(new Chart("Requests per second vs " + sweep.label.replace('-', ' '),
                load, "requests/s", !byConnections, tick), points, sweep, LoadResult::requestsPerSecond);
        final Chart p99 = lines(new Chart("p99 latency vs " + sweep.label.replace('-', ' '),
                load, "p99 latency (µs)", true, tick), points, sweep, LoadResult::p99Micros);
        final Chart cpu = lines(new Chart("Server CPU per request vs " + sweep.label.replace('-', ' '),
                load, "server CPU time per request (µs)", true, tick), points, sweep, LoadResult::serverMicrosPerRequest);

        final List<Chart> panels = List.of(throughput, p99, cpu);
        final BufferedImage image = new BufferedImage(panels.size() * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            for (int i = 0; i < panels.size(); i++) {
                panels.get(i).draw(g, new Rectangle(i * PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT));
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static Chart lines(Chart chart, List<Growth.Point> points, Growth.Sweep sweep,
            ToDoubleFunction<LoadResult> metric) {
        return chart.add(series("Twine", TWINE, EchoPeer.TWINE, points, sweep, metric))
                .add(series("Netty (1 event loop)", NETTY, EchoPeer.NETTY, points, sweep, metric));
    }

    private static Chart.Series series(String name, Color color, EchoPeer peer, List<Growth.Point> points,
            Growth.Sweep sweep, ToDoubleFunction<LoadResult> metric) {
        final List<Growth.Point> mine = points.stream()
                .filter(p -> p.sweep() == sweep && p.peer() == peer).toList();
        final double[] x = new double[mine.size()];
        final double[] y = new double[mine.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = mine.get(i).x();
            y[i] = mine.get(i).result() == null ? Double.NaN : metric.applyAsDouble(mine.get(i).result());
        }
        return new Chart.Series(name, color, x, y);
    }
}
