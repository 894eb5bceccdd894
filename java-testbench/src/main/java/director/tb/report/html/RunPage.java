package director.tb.report.html;

import director.tb.check.LatencyGroups;
import director.tb.check.LatencyStats;
import director.tb.model.DropReason;
import director.tb.model.SwitchConfig;
import director.tb.report.RunReport;
import director.tb.run.GatewayStats;
import director.tb.run.RunResult;
import director.tb.run.WindowMeters;
import director.tb.check.WorkConservation;
import director.tb.run.ThroughputSeries;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report of one run (run, replay): verdict, reproduce command, settings, per-port Gb/s, throughput over time,
 * latency CDFs per VL and per protocol, drops by reason, VL shares against weights, the gateway's protocols, and every
 * figure of the run's JSON. Charts have fixed ids (the browser test finds them by them): {@value #PORTS},
 * {@value #THROUGHPUT}, {@value #LATENCY_VL}, {@value #LATENCY_PROTOCOL}, {@value #DROPS}, {@value #VL_SHARES}.
 */
public final class RunPage {
    private RunPage() {}

    public static final String WIRE = "wire-gbps";
    public static final String PORTS = "per-port-gbps", THROUGHPUT = "throughput-over-time", LATENCY_VL = "latency-cdf-vl",
            LATENCY_PROTOCOL = "latency-cdf-protocol", DROPS = "drops-by-reason", VL_SHARES = "vl-shares";

    /** Points per CDF line: plenty for a 900-pixel-wide plot. */
    private static final int CDF_POINTS = 400;

    /**
     * The page. {@code command}: the command line that repeats the run; {@code figures}: the run's JSON (every scalar in
     * it appears in the figures table, so a figure added to the JSON later shows up with no change here).
     */
    public static HtmlReport build(String title, RunResult r, RunReport.Verdict verdict, String command, Map<String, ?> figures) {
        HtmlReport page = new HtmlReport(title);
        SwitchConfig cfg = SwitchConfig.of(r.config().params());

        page.section("verdict", "Verdict");
        page.banner(verdict.passed() ? HtmlReport.Tone.GOOD : verdict.result().equals("FAIL") ? HtmlReport.Tone.BAD : HtmlReport.Tone.NEUTRAL,
                "RESULT: " + verdict.result(), verdict.reason());
        page.paragraph(String.format(Locale.ROOT, "%d frames offered, %d delivered; %d mismatches, %d lost; drops %s.",
                r.offeredFrames(), r.deliveredFrames(), r.mismatches(), r.lost(),
                r.dropsPredicted().equals(r.dropsCounted()) ? "as the golden model predicted" : "DIFFER from the golden model's prediction"));

        page.section("reproduce", "Reproduce");
        page.code(command);
        page.note("The command line as given, with the seed the run used: it repeats this run bit for bit.");

        page.section("settings", "Settings");
        page.table(List.of("setting", "value"), settings(r));

        page.section("ports", "Per-port throughput");
        page.chart(PORTS, portBars(r, cfg));
        page.table(List.of("port", "kind", "offered Gb/s", "accepted Gb/s", "expected Gb/s", "ideal OQ (window) Gb/s",
                "delivered (window) Gb/s", "delivered (all) Gb/s", "status"), portRows(r, cfg));
        page.note("Offered: what the source put on each input's line inside the window; accepted: what the director took in "
                + "(beat-exact); delivered: what each output sent, inside the window and in all (window and drain); ideal OQ: an "
                + "ideal output-queued switch fed the same packets.");

        page.section("wire", "Line rate and work conservation");
        WindowMeters w = r.meters();
        if (w == null) page.note("No wire meters (the model faulted before the window ended).");
        else {
            WorkConservation wc = WorkConservation.of(w, cfg);
            double ns = r.nsPerCycle(), in = w.aggregateInGbps(ns), out = w.aggregateOutGbps(ns);
            page.paragraph(String.format(Locale.ROOT, "Aggregate, as the wires count it, model cycles %d..%d (after a warm-up of %d "
                            + "cycles): in %.2f Gb/s + out %.2f Gb/s = %.2f Gb/s of %.0f at line rate (%d ports x %.0f Gb/s x 2). "
                            + "Work conserving: %s.", w.from(), w.to(), r.config().warmup(), in, out, in + out,
                    2 * cfg.ports() * cfg.lineGbps(), cfg.ports(), cfg.lineGbps(), wc.conserving() ? "yes" : "NO: " + String.join("; ", wc.offenders())));
            page.chart(WIRE, wireBars(w, cfg, ns));
            List<List<?>> rows = new ArrayList<>();
            for (int p = 0; p < cfg.ports(); p++)
                rows.add(List.of(p, kind(cfg, p), fixed(w.inGbps(p, ns)), fixed(w.outGbps(p, ns)),
                        fixed(w.demandRatio(p, cfg.lineBytesPerCycle())), wc.idleWithWork()[p], wc.transit()[p], wc.inputsBusy()[p],
                        wc.unexplained()[p], wc.transitMaxRun()[p] + " / " + wc.transitBound()[p], wc.conserving(p) ? "yes" : "NO"));
            page.table(List.of("port", "kind", "in Gb/s (wire)", "out Gb/s (wire)", "demand (x line)", "idle with work",
                    "in transit", "inputs busy", "unexplained", "longest transit run / bound", "work conserving"), rows);
            page.note("Wire bytes: InfiniBand packet bytes, an Ethernet frame plus " + SwitchConfig.ETH_OVERHEAD
                    + " (preamble, SFD, gap), an FC frame plus " + SwitchConfig.FC_OVERHEAD + " "
                    + "(SOF, EOF, idles). Demand: the wire bytes the traffic asked of the output in the window over its line. Idle "
                    + "with work: cycles the output's link could take a beat and got none while a whole packet for it waited; in "
                    + "transit and inputs busy are what the design explains, unexplained must be 0 (docs/work-conservation.md).");
        }

        page.section("throughput", "Throughput over time");
        ThroughputSeries t = r.throughput();
        if (t == null || t.isEmpty()) page.note("No per-frame figures (a run without the checker and captures counts only totals).");
        else {
            page.chart(THROUGHPUT, throughputLines(r, cfg));
            page.note(String.format(Locale.ROOT, "Each delivered frame's bytes spread over the cycles from its first beat out to its "
                            + "last; bins of %d cycles (%.2f us). "
                            + "The dashed line marks the end of the window; after it, the drain.", t.binCycles(),
                    t.binCycles() * r.nsPerCycle() / 1000));
        }

        page.section("latency", "Latency");
        LatencyGroups g = r.latencyGroups();
        if (g == null || g.byProtocol().isEmpty()) page.note("No latencies (no frame was delivered and checked).");
        else {
            page.chart(LATENCY_VL, latencyByVl(r, g));
            page.chart(LATENCY_PROTOCOL, latencyByProtocol(r, g));
            page.table(List.of("frames of", "frames", "mean ns", "p50 ns", "p90 ns", "p99 ns", "p99.9 ns", "max ns"), latencyRows(r, g));
            page.note("Latency: first byte in to last byte out. Per VL: frames delivered on an InfiniBand link, by the VL they "
                    + "left on (an Ethernet or FC frame carries no VL). Per protocol: what the frame was on its output's wire.");
        }

        page.section("drops", "Drops by reason");
        page.chart(DROPS, dropBars(r));
        page.table(List.of("reason", "predicted (golden model)", "counted (RTL)", ""), dropRows(r));

        page.section("vls", "VL shares against weights");
        List<RunReport.VlRow> vls = RunReport.vlRows(r);
        if (vls.isEmpty()) page.note("No VL figures (no InfiniBand output delivered inside the window).");
        else {
            page.chart(VL_SHARES, vlBars(vls));
            List<List<?>> rows = new ArrayList<>();
            for (RunReport.VlRow v : vls)
                rows.add(List.of(v.vl(), v.table(), pct(v.weightShare()), v.deliveredBytes(), pct(v.deliveredShare()),
                        pct(v.tableWeightShare()), pct(v.tableByteShare()), v.creditStallCycles()));
            page.table(List.of("VL", "table", "weight share", "delivered bytes", "delivered share", "weight share in its table",
                    "byte share in its table", "credit-stall cycles"), rows);
            page.note(String.format(Locale.ROOT, "All output ports, inside the window; VL arbitration: %s, LimitOfHighPriority %d. "
                            + "Shares follow the weights only where every VL of an output is backlogged, and within a table.",
                    r.config().links().tables() != null ? "--vl-tables" : "the reset tables", r.vl().tables().limit()));
        }

        if (r.gateway() != null) {
            page.section("gateway", "Gateway");
            GatewayStats gw = r.gateway();
            double seconds = r.config().cycles() * r.nsPerCycle() / 1e9;
            List<List<?>> rows = new ArrayList<>();
            for (GatewayStats.Proto p : GatewayStats.Proto.values())
                rows.add(List.of(p.label, gw.frames(p), gw.bytes(p), gw.bytes(p) * 8 / seconds / 1e9));
            page.table(List.of("path", "frames", "bytes", "Gb/s (over the window)"), rows);
        }

        page.section("figures", "Figures");
        page.figures(figures);
        page.note("Every figure of the run's JSON (report.json beside this page holds the same, with the lists in full).");
        return page;
    }

    private static List<List<?>> settings(RunResult r) {
        var c = r.config();
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("profile", c.params().name()));
        rows.add(List.of("parameters", r.profileDescription()));
        rows.add(List.of("seed", c.seed()));
        rows.add(List.of("window", String.format(Locale.ROOT, "%d cycles (%.1f us at %.3f ns a cycle)", c.cycles(),
                c.cycles() * r.nsPerCycle() / 1000, r.nsPerCycle())));
        rows.add(List.of("drain", r.drainCycles() + " cycles"));
        rows.add(List.of("traffic", r.source()));
        rows.add(List.of("egress", c.egressMode().name().toLowerCase(Locale.ROOT) + (c.stallPpm() > 0 ? " stall " + c.stallPpm() + " ppm" : "")));
        rows.add(List.of("SL to VL", c.sl2vl().name().toLowerCase(Locale.ROOT)));
        rows.add(List.of("VL arbitration", c.links().tables() != null ? "--vl-tables" : "reset tables"));
        var sc = c.scenario();
        rows.add(List.of("scenario", sc.migrations().isEmpty() && sc.policers().isEmpty() && sc.shapers().isEmpty() ? "none"
                : sc.migrations().size() + " migrations, " + sc.policers().size() + " policers, " + sc.shapers().size() + " shapers"));
        rows.add(List.of("checked", c.check() ? "yes (golden model and scoreboard)" : "no (--no-check)"));
        return rows;
    }

    private static String kind(SwitchConfig cfg, int p) {
        return cfg.isEth(p) ? "10GbE" : cfg.isFc(p) ? "FC" : "IB";
    }

    private static String portLabel(SwitchConfig cfg, int p) {
        return cfg.isEth(p) ? p + " eth" : cfg.isFc(p) ? p + " fc" : Integer.toString(p);
    }

    private static CategoryChart wireBars(WindowMeters w, SwitchConfig cfg, double ns) {
        CategoryChart c = Charts.bars("Wire Gb/s in and out per port (window after the warm-up)", "port", "Gb/s");
        List<String> ports = new ArrayList<>();
        List<Double> in = new ArrayList<>(), out = new ArrayList<>();
        for (int p = 0; p < cfg.ports(); p++) {
            ports.add(portLabel(cfg, p));
            in.add(w.inGbps(p, ns));
            out.add(w.outGbps(p, ns));
        }
        c.addSeries("in (wire)", ports, in);
        c.addSeries("out (wire)", ports, out);
        return c;
    }

    private static String fixed(double v) { return String.format(Locale.ROOT, "%.3f", v); }

    private static CategoryChart portBars(RunResult r, SwitchConfig cfg) {
        int n = r.offeredBytes().length;
        CategoryChart c = Charts.bars("Offered, accepted and delivered per port (window)", "port", "Gb/s");
        List<String> ports = new ArrayList<>();
        List<Double> off = new ArrayList<>(), acc = new ArrayList<>(), del = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            ports.add(portLabel(cfg, p));
            off.add(r.gbps(r.offeredBytes()[p]));
            acc.add(r.gbps(r.acceptedBytes()[p]));
            del.add(r.gbps(r.deliveredWindowBytes()[p]));
        }
        c.addSeries("offered (input)", ports, off);
        c.addSeries("accepted (input)", ports, acc);
        c.addSeries("delivered (output)", ports, del);
        return c;
    }

    private static List<List<?>> portRows(RunResult r, SwitchConfig cfg) {
        List<List<?>> rows = new ArrayList<>();
        for (int p = 0; p < r.offeredBytes().length; p++)
            rows.add(List.of(p, kind(cfg, p), r.gbps(r.offeredBytes()[p]), r.gbps(r.acceptedBytes()[p]), r.gbps(r.expectedBytes()[p]),
                    r.gbps(r.idealWindowBytes()[p]), r.gbps(r.deliveredWindowBytes()[p]), r.gbps(r.deliveredBytes()[p]),
                    RunReport.portStatus(r, p)));
        rows.add(List.of("all", "", r.gbps(RunResult.sum(r.offeredBytes())), r.gbps(RunResult.sum(r.acceptedBytes())),
                r.gbps(RunResult.sum(r.expectedBytes())), r.gbps(RunResult.sum(r.idealWindowBytes())),
                r.gbps(RunResult.sum(r.deliveredWindowBytes())), r.gbps(RunResult.sum(r.deliveredBytes())), ""));
        return rows;
    }

    private static XYChart throughputLines(RunResult r, SwitchConfig cfg) {
        ThroughputSeries t = r.throughput();
        XYChart c = Charts.lines("Delivered throughput over time, per output port", "time from the start of the window (us)",
                "Gb/s", Charts.heightFor(t.ports()));
        double[] x = new double[t.bins()];
        for (int b = 0; b < x.length; b++) x[b] = t.midMicros(b, r.nsPerCycle());
        for (int p = 0; p < t.ports(); p++) {
            double[] y = new double[t.bins()];
            for (int b = 0; b < y.length; b++) y[b] = t.gbps(p, b, r.nsPerCycle());
            Charts.line(c, "port " + portLabel(cfg, p), x, y, false);
        }
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setYAxisMin(0.0);
        double end = t.windowCycles() * r.nsPerCycle() / 1000;
        c.addAnnotation(new AnnotationLine(end, true, false));
        c.getStyler().setAnnotationLineColor(java.awt.Color.DARK_GRAY);
        c.getStyler().setAnnotationLineStroke(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        return c;
    }

    private static XYChart latencyByVl(RunResult r, LatencyGroups g) {
        XYChart c = Charts.lines("Latency CDF per VL (frames out of InfiniBand ports)", "latency, first byte in to last byte out (ns)",
                "fraction of frames", Charts.heightFor(g.byVl().size()));
        for (var e : g.byVl().entrySet()) cdfLine(c, "VL " + e.getKey() + " (" + e.getValue().count() + ")", e.getValue(), r.nsPerCycle());
        if (g.byVl().isEmpty()) Charts.line(c, "no InfiniBand output", new double[] {0}, new double[] {0}, false);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        return c;
    }

    private static XYChart latencyByProtocol(RunResult r, LatencyGroups g) {
        XYChart c = Charts.lines("Latency CDF per protocol (as delivered)", "latency, first byte in to last byte out (ns)",
                "fraction of frames");
        for (var e : g.byProtocol().entrySet())
            cdfLine(c, e.getKey().key + " (" + e.getValue().count() + ")", e.getValue(), r.nsPerCycle());
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        return c;
    }

    private static void cdfLine(XYChart c, String name, LatencyStats s, double nsPerCycle) {
        double[][] xy = Charts.cdf(s.sorted(), nsPerCycle, CDF_POINTS);
        Charts.line(c, name, xy[0], xy[1], true);
    }

    private static List<List<?>> latencyRows(RunResult r, LatencyGroups g) {
        List<List<?>> rows = new ArrayList<>();
        for (var e : g.byVl().entrySet()) rows.add(latencyRow("VL " + e.getKey(), e.getValue(), r.nsPerCycle()));
        for (var e : g.byProtocol().entrySet()) rows.add(latencyRow(e.getKey().key + ": " + e.getKey().label, e.getValue(), r.nsPerCycle()));
        return rows;
    }

    private static List<?> latencyRow(String what, LatencyStats s, double ns) {
        List<Object> row = new ArrayList<>(List.of(what, s.count(), s.mean() * ns));
        for (double q : RunResult.PERCENTILES) row.add(Math.round(s.percentile(q) * ns));
        return row;
    }

    private static CategoryChart dropBars(RunResult r) {
        List<String> reasons = new ArrayList<>();
        List<Long> predicted = new ArrayList<>(), counted = new ArrayList<>();
        for (DropReason d : DropReason.values()) {
            long p = r.dropsPredicted().getOrDefault(d, 0L), k = r.dropsCounted().getOrDefault(d, 0L);
            if (p == 0 && k == 0) continue;
            reasons.add(d.key);
            predicted.add(p);
            counted.add(k);
        }
        boolean none = reasons.isEmpty();
        CategoryChart c = Charts.bars(none ? "Drops by reason: none predicted, none counted" : "Drops by reason",
                "drop reason", "frames dropped");
        if (none) {
            reasons.add("(none)");
            predicted.add(0L);
            counted.add(0L);
            c.getStyler().setYAxisMax(1.0);
        }
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setXAxisLabelRotation(reasons.size() > 8 ? 45 : 0);
        c.getStyler().setAvailableSpaceFill(reasons.size() < 3 ? 0.35 : 0.8);
        c.addSeries("predicted (golden model)", reasons, predicted);
        c.addSeries("counted (RTL counters)", reasons, counted);
        return c;
    }

    private static List<List<?>> dropRows(RunResult r) {
        List<List<?>> rows = new ArrayList<>();
        for (DropReason d : DropReason.values()) {
            long p = r.dropsPredicted().getOrDefault(d, 0L), k = r.dropsCounted().getOrDefault(d, 0L);
            rows.add(List.of(d.key, p, k, p == k ? "agree" : "DISAGREE"));
        }
        return rows;
    }

    private static CategoryChart vlBars(List<RunReport.VlRow> vls) {
        CategoryChart c = Charts.bars("VL shares against weights (all outputs, window)", "virtual lane", "share (%)");
        List<String> names = new ArrayList<>();
        List<Double> w = new ArrayList<>(), d = new ArrayList<>();
        for (RunReport.VlRow v : vls) {
            names.add("VL " + v.vl() + " (" + v.table() + ")");
            w.add(100 * v.weightShare());
            d.add(100 * v.deliveredShare());
        }
        c.addSeries("weight share (%)", names, w);
        c.addSeries("delivered share (%)", names, d);
        c.getStyler().setYAxisMin(0.0);
        return c;
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
