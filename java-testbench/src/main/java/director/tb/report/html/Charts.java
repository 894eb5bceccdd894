package director.tb.report.html;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * XChart charts in the report's one style (white, grid, legend outside on the right), and the PNG bytes of a chart.
 * Charts are drawn off screen: AWT runs headless ({@code java.awt.headless=true}, set before AWT starts), so no display
 * is needed.
 */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    public static final int WIDTH = 960, HEIGHT = 440;

    /** Bars per category, one colour per series; {@code xTitle} and {@code yTitle} should name their units. */
    public static CategoryChart bars(String title, String xTitle, String yTitle) {
        return bars(title, xTitle, yTitle, HEIGHT);
    }

    public static CategoryChart bars(String title, String xTitle, String yTitle, int height) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setAvailableSpaceFill(0.8);
        c.getStyler().setOverlapped(false);
        return c;
    }

    /** Lines without markers; {@code xTitle} and {@code yTitle} should name their units. */
    public static XYChart lines(String title, String xTitle, String yTitle) {
        return lines(title, xTitle, yTitle, HEIGHT);
    }

    public static XYChart lines(String title, String xTitle, String yTitle, int height) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setMarkerSize(0);
        return c;
    }

    /** The size of a {@link #points} series' markers. */
    public static final int MARKER_SIZE = 7;

    /**
     * Lines and points on one plot: {@link #line} series as lines without markers, {@link #points} series as markers
     * alone (measurements drawn on a model's or a formula's lines); {@code logY}: a logarithmic y axis (every y must
     * then be positive), for a figure that grows by decades.
     */
    public static XYChart linesAndPoints(String title, String xTitle, String yTitle, int height, boolean logY) {
        XYChart c = lines(title, xTitle, yTitle, height);
        c.getStyler().setMarkerSize(MARKER_SIZE);
        c.getStyler().setYAxisLogarithmic(logY);
        return c;
    }

    /** A series of {@code chart} as circles without a line (on a {@link #linesAndPoints} chart: lines draw no markers). */
    public static XYSeries points(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    /** A reference curve (a formula, an ideal) of {@code chart}: a dashed dark line without markers. */
    public static XYSeries reference(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = line(chart, name, x, y, false);
        s.setLineColor(Color.DARK_GRAY);
        s.setLineStyle(SeriesLines.DASH_DASH);
        return s;
    }

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /** The {@code i}-th colour of a palette of 8 (then round again): one colour for series that belong together. */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** A height at which a legend of {@code entries} lines fits beside the plot. */
    public static int heightFor(int entries) {
        return Math.max(HEIGHT, 120 + 20 * entries);
    }

    /** A series of {@code chart} as a line without markers (a step line for a CDF: {@code step}). */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y, boolean step) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        if (step) s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        return s;
    }

    /**
     * The empirical CDF of {@code sorted} (ascending) scaled by {@code scale} (cycles to ns), at most {@code points}
     * points: x the value, y the fraction of samples at or below it. Empty arrays for no samples.
     */
    public static double[][] cdf(long[] sorted, double scale, int points) {
        int n = sorted.length;
        if (n == 0) return new double[][] {new double[0], new double[0]};
        int k = Math.min(n, points);
        double[] x = new double[k + 1], y = new double[k + 1];
        x[0] = sorted[0] * scale;
        y[0] = 0;
        for (int i = 1; i <= k; i++) {
            int idx = (int) Math.min(n - 1, Math.max(0, Math.ceil((double) i * n / k) - 1));
            x[i] = sorted[idx] * scale;
            y[i] = (idx + 1.0) / n;
        }
        return new double[][] {x, y};
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
        s.setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(new Color(0xcc, 0xcc, 0xcc));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLocale(Locale.ROOT);
        s.setChartTitleBoxVisible(false);
        s.setAntiAlias(true);
    }

    /** The chart drawn as a PNG. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("chart '" + chart.getTitle() + "' did not encode as PNG", e);
        }
    }

    /** The chart as a {@code data:image/png;base64,...} URI, for an {@code <img>} that needs no file beside the page. */
    public static String dataUri(Chart<?, ?> chart) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(chart));
    }

    /** The categories 0..n-1 as labels, for a chart per port. */
    public static List<String> indexLabels(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(Integer::toString).toList();
    }
}
