package director.tb.report;

import director.tb.check.Scoreboard;
import director.tb.model.DropReason;
import director.tb.run.RunResult;

import director.tb.check.WorkConservation;
import director.tb.model.SwitchConfig;

import java.util.*;

/** The run report: a text table for people and the same figures as JSON for tools. */
public final class RunReport {
    private RunReport() {}


    public static boolean linePaceKept(RunResult r, int port) {
        return r.acceptedBytes()[port] >= LineRateVerdict.ACCEPTED * r.offeredBytes()[port];
    }

    public static boolean keptUpWithIdeal(RunResult r, int port) {
        return r.deliveredWindowBytes()[port] >= LineRateVerdict.IDEAL * r.idealWindowBytes()[port];
    }

    /**
     * The FC ports that a shaped vHBA of the run sends to: their traffic is held back on purpose (docs/gateway.md,
     * "QoS: the vHBA shaper"), so the ideal output-queued switch, which knows no shapers, is no yardstick for them.
     */
    public static java.util.Set<Integer> shapedOutputs(RunResult r) { return shapedPorts(r, true); }

    /** The host ports with a shaped vHBA: their sources are held back by its shaper (lossless), on purpose. */
    public static java.util.Set<Integer> shapedSources(RunResult r) { return shapedPorts(r, false); }

    private static java.util.Set<Integer> shapedPorts(RunResult r, boolean fcSide) {
        var shapers = r.config().scenario().shapers();
        java.util.Set<Integer> ports = new java.util.TreeSet<>();
        if (shapers.isEmpty()) return ports;
        for (var h : director.tb.stim.VnicPlan.vhbas(director.tb.model.SwitchConfig.of(r.config().params())))
            if (shapers.containsKey(h.index()) && shapers.get(h.index()).enabled()) ports.add(fcSide ? h.fcPort() : h.hostPort());
        return ports;
    }

    /**
     * The line-rate verdict: a clean run (no fault, mismatch or loss; drops as predicted) in which every output
     * delivered exactly what the golden model expected and, inside the window, kept up with an ideal
     * output-queued switch fed the same packets (the standard of 100% throughput); an FC port a shaped vHBA sends to
     * is held back on purpose and is judged on exact delivery alone.
     */
    public static boolean lineRatePass(RunResult r) { return LineRateVerdict.of(r).pass(); }

    /** Output {@code p}'s status as the text report's port table shows it ("ok", "BELOW IDEAL OQ (97.1%)", ...). */
    public static String portStatus(RunResult r, int p) {
        return status(r, p, shapedOutputs(r));
    }

    private static String status(RunResult r, int p, java.util.Set<Integer> shaped) {
        if (r.deliveredBytes()[p] != r.expectedBytes()[p]) return "DELIVERY MISMATCH";
        if (!keptUpWithIdeal(r, p))
            return String.format(Locale.ROOT, shaped.contains(p) ? "ok, shaped vHBAs (%.1f%% of the ideal OQ, which has no shapers)"
                    : "BELOW IDEAL OQ (%.1f%%)", 100.0 * r.deliveredWindowBytes()[p] / r.idealWindowBytes()[p]);
        if (!linePaceKept(r, p)) return String.format(Locale.ROOT, "ok, source held to %.1f%%", 100.0 * r.acceptedBytes()[p] / r.offeredBytes()[p]);
        return "ok";
    }

    public static String text(RunResult r) { return text(r, true); }

    /**
     * The text report. {@code lineRateVerdict}: the RESULT line asks for exact delivery and line rate against the
     * ideal output-queued switch (generated traffic); otherwise exact delivery alone (a replayed trace, whose
     * timing is the trace's).
     */
    public static String text(RunResult r, boolean lineRateVerdict) {
        StringBuilder sb = new StringBuilder();
        var c = r.config();
        sb.append(String.format(Locale.ROOT, "director run: %s%n", r.profileDescription()));
        sb.append(String.format(Locale.ROOT, "seed %d   window %d cycles (%.1f us) from model cycle %d   drain %d cycles   traffic: %s   egress: %s%n",
                c.seed(), c.cycles(), c.cycles() * r.nsPerCycle() / 1000, r.baseCycle(), r.drainCycles(), r.source(),
                c.egressMode().name().toLowerCase(Locale.ROOT) + (c.stallPpm() > 0 ? " stall " + c.stallPpm() + " ppm" : "")));
        sb.append(String.format("%n%4s | %12s %13s | %13s %12s %16s %15s | %s%n", "port", "offered Gb/s", "accepted Gb/s",
                "expected Gb/s", "ideal OQ win", "delivered (win)", "delivered (all)", "status"));
        int n = r.offeredBytes().length;
        var shaped = shapedOutputs(r);
        for (int p = 0; p < n; p++) {
            sb.append(String.format(Locale.ROOT, "%4d | %12.3f %13.3f | %13.3f %12.3f %16.3f %15.3f | %s%n", p,
                    r.gbps(r.offeredBytes()[p]), r.gbps(r.acceptedBytes()[p]), r.gbps(r.expectedBytes()[p]),
                    r.gbps(r.idealWindowBytes()[p]), r.gbps(r.deliveredWindowBytes()[p]), r.gbps(r.deliveredBytes()[p]),
                    status(r, p, shaped)));
        }
        sb.append(String.format(Locale.ROOT, "%4s | %12.2f %13.2f | %13.2f %12.2f %16.2f %15.2f |%n", "all",
                r.gbps(RunResult.sum(r.offeredBytes())), r.gbps(RunResult.sum(r.acceptedBytes())), r.gbps(RunResult.sum(r.expectedBytes())),
                r.gbps(RunResult.sum(r.idealWindowBytes())),
                r.gbps(RunResult.sum(r.deliveredWindowBytes())), r.gbps(RunResult.sum(r.deliveredBytes()))));
        sb.append(String.format(Locale.ROOT, "%nframes: %d offered, %d delivered%n", r.offeredFrames(), r.deliveredFrames()));
        sb.append("drops (golden model / RTL counters): ");
        StringJoiner j = new StringJoiner(", ");
        for (DropReason d : DropReason.values())
            j.add(d.key + " " + r.dropsPredicted().get(d) + "/" + r.dropsCounted().get(d));
        sb.append(j).append(r.dropsPredicted().equals(r.dropsCounted()) ? "  (agree)" : "  (DISAGREE)").append('\n');
        wireSection(sb, r);
        vlSection(sb, r);
        if (r.gateway() != null) sb.append(r.gateway().text(r.config().cycles() * r.nsPerCycle() / 1e9));
        long[] l = r.latencyPercentiles();
        sb.append(String.format(Locale.ROOT, "latency, first byte in to last byte out, cycles (ns): mean %.0f, p50 %d (%.0f), p90 %d (%.0f), p99 %d (%.0f), p99.9 %d (%.0f), max %d (%.0f)%n",
                r.latencyMean(), l[0], l[0] * r.nsPerCycle(), l[1], l[1] * r.nsPerCycle(), l[2], l[2] * r.nsPerCycle(),
                l[3], l[3] * r.nsPerCycle(), l[4], l[4] * r.nsPerCycle()));
        sb.append(String.format("mismatches %d, lost %d%n", r.mismatches(), r.lost()));
        for (Scoreboard.Mismatch m : r.firstMismatches()) sb.append("  MISMATCH ").append(m).append('\n');
        for (String s : r.lostExamples()) sb.append("  LOST ").append(s).append('\n');
        if (r.fault() != null) {
            sb.append(String.format("FAULT at cycle %d%s, seed %d: %s%n", r.fault().cycle(),
                    r.fault().port().isPresent() ? ", port " + r.fault().port().getAsInt() : "", r.fault().seed(), r.fault().getMessage()));
        }
        sb.append(String.format(Locale.ROOT, "simulation: %.2f s wall, %.0f cycles/s; model %s%s%n", r.wallSeconds(), r.cyclesPerSecond(),
                r.modelLibrary(), r.buildSeconds() >= 0 ? String.format(Locale.ROOT, " (built in %.0f s)", r.buildSeconds()) : ""));
        sb.append(verdict(r, lineRateVerdict).line()).append('\n');
        return sb.toString();
    }

    /**
     * The wire meters after the warm-up: Gb/s in and out per port as the wires count them, what the traffic asked of
     * each output, and the work-conservation split of its idle cycles; then the aggregate.
     */
    private static void wireSection(StringBuilder sb, RunResult r) {
        var w = r.meters();
        if (w == null) return;
        SwitchConfig cfg = SwitchConfig.of(r.config().params());
        WorkConservation wc = WorkConservation.of(w, cfg);
        double ns = r.nsPerCycle();
        sb.append(String.format(Locale.ROOT, "%nwire, model cycles %d..%d (after a warm-up of %d cycles), as the wires count (IB packet bytes; "
                + "Ethernet +%d B preamble and gap; FC +%d B delimiters and idles):%n", w.from(), w.to(), r.config().warmup(),
                SwitchConfig.ETH_OVERHEAD, SwitchConfig.FC_OVERHEAD));
        sb.append(String.format("%4s | %7s | %8s %8s | %7s | %10s %8s %8s %11s %9s%n", "port", "kind", "in Gb/s", "out Gb/s",
                "demand", "idle w/wk", "transit", "in busy", "unexplained", "max run"));
        for (int p = 0; p < cfg.ports(); p++)
            sb.append(String.format(Locale.ROOT, "%4d | %7s | %8.3f %8.3f | %6.3fx | %10d %8d %8d %11d %4d/%-4d%n", p,
                    cfg.isEth(p) ? "10GbE" : cfg.isFc(p) ? "FC" : "IB", w.inGbps(p, ns), w.outGbps(p, ns),
                    w.demandRatio(p, cfg.lineBytesPerCycle()), wc.idleWithWork()[p], wc.transit()[p], wc.inputsBusy()[p],
                    wc.unexplained()[p], wc.transitMaxRun()[p], wc.transitBound()[p]));
        double in = w.aggregateInGbps(ns), out = w.aggregateOutGbps(ns);
        sb.append(String.format(Locale.ROOT, "aggregate: in %.2f Gb/s + out %.2f Gb/s = %.2f Gb/s (%d ports x %.0f Gb/s x 2 = %.0f Gb/s at line rate)%n",
                in, out, in + out, cfg.ports(), cfg.lineGbps(), 2 * cfg.ports() * cfg.lineGbps()));
        sb.append("work conservation: ").append(wc.conserving() ? "yes (no unexplained idle cycle)" : "NO: " + String.join("; ", wc.offenders()));
        List<String> long_ = new ArrayList<>();
        for (int p = 0; p < cfg.ports(); p++) if (wc.transitBeyondPipeline(p)) long_.add(p + " (" + wc.transitMaxRun()[p] + ")");
        if (!long_.isEmpty()) sb.append("; in transit longer than the pipeline on ports ").append(String.join(", ", long_))
                .append(" (a packet waiting inside its output: docs/work-conservation.md)");
        sb.append('\n');
    }

    /**
     * A run's verdict: {@code result} PASS, FAIL or NOT CHECKED; {@code reason} why, in a sentence (for a failure the
     * first failure, or the outputs that fell short); {@code line} the text report's RESULT line.
     */
    public record Verdict(String result, String reason, String line) {
        public boolean passed() { return result.equals("PASS"); }
    }

    /** The verdict; {@code lineRateVerdict} as in {@link #text(RunResult, boolean)}. */
    public static Verdict verdict(RunResult r, boolean lineRateVerdict) {
        if (!r.config().check()) {
            if (r.fault() == null) {
                String why = "--no-check: no golden model, no scoreboard";
                return new Verdict("NOT CHECKED", why, "RESULT: NOT CHECKED (" + why + ")");
            }
            return new Verdict("FAIL", "model fault: " + r.fault().getMessage(), "RESULT: FAIL");
        }
        if (!lineRateVerdict) {
            if (r.clean()) {
                String why = "every frame delivered exactly as the golden model predicted, or dropped for the reason it predicted "
                        + "and counted; 0 mismatches, 0 lost";
                return new Verdict("PASS", why, "RESULT: PASS (" + why + ")");
            }
            String why = "first failure: " + r.firstFailure();
            return new Verdict("FAIL", why, "RESULT: FAIL (" + why + ")");
        }
        LineRateVerdict v = LineRateVerdict.of(r);
        return new Verdict(v.pass() ? "PASS" : "FAIL", v.reason(), v.line());
    }

    /** VLs to show: those with a usable arbitration entry, or that carried bytes. */
    private static boolean shown(RunResult r, int v, long[] bytes, double[] weight) {
        return bytes[v] > 0 || weight[v] > 0;
    }

    /**
     * One VL's figures, all output ports, inside the window: its arbitration table ("high", "low", "high+low", "none",
     * "VL15 first"), its share of the configured weight, the bytes it delivered and their share, the same two shares
     * within its table, and its credit-stall cycles (whole run).
     */
    public record VlRow(int vl, String table, double weightShare, long deliveredBytes, double deliveredShare,
                        double tableWeightShare, double tableByteShare, long creditStallCycles) {}

    /** The VLs with a usable arbitration entry or delivered bytes; empty without VL figures or delivered bytes. */
    public static List<VlRow> vlRows(RunResult r) {
        List<VlRow> rows = new ArrayList<>();
        if (r.vl() == null) return rows;
        long[] bytes = r.vl().bytesPerVlInWindow();
        double[] weight = r.vl().tables().weightShare();
        long total = RunResult.sum(bytes);
        if (total == 0) return rows;
        // within each table: the VL's share of the table's weight and of the bytes its VLs delivered
        Map<String, Double> tableWeight = new HashMap<>();
        Map<String, Long> tableBytes = new HashMap<>();
        for (int v = 0; v < 16; v++) {
            tableWeight.merge(tableOf(r, v), weight[v], Double::sum);
            tableBytes.merge(tableOf(r, v), bytes[v], Long::sum);
        }
        for (int v = 0; v < 16; v++) {
            if (!shown(r, v, bytes, weight)) continue;
            String t = tableOf(r, v);
            double tw = tableWeight.get(t), tb = tableBytes.get(t);
            rows.add(new VlRow(v, t, weight[v], bytes[v], (double) bytes[v] / total, tw > 0 ? weight[v] / tw : 0.0,
                    tb > 0 ? bytes[v] / tb : 0.0, stallCycles(r, v)));
        }
        return rows;
    }

    private static void vlSection(StringBuilder sb, RunResult r) {
        List<VlRow> rows = vlRows(r);
        if (rows.isEmpty()) return;
        sb.append(String.format("virtual lanes, all output ports, inside the window (VL arbitration: %s, limit %d):%n",
                r.config().links().tables() != null ? "--vl-tables" : "reset tables", r.vl().tables().limit()));
        sb.append(String.format("%4s | %12s %12s | %15s %16s | %28s | %s%n", "VL", "table", "weight share", "delivered bytes",
                "delivered share", "in its table: weight / bytes", "credit-stall cycles (all ports, whole run)"));
        for (VlRow v : rows)
            sb.append(String.format(Locale.ROOT, "%4d | %12s %11.1f%% | %15d %15.1f%% | %12.1f%% / %11.1f%% | %d%n", v.vl(), v.table(),
                    100 * v.weightShare(), v.deliveredBytes(), 100 * v.deliveredShare(), 100 * v.tableWeightShare(),
                    100 * v.tableByteShare(), v.creditStallCycles()));
        sb.append("  (shares follow the weights only where every VL of an output is backlogged, and within a table: High VLs\n"
                + "   go first up to the limit; every turn sends at least one packet; with lighter or uneven traffic a VL gets\n"
                + "   what it offers)\n");
    }

    /** Credit-stall cycles of VL v, summed over the output ports. */
    private static long stallCycles(RunResult r, int v) {
        long stall = 0;
        for (long[] p : r.vl().creditStall()) stall += p[v];
        return stall;
    }

    private static String tableOf(RunResult r, int v) {
        var t = r.vl().tables();
        boolean hi = t.high().stream().anyMatch(e -> e.vl() == v && t.usable(e));
        boolean lo = t.low().stream().anyMatch(e -> e.vl() == v && t.usable(e));
        return v == 15 ? "VL15 first" : hi && lo ? "high+low" : hi ? "high" : lo ? "low" : "none";
    }

    private static Map<String, Object> latencyJson(director.tb.check.LatencyStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", s.count());
        String[] names = {"p50", "p90", "p99", "p99_9", "max"};
        for (int i = 0; i < names.length; i++) m.put(names[i], s.percentile(RunResult.PERCENTILES[i]));
        m.put("mean", s.mean());
        return m;
    }

    public static Map<String, Object> json(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        var c = r.config();
        m.put("profile", c.params().name());
        m.put("parameters", r.profileDescription());
        m.put("seed", c.seed());
        m.put("cycles", c.cycles());
        m.put("drain_cycles", r.drainCycles());
        m.put("traffic", r.source());
        m.put("first_failure", r.firstFailure() == null ? null : r.firstFailure().toString());
        m.put("offered_gbps", r.gbps(RunResult.sum(r.offeredBytes())));
        m.put("accepted_gbps", r.gbps(RunResult.sum(r.acceptedBytes())));
        m.put("expected_gbps", r.gbps(RunResult.sum(r.expectedBytes())));
        m.put("delivered_gbps", r.gbps(RunResult.sum(r.deliveredBytes())));
        m.put("delivered_window_gbps", r.gbps(RunResult.sum(r.deliveredWindowBytes())));
        m.put("ideal_output_queued_window_gbps", r.gbps(RunResult.sum(r.idealWindowBytes())));
        var w = r.meters();
        SwitchConfig cfg = SwitchConfig.of(r.config().params());
        WorkConservation wc = w == null ? null : WorkConservation.of(w, cfg);
        LineRateVerdict verdict = LineRateVerdict.of(r);
        if (w != null) {
            m.put("aggregate_in_gbps", w.aggregateInGbps(r.nsPerCycle()));
            m.put("aggregate_out_gbps", w.aggregateOutGbps(r.nsPerCycle()));
            m.put("aggregate_gbps", w.aggregateInGbps(r.nsPerCycle()) + w.aggregateOutGbps(r.nsPerCycle()));
            m.put("aggregate_window_cycles", List.of(w.from(), w.to()));
            m.put("work_conserving", wc.conserving());
        }
        m.put("offered_frames", r.offeredFrames());
        m.put("delivered_frames", r.deliveredFrames());
        m.put("mismatches", r.mismatches());
        m.put("lost", r.lost());
        Map<String, Object> drops = new LinkedHashMap<>();
        for (DropReason d : DropReason.values()) drops.put(d.key, r.dropsCounted().get(d));
        m.put("drops", drops);
        Map<String, Object> predicted = new LinkedHashMap<>();
        for (DropReason d : DropReason.values()) predicted.put(d.key, r.dropsPredicted().get(d));
        m.put("drops_predicted", predicted);
        Map<String, Object> lat = new LinkedHashMap<>();
        String[] names = {"p50", "p90", "p99", "p99_9", "max"};
        for (int i = 0; i < names.length; i++) lat.put(names[i], r.latencyPercentiles()[i]);
        lat.put("mean", r.latencyMean());
        lat.put("ns_per_cycle", r.nsPerCycle());
        m.put("latency_cycles", lat);
        if (r.latencyGroups() != null) {
            Map<String, Object> byVl = new LinkedHashMap<>();
            r.latencyGroups().byVl().forEach((vl, s) -> byVl.put(Integer.toString(vl), latencyJson(s)));
            m.put("latency_cycles_by_vl", byVl);
            Map<String, Object> byProto = new LinkedHashMap<>();
            r.latencyGroups().byProtocol().forEach((p, s) -> byProto.put(p.key, latencyJson(s)));
            m.put("latency_cycles_by_protocol", byProto);
        }
        List<Object> ports = new ArrayList<>();
        for (int p = 0; p < r.offeredBytes().length; p++) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("port", p);
            pm.put("offered_gbps", r.gbps(r.offeredBytes()[p]));
            pm.put("accepted_gbps", r.gbps(r.acceptedBytes()[p]));
            pm.put("expected_gbps", r.gbps(r.expectedBytes()[p]));
            pm.put("delivered_gbps", r.gbps(r.deliveredBytes()[p]));
            pm.put("delivered_window_gbps", r.gbps(r.deliveredWindowBytes()[p]));
            pm.put("ideal_output_queued_window_gbps", r.gbps(r.idealWindowBytes()[p]));
            if (w != null) {
                pm.put("kind", cfg.isEth(p) ? "10gbe" : cfg.isFc(p) ? "fc" : "ib");
                pm.put("in_wire_gbps", w.inGbps(p, r.nsPerCycle()));
                pm.put("out_wire_gbps", w.outGbps(p, r.nsPerCycle()));
                pm.put("demand", w.demandRatio(p, cfg.lineBytesPerCycle()));
                pm.put("idle_cycles", w.meters().get(p, director.tb.sim.PortMeters.Meter.IDLE));
                pm.put("idle_with_work_cycles", wc.idleWithWork()[p]);
                pm.put("idle_in_transit_cycles", wc.transit()[p]);
                pm.put("idle_inputs_busy_cycles", wc.inputsBusy()[p]);
                pm.put("idle_unexplained_cycles", wc.unexplained()[p]);
                pm.put("transit_max_run_cycles", wc.transitMaxRun()[p]);
                pm.put("transit_bound_cycles", wc.transitBound()[p]);
                pm.put("work_conserving", wc.conserving(p));
            }
            pm.put("offered_bytes", r.offeredBytes()[p]);
            pm.put("delivered_bytes", r.deliveredBytes()[p]);
            pm.put("expected_bytes", r.expectedBytes()[p]);
            ports.add(pm);
        }
        m.put("ports", ports);
        if (r.throughput() != null) {
            var t = r.throughput();
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("bin_cycles", t.binCycles());
            tm.put("window_cycles", t.windowCycles());
            tm.put("span_cycles", t.spanCycles());
            List<Object> perPort = new ArrayList<>();
            for (int p = 0; p < t.ports(); p++) {
                List<Object> bins = new ArrayList<>();
                for (long b : t.bytes()[p]) bins.add(b);
                perPort.add(bins);
            }
            tm.put("delivered_bytes_per_port", perPort);
            m.put("throughput_over_time", tm);
        }
        if (r.gateway() != null) {
            director.tb.run.GatewayStats g = r.gateway();
            Map<String, Object> gm = new LinkedHashMap<>();
            for (director.tb.run.GatewayStats.Proto pr : director.tb.run.GatewayStats.Proto.values())
                gm.put(pr.name().toLowerCase(Locale.ROOT), Map.of("frames", g.frames(pr), "bytes", g.bytes(pr)));
            List<Object> vn = new ArrayList<>();
            for (int v = 0; v < g.vnics(); v++) {
                Map<String, Object> vm = new LinkedHashMap<>();
                vm.put("vnic", v);
                vm.put("to_lan_frames", g.vnicFrames(v, true));
                vm.put("to_lan_bytes", g.vnicBytes(v, true));
                vm.put("to_server_frames", g.vnicFrames(v, false));
                vm.put("to_server_bytes", g.vnicBytes(v, false));
                vm.put("cir_kbps", g.cirKbps(v));
                vm.put("policed_frames", g.policedFrames(v));
                vn.add(vm);
            }
            gm.put("vnics", vn);
            List<Object> vh = new ArrayList<>();
            for (int h = 0; h < g.vhbas(); h++) {
                Map<String, Object> hm = new LinkedHashMap<>();
                hm.put("vhba", h);
                hm.put("to_san_frames", g.vhbaFrames(h, true));
                hm.put("to_san_bytes", g.vhbaBytes(h, true));
                hm.put("to_server_frames", g.vhbaFrames(h, false));
                hm.put("to_server_bytes", g.vhbaBytes(h, false));
                hm.put("shaper_cir_kbps", g.shaperCirKbps(h));
                hm.put("shaper_gbps", g.shaperRate(h) / 1e9);
                vh.add(hm);
            }
            gm.put("vhbas", vh);
            m.put("gateway", gm);
        }
        if (r.vl() != null) {
            long[] bytes = r.vl().bytesPerVlInWindow();
            double[] weight = r.vl().tables().weightShare();
            long total = RunResult.sum(bytes);
            List<Object> vls = new ArrayList<>();
            for (int v = 0; v < 16; v++) {
                if (!shown(r, v, bytes, weight)) continue;
                Map<String, Object> vm = new LinkedHashMap<>();
                long stall = stallCycles(r, v);
                vm.put("vl", v);
                vm.put("table", tableOf(r, v));
                vm.put("weight_share", weight[v]);
                vm.put("delivered_window_bytes", bytes[v]);
                vm.put("delivered_share", total == 0 ? 0.0 : (double) bytes[v] / total);
                vm.put("credit_stall_cycles", stall);
                vls.add(vm);
            }
            m.put("vls", vls);
            m.put("vl_limit_of_high_priority", r.vl().tables().limit());
        }
        m.put("wall_seconds", r.wallSeconds());
        m.put("cycles_per_second", r.cyclesPerSecond());
        m.put("fault", r.fault() == null ? null : r.fault().getMessage());
        m.put("admissible", verdict.admissible());
        m.put("overloaded_outputs", verdict.overloaded());
        m.put("verdict", verdict.line());
        m.put("pass", verdict.pass());
        return m;
    }
}
