package director.tb.run;

import director.harness.ModelBuild;
import director.rtl.params.DirectorParams;
import director.tb.io.InputError;
import director.tb.sim.Models;
import director.tb.stim.TrafficSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the model grows with the port count ({@code director sizes}, {@code scripts/model-sizes}): for each count, the
 * VP780's shape scaled to it, its SystemVerilog bytes, the Verilator + compiler seconds of its build and the pure C++
 * driver's cycles/s on the balanced plan.
 *
 * <p>The shape of N ports: the vp780 profile (its buffers, clock, 4 iSLIP iterations, 16 KiB frame stores) with
 * F = round(5N/39) FC ports (at least 1), 2F 10GbE ports, H = N - 3F host ports and 5H vNICs and 5H vHBAs (vp780: 5
 * of each per server, 120 for 24). 8 ports is the gateway profile's eth:2,fc:1 shape, 39 is vp780 itself.
 */
public final class ModelSizes {
    private ModelSizes() {}

    public static final String BEGIN = "<!-- model-sizes:begin -->", END = "<!-- model-sizes:end -->";

    /** The VP780 shape with {@code ports} ports (see the class comment); an IllegalArgumentException naming the count. */
    public static DirectorParams shape(int ports) {
        if (ports < 4 || ports > 64) throw new IllegalArgumentException("--ports: each count must be 4..64 (a host port and "
                + "three module ports at least), got " + ports);
        int fc = Math.max(1, (int) Math.round(5.0 * ports / 39)), eth = 2 * fc, hosts = ports - 3 * fc;
        Map<String, String> o = new TreeMap<>();
        o.put("ports", Integer.toString(ports));
        o.put("modules", "eth:" + eth + ",fc:" + fc);
        o.put("vnics", Integer.toString(5 * hosts));
        o.put("vhbas", Integer.toString(5 * hosts));
        return DirectorParams.withOverridesJava(DirectorParams.vp780(), o);
    }

    /**
     * One line of the table. {@code cached}: the model was in the cache already, so its build seconds are the ones
     * recorded when it was built. {@code frames}: offered in the window; {@code egressFrames}: what the C++ driver saw leave.
     */
    public record Row(int ports, int hosts, String modules, int vnics, int vhbas, int threads, long svBytes, double buildSeconds,
                      boolean cached, double cppRate, long frames, long egressFrames) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ports", ports);
            m.put("host_ports", hosts);
            m.put("modules", modules);
            m.put("vnics", vnics);
            m.put("vhbas", vhbas);
            m.put("verilator_threads", threads);
            m.put("sv_bytes", svBytes);
            m.put("build_seconds", buildSeconds < 0 ? null : buildSeconds);
            m.put("build_from_cache", cached);
            m.put("cpp_cycles_per_second", cppRate);
            m.put("frames_offered", frames);
            m.put("frames_out_cpp", egressFrames);
            return m;
        }
    }

    /** Builds (or finds) the model of {@code ports} ports and measures it: the C++ driver {@code repetitions} times, the median. */
    public static Row measure(int ports, long cycles, long seed, int repetitions, Path workDir) throws IOException {
        DirectorParams p = shape(ports);
        long before = System.currentTimeMillis();
        Path lib = DirectorModel.library(p, false);
        Path secs = lib.resolveSibling("build-seconds.txt");
        boolean cached = !Files.isRegularFile(secs) || Files.getLastModifiedTime(secs).toMillis() < before;
        long sv = Files.size(lib.resolveSibling("DirectorTop.sv"));
        int threads = 1;
        for (String line : Files.readAllLines(lib.resolveSibling("cache-key.txt")))
            if (line.startsWith("threads=")) threads = Integer.parseInt(line.substring(8).trim());
        RunConfig rc = RunConfig.of(p, TrafficSpec.uniform(1.0).withPattern(TrafficSpec.Pattern.BALANCED), cycles, seed);
        Bench.CppRuns runs = Bench.cppRuns(rc, workDir.resolve("ports-" + ports), repetitions);
        return new Row(ports, p.hostPorts(), p.modules(), p.vnics(), p.vhbas(), threads, sv, ModelBuild.buildSeconds(lib), cached,
                runs.medianRate(), runs.frames(), runs.egressFrames());
    }

    /** The table in markdown, with what was chosen and how it was measured, and the growth between two of its rows. */
    public static String markdown(List<Row> rows, long cycles, long seed, int repetitions) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ports | host ports + module ports | vNICs / vHBAs | Verilator threads | SV bytes | build s (Verilator + compiler) "
                + "| C++ driver cycles/s | C++ driver frames out / offered |\n");
        sb.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows)
            sb.append(String.format(Locale.ROOT, "| %d | %d + %s | %d / %d | %d | %,d | %s | %,.0f | %,d / %,d |%n", r.ports, r.hosts, r.modules,
                    r.vnics, r.vhbas, r.threads, r.svBytes,
                    r.buildSeconds < 0 ? "not recorded" : String.format(Locale.ROOT, "%.0f%s", r.buildSeconds, r.cached ? " (cached)" : ""),
                    r.cppRate, r.egressFrames, r.frames));
        sb.append('\n');
        String growth = growth(rows);
        if (growth != null) sb.append(growth).append("\n\n");
        sb.append("Shape: the vp780 profile with `--ports N --set modules=eth:2F,fc:F --set vnics=5H --set vhbas=5H`, F = round(5N/39) "
                + "FC ports, H = N - 3F host ports (8 ports: the gateway profile's eth:2,fc:1; 39: vp780 itself). ");
        sb.append(String.format(Locale.ROOT, "Traffic: the balanced plan at load 1, %,d cycles, seed %d, run by the pure C++ driver "
                + "(bench figure (c)), the median of %d run%s. ", cycles, seed, repetitions, repetitions == 1 ? "" : "s"));
        sb.append("Build seconds: the model folder's build-seconds.txt; \"(cached)\": the model was built before this run and the "
                + "figure is the one recorded then (under whatever else the machine was doing, with or without ccache). ");
        sb.append("The C++ driver first makes every register write of a Java run's set-up (routes, SL-to-VL, vNIC and vHBA "
                + "tables), so it runs the main job's work (frames out / offered: what left in the window). ");
        sb.append("`scripts/model-sizes --readme` measures again and rewrites this table.\n");
        return sb.toString();
    }

    /** {@code growth 16 -> 39 ports: SV x2.60, build x3.10}, between 16 and 39 when both are rows, else the first and the last. */
    static String growth(List<Row> rows) {
        if (rows.size() < 2) return null;
        Row a = rows.stream().filter(r -> r.ports == 16).findFirst().orElse(null), b = rows.stream().filter(r -> r.ports == 39).findFirst().orElse(null);
        if (a == null || b == null) {
            a = rows.get(0);
            b = rows.get(rows.size() - 1);
        }
        String build = a.buildSeconds > 0 && b.buildSeconds > 0 ? String.format(Locale.ROOT, "x%.2f", b.buildSeconds / a.buildSeconds) : "n/a";
        return String.format(Locale.ROOT, "Growth %d -> %d ports: SV bytes x%.2f, build seconds %s, C++ driver cycles/s x%.2f.",
                a.ports, b.ports, (double) b.svBytes / a.svBytes, build, b.cppRate / a.cppRate);
    }

    /**
     * {@code text} with what lies between the markers {@link #BEGIN} and {@link #END} replaced by {@code table}; an
     * InputError naming {@code file} when they are missing or out of order.
     */
    public static String replaceTable(String text, String table, String file) {
        int b = text.indexOf(BEGIN), e = text.indexOf(END);
        if (b < 0 || e < 0 || e < b || text.indexOf(BEGIN, b + 1) >= 0)
            throw new InputError(file, "needs one '" + BEGIN + "' line and one '" + END + "' line after it, around the table "
                    + "to replace");
        return text.substring(0, b + BEGIN.length()) + "\n" + table + (table.endsWith("\n") ? "" : "\n") + text.substring(e);
    }

    /** For --json: the settings and the rows. */
    public static Map<String, Object> report(List<Row> rows, long cycles, long seed, int repetitions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cycles", cycles);
        m.put("seed", seed);
        m.put("repetitions", repetitions);
        m.put("traffic", "balanced, load 1");
        List<Object> list = new ArrayList<>();
        for (Row r : rows) list.add(r.toMap());
        m.put("rows", list);
        return m;
    }
}
