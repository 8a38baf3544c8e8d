package dev.twine.benchmarks.echo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.DoubleFunction;

/**
 * One line chart with a logarithmic x axis, drawn with Java2D: the benchmark module has no plotting
 * library and a few axes and polylines do not need one. The y axis is logarithmic or linear from
 * zero. Each x value that occurs in the data gets a tick, labelled by the caller's formatter; a
 * missing (NaN) y breaks its line.
 */
final class Chart {

    /** One line: a name for the legend, a colour, and points in x order. */
    record Series(String name, Color color, double[] x, double[] y) {}

    private static final Color GRID = new Color(0xE0E0E0);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final int LEFT = 78;
    private static final int RIGHT = 20;
    private static final int TOP = 58;
    private static final int BOTTOM = 52;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final DoubleFunction<String> xTickLabel;
    private final List<Series> series = new ArrayList<>();

    Chart(String title, String xLabel, String yLabel, boolean logY, DoubleFunction<String> xTickLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
        this.xTickLabel = xTickLabel;
    }

    Chart add(Series line) {
        series.add(line);
        return this;
    }

    /** Draws the chart, title and labels included, inside {@code area}. */
    void draw(Graphics2D g, Rectangle area) {
        final Rectangle plot = new Rectangle(area.x + LEFT, area.y + TOP,
                area.width - LEFT - RIGHT, area.height - TOP - BOTTOM);
        final TreeSet<Double> xs = new TreeSet<>();
        double maxY = 0;
        double minY = Double.POSITIVE_INFINITY;
        for (Series line : series) {
            for (int i = 0; i < line.x().length; i++) {
                xs.add(line.x()[i]);
                if (line.y()[i] > 0) {
                    maxY = Math.max(maxY, line.y()[i]);
                    minY = Math.min(minY, line.y()[i]);
                }
            }
        }
        if (xs.isEmpty() || maxY == 0) {
            return;
        }
        final double pad = Math.max(0.15, 0.06 * (Math.log10(xs.last()) - Math.log10(xs.first())));
        final Axis x = new Axis(Math.log10(xs.first()) - pad, Math.log10(xs.last()) + pad);
        final Axis y = logY
                ? new Axis(Math.floor(Math.log10(minY)), Math.max(Math.ceil(Math.log10(maxY)), Math.floor(Math.log10(minY)) + 1))
                : new Axis(0, niceCeiling(maxY * 1.08));

        g.setFont(TEXT);
        final FontMetrics metrics = g.getFontMetrics();
        g.setColor(Color.WHITE);
        g.fill(area);

        // Grid and tick labels.
        g.setStroke(new BasicStroke(1f));
        for (double value : yTicks(y)) {
            final int py = plot.y + plot.height - (int) Math.round(y.fraction(logY ? Math.log10(value) : value) * plot.height);
            g.setColor(GRID);
            g.drawLine(plot.x, py, plot.x + plot.width, py);
            g.setColor(Color.DARK_GRAY);
            final String label = compact(value);
            g.drawString(label, plot.x - 8 - metrics.stringWidth(label), py + metrics.getAscent() / 2 - 1);
        }
        for (double value : xs) {
            final int px = plot.x + (int) Math.round(x.fraction(Math.log10(value)) * plot.width);
            g.setColor(GRID);
            g.drawLine(px, plot.y, px, plot.y + plot.height);
            g.setColor(Color.DARK_GRAY);
            final String label = xTickLabel.apply(value);
            g.drawString(label, px - metrics.stringWidth(label) / 2, plot.y + plot.height + 6 + metrics.getAscent());
        }
        g.setColor(Color.GRAY);
        g.draw(plot);

        // Lines with a marker at each point; a NaN leaves a gap.
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Series line : series) {
            g.setColor(line.color());
            final Path2D.Double path = new Path2D.Double();
            boolean drawing = false;
            for (int i = 0; i < line.x().length; i++) {
                final double value = line.y()[i];
                if (!(value > 0)) {
                    drawing = false;
                    continue;
                }
                final double px = plot.x + x.fraction(Math.log10(line.x()[i])) * plot.width;
                final double py = plot.y + plot.height - y.fraction(logY ? Math.log10(value) : value) * plot.height;
                if (drawing) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    drawing = true;
                }
                g.fillOval((int) Math.round(px) - 4, (int) Math.round(py) - 4, 8, 8);
            }
            g.draw(path);
        }

        // Legend in one row under the title, where no data can be.
        int lx = plot.x + (plot.width - legendWidth(metrics)) / 2;
        final int ly = area.y + 32;
        for (Series line : series) {
            g.setColor(line.color());
            g.drawLine(lx, ly + metrics.getAscent() / 2, lx + 20, ly + metrics.getAscent() / 2);
            g.setColor(Color.BLACK);
            g.drawString(line.name(), lx + 26, ly + metrics.getAscent());
            lx += legendEntryWidth(metrics, line);
        }

        // Title and axis labels.
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        final FontMetrics titleMetrics = g.getFontMetrics();
        g.drawString(title, plot.x + (plot.width - titleMetrics.stringWidth(title)) / 2, area.y + 22);
        g.setFont(TEXT);
        g.drawString(xLabel, plot.x + (plot.width - metrics.stringWidth(xLabel)) / 2, area.y + area.height - 10);
        final AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(plot.y + (plot.height + metrics.stringWidth(yLabel)) / 2), area.x + 16);
        g.setTransform(saved);
    }

    private int legendWidth(FontMetrics metrics) {
        int width = 0;
        for (Series line : series) {
            width += legendEntryWidth(metrics, line);
        }
        return width;
    }

    private static int legendEntryWidth(FontMetrics metrics, Series line) {
        return 26 + metrics.stringWidth(line.name()) + 24;
    }

    private List<Double> yTicks(Axis y) {
        final List<Double> ticks = new ArrayList<>();
        if (logY) {
            final boolean fine = y.high - y.low <= 2; // few decades: 2 and 5 times each decade too
            for (int decade = (int) y.low; decade <= (int) y.high; decade++) {
                final double base = Math.pow(10, decade);
                ticks.add(base);
                if (fine && decade < (int) y.high) {
                    ticks.add(2 * base);
                    ticks.add(5 * base);
                }
            }
        } else {
            final double step = y.high / 5;
            for (int i = 0; i <= 5; i++) {
                ticks.add(i * step);
            }
        }
        return ticks;
    }

    /** The smallest 1, 2 or 5 times a power of ten, times five, that is at least {@code value}: five even steps. */
    private static double niceCeiling(double value) {
        final double step = value / 5;
        final double magnitude = Math.pow(10, Math.floor(Math.log10(step)));
        for (double nice : new double[] {1, 2, 2.5, 5, 10}) {
            if (nice * magnitude >= step) {
                return 5 * nice * magnitude;
            }
        }
        return value;
    }

    /** {@code 250}, {@code 2.5k}, {@code 40k}, {@code 1M}. */
    static String compact(double value) {
        if (value >= 1e6) {
            return trim(value / 1e6) + "M";
        }
        if (value >= 1e3) {
            return trim(value / 1e3) + "k";
        }
        return trim(value);
    }

    private static String trim(double value) {
        final String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /** A linear range on the drawn scale (already log10 for a log axis). */
    private record Axis(double low, double high) {
        double fraction(double value) {
            return (value - low) / (high - low);
        }
    }
}
