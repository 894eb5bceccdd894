package director.tb.sched;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The study as one self-contained HTML page: the charts as PNG data URIs (XChart), inline CSS, no other file. Kept
 * apart from the generic report builder (report/html) until the two are merged.
 */
public final class SchedStudyReport {
    private SchedStudyReport() {}

    /** The page's file name inside the report directory. */
    public static final String FILE = "sched-study.html";

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)};

    /** Writes {@code dir/sched-study.html} (the directory is made if missing); returns the file. */
    public static Path write(Path dir, SchedStudy.Config c, String command, List<StudyPoint> points, String failure,
                             double seconds) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        Files.writeString(file, html(c, command, points, failure, seconds), StandardCharsets.UTF_8);
        return file;
    }

    /** The page. */
    public static String html(SchedStudy.Config c, String command, List<StudyPoint> points, String failure, double seconds)
            throws IOException {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        long lockstep = points.stream().mapToLong(StudyPoint::lockstepSlots).sum();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>iSLIP scheduler study, ")
                .append(c.ports()).append(" ports</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em auto;max-width:72em;color:#222;line-height:1.4}\n")
                .append("h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}\n")
                .append("table{border-collapse:collapse;font-size:.9em}th,td{border:1px solid #bbb;padding:.25em .6em;text-align:right}\n")
                .append("th{background:#eee}td.l{text-align:left}code{background:#f4f4f4;padding:0 .2em}\n")
                .append(".pass{color:#1a7f37;font-weight:bold}.fail{color:#c00;font-weight:bold}img{max-width:100%}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>iSLIP scheduler study: ").append(c.ports()).append(" x ").append(c.ports())
                .append(" input-queued switch, cell mode</h1>\n");
        h.append("<p><code>").append(esc(command)).append("</code></p>\n<ul>\n");
        h.append("<li>Traffic: uniform i.i.d. Bernoulli arrivals, each slot each input receives a cell with probability = load, its output drawn uniformly; a VOQ per (input, output); one cell per matched pair and slot.</li>\n");
        h.append("<li>Per point ").append(c.slots()).append(" measured slots after a warm-up of ")
                .append(c.warmup() == SchedStudy.AUTO_WARMUP ? "max(20,000, 6N/(1-load)<sup>2</sup>) slots" : c.warmup() + " slots")
                .append("; the cells that arrive in the window are followed until they leave. Seed ").append(c.seed())
                .append(" (the same seed repeats the study exactly). Run time ").append(String.format(Locale.ROOT, "%.1f", seconds)).append(" s.</li>\n");
        h.append("<li>Delay: ").append(esc(StudyTables.DELAY_CONVENTION)).append(".</li>\n");
        h.append("<li>Lockstep: ");
        if (failure == null)
            h.append("<span class=\"pass\">the RTL scheduler and the Java model were given the same requests and matched alike in every one of ")
                    .append(lockstep).append(" slots</span>");
        else h.append("<span class=\"fail\">").append(esc(failure)).append("</span>");
        h.append("</li>\n</ul>\n");

        h.append("<h2>Mean cell delay against load</h2>\n");
        h.append(img(delayChart(c, points), "mean cell delay against load"));
        h.append("<p>Markers: the RTL scheduler drives the switch; lines: the Java model drives its own copy (they agree slot by slot, so the markers sit on the lines). Dashed: an ideal output-queued switch, 1 + (N-1)/N &middot; p / (2(1-p)) slots.</p>\n");
        h.append("<h2>Throughput against load</h2>\n");
        h.append(img(throughputChart(c, points), "throughput against load"));

        h.append("<h2>Results</h2>\n<table>\n<tr><th rowspan=\"2\">load</th>");
        for (int k : c.iterations()) h.append("<th colspan=\"3\">iSLIP, ").append(k).append(k == 1 ? " iteration" : " iterations").append("</th>");
        h.append("<th colspan=\"2\">output queued</th></tr>\n<tr>");
        for (int ignored : c.iterations()) h.append("<th>delay</th><th>&plusmn;95%</th><th>dep/arr</th>");
        h.append("<th>formula</th><th>simulated</th></tr>\n");
        for (double load : c.loads()) {
            h.append("<tr><td>").append(StudyTables.load(load)).append("</td>");
            StudyPoint any = null;
            for (int k : c.iterations()) {
                StudyPoint p = StudyTables.find(points, load, k);
                if (p == null) h.append("<td>-</td><td>-</td><td>-</td>");
                else {
                    any = p;
                    h.append(td("%.3f", p.rtlMeanDelay())).append(td("%.3f", p.rtlCi95())).append(td("%.4f", p.throughput()));
                }
            }
            h.append(td("%.3f", OutputQueued.meanDelay(c.ports(), load)));
            h.append(any == null ? "<td>-</td>" : td("%.3f", any.oqSimMeanDelay()));
            h.append("</tr>\n");
        }
        h.append("</table>\n<p>delay: mean cell delay in slots (RTL-driven switch); &plusmn;95%: half-width of the 95% interval (20 batch means); dep/arr: departures / arrivals inside the window. Every figure per point, with departures per port and slot, is in the JSON and CSV outputs.</p>\n");

        h.append("<h2>What this is set against</h2>\n<ul>\n");
        h.append("<li>").append(esc(StudyTables.CITATION)).append(": the 16 x 16 switch under uniform i.i.d. Bernoulli arrivals, average cell latency against offered load for iSLIP with 1, 2 and 4 iterations (and FIFO, PIM). The paper's curves were not available as numbers, so no published curve points are drawn; its stated results are compared instead:<ul>\n");
        for (String line : StudyTables.publishedChecks(c, points)) h.append("<li>").append(esc(line)).append("</li>\n");
        h.append("</ul></li>\n");
        h.append("<li>").append(esc(StudyTables.OQ_CITATION)).append(": the mean queueing delay of an N x N output-queued switch with Bernoulli arrivals, (N-1)/N &middot; p / (2(1-p)) slots, computed here (plus the slot of the crossing), and an output-queued switch simulated on the same arrivals. No switch with speedup 1 has a lower mean delay.</li>\n");
        h.append("</ul>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String td(String fmt, double v) {
        return "<td>" + (Double.isFinite(v) ? String.format(Locale.ROOT, fmt, v) : "-") + "</td>";
    }

    private static XYChart delayChart(SchedStudy.Config c, List<StudyPoint> points) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title("Mean cell delay, " + c.ports() + " x " + c.ports() + " iSLIP, uniform Bernoulli")
                .xAxisTitle("offered load").yAxisTitle("mean cell delay (slots, log)").build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        for (int idx = 0; idx < c.iterations().size(); idx++) {
            int k = c.iterations().get(idx);
            List<Double> x = new ArrayList<>(), rtl = new ArrayList<>(), model = new ArrayList<>();
            for (double load : c.loads()) {
                StudyPoint p = StudyTables.find(points, load, k);
                if (p == null || !(p.rtlMeanDelay() > 0)) continue;
                x.add(load);
                rtl.add(p.rtlMeanDelay());
                model.add(p.modelMeanDelay());
            }
            if (x.isEmpty()) continue;
            Color col = COLORS[idx % COLORS.length];
            XYSeries m = chart.addSeries("model, " + k + " it.", x, model);
            m.setMarker(SeriesMarkers.NONE);
            m.setLineColor(col);
            XYSeries r = chart.addSeries("RTL, " + k + " it.", x, rtl);
            r.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            r.setMarker(SeriesMarkers.CIRCLE);
            r.setMarkerColor(col);
        }
        addOqCurve(chart, c);
        return chart;
    }

    /** The output-queued formula on a fine grid over the study's loads. */
    private static void addOqCurve(XYChart chart, SchedStudy.Config c) {
        double lo = c.loads().stream().mapToDouble(Double::doubleValue).min().orElse(0.1);
        double hi = c.loads().stream().mapToDouble(Double::doubleValue).max().orElse(0.99);
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        int steps = 200;
        for (int s = 0; s <= steps; s++) {
            double p = lo + (hi - lo) * s / steps;
            x.add(p);
            y.add(OutputQueued.meanDelay(c.ports(), p));
        }
        if (x.size() < 2) return;
        XYSeries oq = chart.addSeries("output queued (formula)", x, y);
        oq.setMarker(SeriesMarkers.NONE);
        oq.setLineColor(Color.BLACK);
        oq.setLineStyle(SeriesLines.DASH_DASH);
    }

    private static XYChart throughputChart(SchedStudy.Config c, List<StudyPoint> points) {
        XYChart chart = new XYChartBuilder().width(900).height(420).title("Throughput: departures per output and slot")
                .xAxisTitle("offered load").yAxisTitle("departures per output per slot").build();
        style(chart);
        List<Double> diag = new ArrayList<>(List.of(0.0, 1.0));
        XYSeries d = chart.addSeries("offered (100% throughput)", diag, diag);
        d.setMarker(SeriesMarkers.NONE);
        d.setLineColor(Color.GRAY);
        d.setLineStyle(SeriesLines.DASH_DASH);
        for (int idx = 0; idx < c.iterations().size(); idx++) {
            int k = c.iterations().get(idx);
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (double load : c.loads()) {
                StudyPoint p = StudyTables.find(points, load, k);
                if (p == null) continue;
                x.add(load);
                y.add(p.departuresPerSlotPerPort());
            }
            if (x.isEmpty()) continue;
            XYSeries r = chart.addSeries("RTL, " + k + " it.", x, y);
            r.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            r.setMarker(SeriesMarkers.CIRCLE);
            r.setMarkerColor(COLORS[idx % COLORS.length]);
        }
        return chart;
    }

    private static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        chart.getStyler().setMarkerSize(7);
    }

    private static String img(XYChart chart, String alt) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        return "<p><img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"></p>\n";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
