package director.tb.sched;

import director.tb.report.html.Charts;
import director.tb.report.html.HtmlReport;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The study as one self-contained HTML page ({@link HtmlReport}, charts by {@link Charts}): the settings and the
 * lockstep verdict, the command that repeats the study, mean delay and throughput against load, the table of results
 * and what the study is set against. Sections and charts have fixed ids: sections {@value #SETTINGS},
 * {@value #REPRODUCE}, {@value #DELAY}, {@value #THROUGHPUT}, {@value #RESULTS}, {@value #REFERENCES}; charts
 * {@value #DELAY_CHART} and {@value #THROUGHPUT_CHART}.
 */
public final class SchedStudyReport {
    private SchedStudyReport() {}

    /** The page's file name inside the report directory. */
    public static final String FILE = "sched-study.html";

    public static final String SETTINGS = "settings", REPRODUCE = "reproduce", DELAY = "delay", THROUGHPUT = "throughput",
            RESULTS = "results", REFERENCES = "references", DELAY_CHART = "mean-delay-chart", THROUGHPUT_CHART = "throughput-chart";

    /** Height of the delay chart: a log axis over several decades. */
    private static final int DELAY_HEIGHT = 560;

    /** Points of the output-queued formula's curve. */
    private static final int OQ_STEPS = 200;

    /** Writes {@code dir/sched-study.html} (the directory is made if missing); returns the file. */
    public static Path write(Path dir, SchedStudy.Config c, String command, List<StudyPoint> points, String failure,
                             double seconds) throws IOException {
        return build(c, command, points, failure, seconds).write(dir, FILE);
    }

    /** The page; {@code failure}: the lockstep failure that stopped the study, or null. */
    public static HtmlReport build(SchedStudy.Config c, String command, List<StudyPoint> points, String failure, double seconds) {
        HtmlReport page = new HtmlReport("iSLIP scheduler study: " + c.ports() + " x " + c.ports() + " input-queued switch, cell mode");
        long lockstep = points.stream().mapToLong(StudyPoint::lockstepSlots).sum();

        page.section(SETTINGS, "Study");
        if (failure == null)
            page.banner(HtmlReport.Tone.GOOD, "Lockstep: RTL and model matched alike",
                    "The RTL scheduler and the Java model were given the same requests and matched alike in every one of "
                            + lockstep + " slots (" + points.size() + " points).");
        else page.banner(HtmlReport.Tone.BAD, "Lockstep FAILED", failure);
        page.list(List.of(
                "Traffic: uniform i.i.d. Bernoulli arrivals, each slot each input receives a cell with probability = load, its "
                        + "output drawn uniformly; a VOQ per (input, output); one cell per matched pair and slot.",
                "Per point " + c.slots() + " measured slots after a warm-up of "
                        + (c.warmup() == SchedStudy.AUTO_WARMUP ? "max(20,000, 6N/(1-load)²) slots" : c.warmup() + " slots")
                        + "; the cells that arrive in the window are followed until they leave.",
                "Delay: " + StudyTables.DELAY_CONVENTION + ".",
                String.format(Locale.ROOT, "Seed %d (the same seed repeats the study exactly). Run time %.1f s.", c.seed(), seconds)));

        page.section(REPRODUCE, "Reproduce");
        page.code(command);
        page.note("The command line of this study with its seed " + c.seed() + ": it repeats every figure on this page.");

        page.section(DELAY, "Mean cell delay against load");
        page.chart(DELAY_CHART, delayChart(c, points));
        page.note("Markers: the RTL scheduler drives the switch; lines: the Java model drives its own copy (they agree slot by "
                + "slot, so the markers sit on the lines). Dashed: an ideal output-queued switch, 1 + (N-1)/N · p / (2(1-p)) slots.");

        page.section(THROUGHPUT, "Throughput against load");
        page.chart(THROUGHPUT_CHART, throughputChart(c, points));

        page.section(RESULTS, "Results");
        resultsTable(page, c, points);
        page.note("delay: mean cell delay in slots (RTL-driven switch); ±95%: half-width of the 95% interval (20 batch means); "
                + "dep/arr: departures / arrivals inside the window. Every figure per point, with departures per port and slot, "
                + "is in the JSON and CSV outputs.");

        page.section(REFERENCES, "What this is set against");
        page.paragraph(StudyTables.CITATION + ": the 16 x 16 switch under uniform i.i.d. Bernoulli arrivals, average cell latency "
                + "against offered load for iSLIP with 1, 2 and 4 iterations (and FIFO, PIM). The paper's curves were not available "
                + "as numbers, so no published curve points are drawn; its stated results are compared instead:");
        page.list(StudyTables.publishedChecks(c, points));
        page.paragraph(StudyTables.OQ_CITATION + ": the mean queueing delay of an N x N output-queued switch with Bernoulli "
                + "arrivals, (N-1)/N · p / (2(1-p)) slots, computed here (plus the slot of the crossing), and an output-queued "
                + "switch simulated on the same arrivals. No switch with speedup 1 has a lower mean delay.");
        return page;
    }

    /** A row per load: per iteration count delay, its interval and departures / arrivals; the output-queued delays. */
    private static void resultsTable(HtmlReport page, SchedStudy.Config c, List<StudyPoint> points) {
        List<HtmlReport.Group> groups = new ArrayList<>(List.of(new HtmlReport.Group("", 1)));
        List<String> headers = new ArrayList<>(List.of("load"));
        for (int k : c.iterations()) {
            groups.add(new HtmlReport.Group("iSLIP, " + k + (k == 1 ? " iteration" : " iterations"), 3));
            headers.addAll(List.of("delay", "±95%", "dep/arr"));
        }
        groups.add(new HtmlReport.Group("output queued", 2));
        headers.addAll(List.of("formula", "simulated"));
        List<List<?>> rows = new ArrayList<>();
        for (double load : c.loads()) {
            List<Object> row = new ArrayList<>(List.of(StudyTables.load(load)));
            StudyPoint any = null;
            for (int k : c.iterations()) {
                StudyPoint p = StudyTables.find(points, load, k);
                if (p == null) row.addAll(java.util.Arrays.asList(null, null, null));
                else {
                    any = p;
                    row.addAll(List.of(p.rtlMeanDelay(), p.rtlCi95(), HtmlReport.fixed(p.throughput(), 4)));
                }
            }
            row.add(OutputQueued.meanDelay(c.ports(), load));
            row.add(any == null ? null : any.oqSimMeanDelay());
            rows.add(row);
        }
        page.table(groups, headers, rows);
    }

    private static XYChart delayChart(SchedStudy.Config c, List<StudyPoint> points) {
        XYChart chart = Charts.linesAndPoints("Mean cell delay, " + c.ports() + " x " + c.ports() + " iSLIP, uniform Bernoulli",
                "offered load", "mean cell delay (slots, log)", DELAY_HEIGHT, true);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        for (int idx = 0; idx < c.iterations().size(); idx++) {
            int k = c.iterations().get(idx);
            List<Double> x = new ArrayList<>(), rtl = new ArrayList<>(), model = new ArrayList<>();
            for (double load : c.loads()) {
                StudyPoint p = StudyTables.find(points, load, k);
                if (p == null || !(p.rtlMeanDelay() > 0)) continue;  // a log axis: positive delays only
                x.add(load);
                rtl.add(p.rtlMeanDelay());
                model.add(p.modelMeanDelay());
            }
            if (x.isEmpty()) continue;
            Charts.line(chart, "model, " + k + " it.", array(x), array(model), false).setLineColor(Charts.color(idx));
            Charts.points(chart, "RTL, " + k + " it.", array(x), array(rtl)).setMarkerColor(Charts.color(idx));
        }
        // the output-queued formula on a fine grid over the study's loads
        double lo = c.loads().stream().mapToDouble(Double::doubleValue).min().orElse(0.1);
        double hi = c.loads().stream().mapToDouble(Double::doubleValue).max().orElse(0.99);
        double[] x = new double[OQ_STEPS + 1], y = new double[OQ_STEPS + 1];
        for (int s = 0; s <= OQ_STEPS; s++) {
            x[s] = lo + (hi - lo) * s / OQ_STEPS;
            y[s] = OutputQueued.meanDelay(c.ports(), x[s]);
        }
        Charts.reference(chart, "output queued (formula)", x, y);
        return chart;
    }

    private static XYChart throughputChart(SchedStudy.Config c, List<StudyPoint> points) {
        XYChart chart = Charts.linesAndPoints("Throughput: departures per output and slot", "offered load",
                "departures per output per slot", Charts.HEIGHT, false);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        Charts.reference(chart, "offered (100% throughput)", new double[] {0, 1}, new double[] {0, 1});
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
            Charts.points(chart, "RTL, " + k + " it.", array(x), array(y)).setMarkerColor(Charts.color(idx));
        }
        return chart;
    }

    private static double[] array(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
