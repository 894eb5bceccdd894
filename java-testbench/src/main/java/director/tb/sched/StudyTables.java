package director.tb.sched;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The study's results as text (a row per point, and the load x iterations table), CSV and a JSON-ready map. */
public final class StudyTables {
    private StudyTables() {}

    /** How delays are counted, for every output. */
    public static final String DELAY_CONVENTION = "slots from arrival to departure, counting the slot of the crossing: "
            + "a cell that arrives in slot t and crosses in slot t has delay 1 (McKeown 1999: the delay per cell in cell "
            + "times between arriving at the input buffers and departing from the switch)";

    /** The source the study is set against. */
    public static final String CITATION = "N. McKeown, \"The iSLIP scheduling algorithm for input-queued switches\", "
            + "IEEE/ACM Transactions on Networking 7(2):188-201, April 1999";

    /** The output-queued reference's source. */
    public static final String OQ_CITATION = "M. J. Karol, M. G. Hluchyj, S. P. Morgan, \"Input versus output queueing on a "
            + "space-division packet switch\", IEEE Transactions on Communications 35(12):1347-1356, December 1987";

    /** Header of the per-point rows, matching {@link #row(StudyPoint)}. */
    public static String header() {
        return String.format(Locale.ROOT, "%6s %5s | %10s %8s %8s | %8s %10s | %9s %9s | %10s %6s",
                "load", "iters", "delay", "+-95%", "max", "dep/arr", "dep/slot/p", "OQ sim", "OQ form.", "slots", "s");
    }

    /** One point as a text row (delays in slots, see {@link #DELAY_CONVENTION}). */
    public static String row(StudyPoint p) {
        return String.format(Locale.ROOT, "%6s %5d | %10.3f %8.3f %8d | %8.4f %10.4f | %9.3f %9.3f | %10d %6.1f",
                load(p.load()), p.iterations(), p.rtlMeanDelay(), p.rtlCi95(), p.rtlMaxDelay(), p.throughput(),
                p.departuresPerSlotPerPort(), p.oqSimMeanDelay(), p.oqFormulaDelay(), p.slotsRun(), p.seconds());
    }

    /** The summary: a row per load, per iteration count the mean delay and departures / arrivals; the OQ reference. */
    public static String matrix(List<StudyPoint> points, List<Integer> iterations, List<Double> loads) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%6s |", "load"));
        for (int k : iterations) sb.append(String.format(Locale.ROOT, " %21s |", "iSLIP " + k + (k == 1 ? " iteration" : " iterations")));
        sb.append(String.format(Locale.ROOT, " %9s%n", "OQ"));
        sb.append(String.format(Locale.ROOT, "%6s |", ""));
        for (int ignored : iterations) sb.append(String.format(Locale.ROOT, " %10s %10s |", "delay", "dep/arr"));
        sb.append(String.format(Locale.ROOT, " %9s%n", "delay"));
        for (double load : loads) {
            sb.append(String.format(Locale.ROOT, "%6s |", load(load)));
            for (int k : iterations) {
                StudyPoint p = find(points, load, k);
                sb.append(p == null ? String.format(Locale.ROOT, " %10s %10s |", "-", "-")
                        : String.format(Locale.ROOT, " %10.3f %10.4f |", p.rtlMeanDelay(), p.throughput()));
            }
            sb.append(String.format(Locale.ROOT, " %9.3f%n", OutputQueued.meanDelay(points.isEmpty() ? 2 : points.get(0).ports(), load)));
        }
        return sb.toString();
    }

    /**
     * The paper's stated results, each with what this study measured: 100% throughput with one iteration (departures /
     * arrivals at the highest load run with one iteration) and lower latency with more iterations (at the highest load:
     * each added iteration lower, the same within the 95% intervals, or higher).
     */
    public static List<String> publishedChecks(SchedStudy.Config c, List<StudyPoint> points) {
        List<String> out = new ArrayList<>();
        double top = c.loads().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        StudyPoint one = find(points, top, 1);
        out.add("iSLIP with a single iteration achieves 100% throughput under uniform i.i.d. Bernoulli traffic: "
                + (one == null ? "not measured (no 1-iteration point at load " + load(top) + ")"
                : String.format(Locale.ROOT, "measured at load %s with 1 iteration: departures / arrivals %.4f, %.4f departures per port and slot for %.4f offered",
                        load(top), one.throughput(), one.departuresPerSlotPerPort(), one.offered())));
        StringBuilder sb = new StringBuilder("more iterations lower the latency: measured at load " + load(top) + ":");
        StudyPoint prev = null;
        int n = 0, higher = 0;
        for (int k : c.iterations()) {
            StudyPoint p = find(points, top, k);
            if (p == null) continue;
            sb.append(String.format(Locale.ROOT, " %d iteration%s %.3f +- %.3f slots", k, k == 1 ? "" : "s", p.rtlMeanDelay(), p.rtlCi95()));
            if (prev != null) {
                // apart when the 95% intervals do not overlap
                double gap = prev.rtlMeanDelay() - p.rtlMeanDelay(), both = prev.rtlCi95() + p.rtlCi95();
                sb.append(gap > both ? " (lower)" : gap < -both ? " (HIGHER)" : " (the same within the 95% intervals)");
                if (gap < -both) higher++;
            }
            sb.append(';');
            prev = p;
            n++;
        }
        sb.append(n < 2 ? " fewer than two iteration counts to compare" : higher == 0 ? " no added iteration raised it" : " an added iteration RAISED it");
        out.add(sb.toString());
        return out;
    }

    static StudyPoint find(List<StudyPoint> points, double load, int k) {
        for (StudyPoint p : points) if (p.load() == load && p.iterations() == k) return p;
        return null;
    }

    /** A load as given ("0.5", "0.99"). */
    public static String load(double load) {
        return java.math.BigDecimal.valueOf(load).stripTrailingZeros().toPlainString();
    }

    static final String[] CSV_COLUMNS = {"ports", "iterations", "load", "warmup_slots", "slots", "point_seed",
            "arrivals", "departures", "offered_per_port_slot", "throughput", "departures_per_port_slot", "measured_cells",
            "rtl_mean_delay", "rtl_delay_ci95", "rtl_max_delay", "model_mean_delay", "model_delay_ci95",
            "oq_sim_mean_delay", "oq_formula_delay", "slots_run", "lockstep_slots", "seconds"};

    /** One row per point, the columns of {@link #CSV_COLUMNS} (Apache Commons CSV, RFC 4180). */
    public static void writeCsv(Path file, List<StudyPoint> points) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS).get())) {
            for (StudyPoint p : points)
                csv.printRecord(p.ports(), p.iterations(), load(p.load()), p.warmup(), p.slots(), p.pointSeed(),
                        p.arrivals(), p.departures(), num(p.offered()), num(p.throughput()), num(p.departuresPerSlotPerPort()),
                        p.measuredCells(), num(p.rtlMeanDelay()), num(p.rtlCi95()), p.rtlMaxDelay(), num(p.modelMeanDelay()),
                        num(p.modelCi95()), num(p.oqSimMeanDelay()), num(p.oqFormulaDelay()), p.slotsRun(), p.lockstepSlots(),
                        String.format(Locale.ROOT, "%.3f", p.seconds()));
        }
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static String num(double v) { return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : ""; }

    /** A point as a JSON object. */
    public static Map<String, Object> json(StudyPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ports", p.ports());
        m.put("iterations", p.iterations());
        m.put("load", p.load());
        m.put("warmup_slots", p.warmup());
        m.put("slots", p.slots());
        m.put("point_seed", p.pointSeed());
        m.put("arrivals", p.arrivals());
        m.put("departures", p.departures());
        m.put("offered_per_port_slot", p.offered());
        m.put("throughput", p.throughput());
        m.put("departures_per_port_slot", p.departuresPerSlotPerPort());
        m.put("measured_cells", p.measuredCells());
        m.put("rtl", ordered("mean_delay", p.rtlMeanDelay(), "delay_ci95", p.rtlCi95(), "max_delay", p.rtlMaxDelay()));
        m.put("model", ordered("mean_delay", p.modelMeanDelay(), "delay_ci95", p.modelCi95()));
        Map<String, Object> oq = new LinkedHashMap<>();
        oq.put("sim_mean_delay", p.oqSimMeanDelay());
        oq.put("formula_delay", p.oqFormulaDelay());
        m.put("output_queued", oq);
        m.put("slots_run", p.slotsRun());
        m.put("lockstep_slots", p.lockstepSlots());
        m.put("seconds", p.seconds());
        return m;
    }

    /** The whole study as a JSON object; {@code failure} the lockstep failure that stopped it, or null. */
    public static Map<String, Object> json(SchedStudy.Config c, String command, List<StudyPoint> points, String failure, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("ports", c.ports());
        m.put("iterations", new ArrayList<>(c.iterations()));
        m.put("loads", new ArrayList<>(c.loads()));
        m.put("slots", c.slots());
        m.put("warmup", c.warmup() == SchedStudy.AUTO_WARMUP ? "auto" : c.warmup());
        m.put("seed", c.seed());
        m.put("traffic", "uniform i.i.d. Bernoulli: each slot each input receives a cell with probability = load, output uniform");
        m.put("delay_convention", DELAY_CONVENTION);
        m.put("reference", ordered("islip", CITATION, "output_queued", OQ_CITATION,
                "output_queued_formula", "1 + (N-1)/N * p / (2 (1 - p)) slots"));
        long lockstep = 0;
        for (StudyPoint p : points) lockstep += p.lockstepSlots();
        m.put("lockstep", ordered("slots", lockstep, "failure", failure));
        List<Object> rows = new ArrayList<>();
        for (StudyPoint p : points) rows.add(json(p));
        m.put("points", rows);
        m.put("seconds", seconds);
        return m;
    }
}
