package director.tb.regress;

import director.tb.report.html.HtmlReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The RTL's functional coverage over a regression (docs/coverage.md): every run's cover points (Verilator's coverage
 * database, written by {@code --coverage}) merged by {@code verilator_coverage} into one database, then read back and
 * reported point by point, the holes first: a CSV and an HTML page.
 *
 * <p>A point is named by where it sits and what it counts ({@code TOP.DirectorTop.core.outputs_*.arb} and
 * {@code high_limit_reached}); Verilator sums the instances of one module into one point ({@code outputs_*}). Runs of
 * different models (profiles) count the same point under different source lines: their counts are added here.
 */
public final class FunctionalCoverage {
    private FunctionalCoverage() {}

    /** One cover point: where, its name, the module it is in, how often it was hit and in how many runs. */
    public record Point(String where, String name, String module, long count, int runs) {
        public boolean hole() { return count == 0; }
    }

    /** The merged result: the points, holes first, and the merged database. */
    public record Result(List<Point> points, Path merged, int runFiles) {
        public long hit() { return points.stream().filter(p -> !p.hole()).count(); }
        public int total() { return points.size(); }
        public String summary() {
            if (runFiles == 0) return "no run counted cover points (every entry opted out: coverage: false, or fuzzing only)";
            long tb = points.stream().filter(p -> p.where().startsWith("TB.")).count();
            long tbHit = points.stream().filter(p -> p.where().startsWith("TB.") && !p.hole()).count();
            return String.format(java.util.Locale.ROOT, "%d of %d cover points hit (%.1f%%) over %d runs: RTL %d of %d, testbench bins %d of %d",
                    hit(), total(), total() == 0 ? 0.0 : 100.0 * hit() / total(), runFiles, hit() - tbHit, total() - tb, tbHit, tb);
        }
    }

    /** One line of a coverage database: its key's fields and its count. */
    record Entry(Map<String, String> key, long count) {}

    /** Reads a Verilator coverage database ({@code C '<key>' count} lines; the key's fields split by \001 and \002). */
    static List<Entry> read(Path dat) throws IOException {
        List<Entry> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(dat, StandardCharsets.ISO_8859_1)) {
            n++;
            if (line.isEmpty() || line.startsWith("#")) continue;
            int open = line.indexOf('\''), close = line.lastIndexOf('\'');
            if (!line.startsWith("C ") || open < 0 || close <= open)
                throw new IOException(dat + ": line " + n + ": not a coverage entry (C '<key>' <count>)");
            Map<String, String> key = new LinkedHashMap<>();
            for (String field : line.substring(open + 1, close).split("\u0001")) {
                if (field.isEmpty()) continue;
                int sep = field.indexOf('\u0002');
                if (sep < 0) throw new IOException(dat + ": line " + n + ": key field without a value: " + field);
                key.put(field.substring(0, sep), field.substring(sep + 1));
            }
            String count = line.substring(close + 1).trim();
            try {
                out.add(new Entry(key, Long.parseLong(count)));
            } catch (NumberFormatException e) {
                throw new IOException(dat + ": line " + n + ": count '" + count + "' is not a number");
            }
        }
        return out;
    }

    /** The point's name without the labels firtool and Verilator put round it ({@code cover___05Fcov_X} -> X). */
    static String pointName(String hierLast) {
        String s = hierLast.replace("___05F", "__");  // Verilator's escape of the second '_' of firtool's "cover__"
        if (s.startsWith("cover__cov_")) return s.substring("cover__cov_".length());
        if (s.startsWith("cov_")) return s.substring(4);
        return s;
    }

    /** Merges the runs' databases with verilator_coverage into {@code dir}/merged.dat and reports them. */
    public static Result merge(List<Path> runFiles, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path merged = dir.resolve("merged.dat");
        List<Path> present = runFiles.stream().filter(Files::isRegularFile).toList();
        Map<String, long[]> counts = new TreeMap<>();   // hier -> {count, runs}
        Map<String, String> modules = new TreeMap<>();
        if (!present.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("verilator_coverage", "-write", merged.toString()));
            for (Path p : present) cmd.add(p.toString());
            run(cmd, dir.resolve("verilator_coverage.log"));
            for (Entry e : read(merged)) add(counts, modules, e);
            // how many runs hit each point: from the runs' own files
            for (Path p : present) {
                Map<String, Long> inRun = new TreeMap<>();
                for (Entry e : read(p)) inRun.merge(e.key().getOrDefault("h", "?"), e.count(), Long::sum);
                inRun.forEach((h, c) -> { if (c > 0 && counts.containsKey(h)) counts.get(h)[1]++; });
            }
        }
        List<Point> points = new ArrayList<>();
        counts.forEach((h, c) -> {
            int dot = h.lastIndexOf('.');
            points.add(new Point(dot < 0 ? "" : h.substring(0, dot), pointName(h.substring(dot + 1)), modules.get(h), c[0], (int) c[1]));
        });
        points.sort(Comparator.comparingLong(Point::count).thenComparing(Point::where).thenComparing(Point::name));
        return new Result(List.copyOf(points), present.isEmpty() ? null : merged, present.size());
    }

    private static void add(Map<String, long[]> counts, Map<String, String> modules, Entry e) {
        String h = e.key().getOrDefault("h", "?");
        counts.computeIfAbsent(h, k -> new long[2])[0] += e.count();
        String page = e.key().getOrDefault("page", "");
        modules.putIfAbsent(h, page.startsWith("v_user/") ? page.substring(7) : page);
    }

    private static void run(List<String> cmd, Path log) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd.subList(0, 3)) + ": no answer in 600 s (log " + log + ")");
            }
            if (p.exitValue() != 0)
                throw new IOException("verilator_coverage exited " + p.exitValue() + ": " + Files.readString(log).strip() + " (log " + log + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while merging coverage", e);
        }
    }

    /** The columns of coverage.csv. */
    public static final List<String> CSV_COLUMNS = List.of("point", "where", "module", "count", "runs_hit", "hole");

    /** Writes {@code dir}/coverage.csv and {@code dir}/index.html (holes first; the plan's features and their tests). */
    public static List<Path> write(Result r, Plan plan, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path csv = dir.resolve("coverage.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get())) {
            for (Point pt : r.points()) p.printRecord(pt.name(), pt.where(), pt.module(), pt.count(), pt.runs(), pt.hole());
        }
        HtmlReport page = new HtmlReport("Functional coverage: " + plan.name());
        page.banner(r.hit() == r.total() && r.total() > 0 ? HtmlReport.Tone.GOOD : HtmlReport.Tone.NEUTRAL, r.summary(),
                "the RTL's cover points, every run of the plan counted by a coverage build of its model, and the testbench's "
                        + "bins (where TB.*: paths, sizes, VL x output, settings; docs/coverage.md); "
                        + "merged database: " + (r.merged() == null ? "none" : r.merged().getFileName()));
        page.section("holes", "Holes (" + (r.total() - r.hit()) + ")");
        List<List<?>> holes = new ArrayList<>();
        for (Point pt : r.points()) if (pt.hole()) holes.add(List.of(pt.name(), pt.where(), pt.module()));
        if (holes.isEmpty()) page.paragraph("None: every point was hit.");
        else page.table(List.of("point", "where", "module"), holes);
        page.section("features", "Features the plan says it covers");
        Map<String, List<String>> byFeature = new TreeMap<>();
        for (Plan.Test t : plan.tests()) for (String f : t.covers()) byFeature.computeIfAbsent(f, k -> new ArrayList<>()).add(t.name());
        List<List<?>> feats = new ArrayList<>();
        byFeature.forEach((f, ts) -> feats.add(List.of(f, ts.size(), String.join(", ", ts))));
        page.table(List.of("feature", "tests", "which"), feats);
        page.section("points", "Every point (" + r.total() + "), least hit first");
        List<List<?>> rows = new ArrayList<>();
        for (Point pt : r.points())
            rows.add(List.of(pt.name(), pt.where(), pt.module(), new HtmlReport.Styled(pt.count(), pt.hole() ? "fail" : "pass"), pt.runs()));
        page.table(List.of("point", "where", "module", "count", "runs hit"), rows);
        return List.of(csv, page.write(dir, "index.html"));
    }
}
