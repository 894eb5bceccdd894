package director.tb.report;

import director.tb.check.WorkConservation;
import director.tb.model.SwitchConfig;
import director.tb.run.RunResult;
import director.tb.run.WindowMeters;
import director.tb.stim.TrafficSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The verdict of a run of generated traffic, with its reason in one line. In order:
 * <ol>
 *   <li>clean: no model fault, no mismatch, nothing lost, every drop predicted and counted alike;</li>
 *   <li>exact: every output delivered exactly the bytes the golden model expected;</li>
 *   <li>work conserving ({@link WorkConservation});</li>
 *   <li>when the traffic is admissible (no output asked for more than {@link #ADMISSIBLE} x its line in the window):
 *       every output kept up with an ideal output-queued switch fed the same packets ({@link #IDEAL}; FC ports with
 *       shaped vHBAs excepted), and with the balanced plan (the main job) every source accepted at least
 *       {@link #ACCEPTED} of what it offered (but the host ports of shaped vHBAs, which their shapers hold back) and, when
 *       the golden model predicts no drop, the aggregate (in + out, as the wires count) is at least
 *       {@link #AGGREGATE} of {@link #aggregateTarget}: ports x line x load in, and out each output's line x load or
 *       what the traffic asked of it in the window if less. Inadmissible traffic is reported as such ("output 3 asked for 1.40x its line"):
 *       its sources are held back by credits, which is the lossless fabric working, not a failure.</li>
 * </ol>
 */
public record LineRateVerdict(boolean pass, String reason, boolean admissible, List<String> overloaded, double aggregateGbps,
                      double aggregateTargetGbps, WorkConservation work) {
    public static final double ACCEPTED = 0.995;
    public static final double IDEAL = 0.98;
    public static final double AGGREGATE = 0.999;
    /** Above this load an output is asked for more than its line (a little over 1: the window's edges cut packets). */
    public static final double ADMISSIBLE = 1.02;

    public static LineRateVerdict of(RunResult r) {
        SwitchConfig cfg = SwitchConfig.of(r.config().params());
        WindowMeters w = r.meters();
        WorkConservation work = w == null ? null : WorkConservation.of(w, cfg);
        int n = cfg.ports();
        List<String> overloaded = new ArrayList<>();
        if (w != null && w.demandWire() != null)
            for (int p = 0; p < n; p++) {
                double load = w.demandRatio(p, cfg.lineBytesPerCycle());
                if (load > ADMISSIBLE) overloaded.add(String.format(Locale.ROOT, "output %d asked for %.2fx its line", p, load));
            }
        boolean admissible = overloaded.isEmpty();
        TrafficSpec t = r.config().traffic();
        boolean balanced = t.pattern() == TrafficSpec.Pattern.BALANCED && r.source().startsWith("random");
        double agg = w == null ? 0 : w.aggregateInGbps(r.nsPerCycle()) + w.aggregateOutGbps(r.nsPerCycle());
        double target = aggregateTarget(w, cfg, t.load());

        List<String> fails = new ArrayList<>();
        if (r.fault() != null) fails.add("model fault at cycle " + r.fault().cycle() + ": " + r.fault().getMessage());
        if (r.mismatches() > 0) fails.add(r.mismatches() + " mismatches (first: " + r.firstFailure() + ")");
        if (r.lost() > 0) fails.add(r.lost() + " frames lost");
        if (!r.dropsPredicted().equals(r.dropsCounted())) fails.add("drops counted by the RTL differ from the golden model's prediction");
        List<String> inexact = new ArrayList<>();
        for (int p = 0; p < n; p++) if (r.deliveredBytes()[p] != r.expectedBytes()[p]) inexact.add(Integer.toString(p));
        if (!inexact.isEmpty()) fails.add("delivered bytes differ from the golden model on ports " + String.join(", ", inexact));
        if (work != null && !work.conserving()) fails.add("not work conserving: " + String.join("; ", work.offenders()));
        if (admissible && r.fault() == null) {
            List<String> held = new ArrayList<>(), slow = new ArrayList<>();
            Set<Integer> shaped = RunReport.shapedOutputs(r), shapedSources = RunReport.shapedSources(r);
            for (int p = 0; p < n; p++) {
                if (balanced && !shapedSources.contains(p) && r.offeredBytes()[p] > 0 && r.acceptedBytes()[p] < ACCEPTED * r.offeredBytes()[p])
                    held.add(String.format(Locale.ROOT, "%d (%.1f%%)", p, 100.0 * r.acceptedBytes()[p] / r.offeredBytes()[p]));
                if (!shaped.contains(p) && r.deliveredWindowBytes()[p] < IDEAL * r.idealWindowBytes()[p])
                    slow.add(String.format(Locale.ROOT, "%d (%.1f%%)", p, 100.0 * r.deliveredWindowBytes()[p] / r.idealWindowBytes()[p]));
            }
            if (!held.isEmpty()) fails.add("sources accepted below " + pct(ACCEPTED) + " of their offer on ports " + String.join(", ", held));
            if (!slow.isEmpty()) fails.add("outputs below " + pct(IDEAL) + " of an ideal output-queued switch: ports " + String.join(", ", slow));
            if (balanced && w != null && noDrops(r) && agg < AGGREGATE * target)
                fails.add(String.format(Locale.ROOT, "aggregate %.1f Gb/s below %s of %.1f Gb/s (every input's line x load and what each output was asked for, at most that)", agg, pct(AGGREGATE), target));
        }
        String reason;
        if (!fails.isEmpty()) reason = String.join("; ", fails);
        else if (!admissible) reason = "every frame exact, 0 mismatches, 0 lost, work conserving; the traffic is not admissible ("
                + String.join(", ", overloaded.subList(0, Math.min(4, overloaded.size()))) + (overloaded.size() > 4 ? ", ..." : "")
                + "): sources held back by credits, lossless, as designed";
        else reason = "every output delivered exactly what was expected" + (balanced ? ", every source accepted at least " + pct(ACCEPTED)
                + " of its offer" : "") + ", every output kept up with an ideal output-queued switch"
                + (balanced ? String.format(Locale.ROOT, ", aggregate %.1f Gb/s (%.2f%% of %.1f%s)", agg, 100 * agg / target, target,
                        noDrops(r) ? "" : ", not judged: frames dropped as predicted") : "")
                + (work != null ? ", work conserving" : "") + "; 0 mismatches, 0 lost";
        return new LineRateVerdict(fails.isEmpty(), reason, admissible, overloaded, agg, target, work);
    }

    /**
     * The aggregate the balanced plan must reach, Gb/s: every input at its offered load, and every output at that load
     * or at what the traffic asked of it in the window if less (its demand, as the wires count: the plan draws each
     * frame's destination at random, so an output's demand over a window is within about 1% of the load, not exactly
     * it, and an output asked for 99.2% of its line cannot carry 100%). Without the meters, 2 x ports x line x load.
     */
    static double aggregateTarget(WindowMeters w, SwitchConfig cfg, double load) {
        int n = cfg.ports();
        double in = n * cfg.lineGbps() * load;
        if (w == null || w.demandWire() == null) return 2 * in;
        double out = 0;
        for (int p = 0; p < n; p++) out += cfg.lineGbps() * Math.min(load, w.demandRatio(p, cfg.lineBytesPerCycle()));
        return in + out;
    }

    /**
     * No frame dropped by the golden model's prediction: only then can every output carry its line. With predicted
     * drops (policed frames, injected errors) each output is held to the ideal switch fed the surviving frames instead.
     */
    static boolean noDrops(RunResult r) { return r.dropsPredicted().values().stream().allMatch(v -> v == 0); }

    private static String pct(double f) { return String.format(Locale.ROOT, "%.1f%%", 100 * f); }

    public String line() { return "RESULT: " + (pass ? "PASS" : "FAIL") + " (" + reason + ")"; }
}
