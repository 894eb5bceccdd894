package director.tb.cli;

import director.tb.run.DirectorModel;
import director.rtl.params.DirectorParams;
import director.tb.run.BaselineBench;
import director.tb.run.Bench;
import director.tb.run.RunConfig;
import director.tb.run.StimulusFingerprint;
import director.tb.sim.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code director bench}: the same traffic driven three ways, to measure what the Java side costs. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Speed benchmark: (a) Java over JNA with the scoreboard, (b) Java with checking off, (c) the pure C++ "
                + "driver, on the same pre-generated traffic; medians of the repetitions.")
final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ModelOptions model;
    @Mixin TrafficOptions traffic;
    @Mixin RunOptions run;
    @Mixin RecordOptions record;
    @Mixin IterationsOption iterations;
    @Mixin OutputOptions output;
    @Mixin ProgressOptions progress;

    @Option(names = "--repetitions", paramLabel = "R", defaultValue = "5", converter = Converters.PositiveInt.class,
            description = "repetitions of (a), (b) and (c); the figures are their medians (default: ${DEFAULT-VALUE})")
    int repetitions;

    @Option(names = "--baseline", paramLabel = "REV",
            description = "measure this tree side by side with git revision REV (e.g. 00fb208, the previous model): REV is "
                    + "checked out as a worktree under the cache (<cache>/baselines/<commit>, reused), its testbench packaged "
                    + "there, and its own 'scripts/director bench' runs with these options, one repetition at a time, in "
                    + "turn with this tree's; prints both sides' figures, their medians and the speedup (the medians of the model "
                    + "run from Java with checking off), each side's model build seconds and SV bytes; fails when the two sides did not run "
                    + "the same traffic (default: none)")
    String baseline;

    @Override
    public Integer call() throws IOException {
        DirectorParams p = model.params();
        RunConfig rc = record.applyTo(iterations.applyTo(run.config(p, traffic.spec(p))));
        if (baseline != null) return compare(p, rc);
        PrintWriter out = spec.commandLine().getOut();
        out.println("bench: " + p.describe());
        out.println("seed " + rc.seed() + ", " + rc.cycles() + " cycles, traffic " + rc.traffic().describe() + ", batch " + rc.batch());
        out.flush();
        Bench.Result b = Bench.run(rc, Paths.get("target", "bench"), repetitions);
        out.println("per repetition: cycles/s (a, b, c); seconds inside the model / window for (a) and (b):");
        for (double[] s : b.samples())
            out.printf(Locale.ROOT, "  %10.0f %10.0f %10.0f    a %.3f/%.3f  b %.3f/%.3f%n", s[0], s[1], s[2], s[3], s[4], s[5], s[6]);
        out.println("medians:");
        out.printf(Locale.ROOT, "(a) Java over JNA, scoreboard on : %12.0f cycles/s%n", b.checkedRate());
        out.printf(Locale.ROOT, "(b) Java over JNA, checking off  : %12.0f cycles/s%n", b.uncheckedRate());
        out.printf(Locale.ROOT, "(c) pure C++ driver              : %12.0f cycles/s%n", b.cppRate());
        out.printf(Locale.ROOT, "    time inside the model's run() in (a): %.3f s of a %.3f s window%n",
                b.checkedRun().modelSeconds(), b.checkedRun().windowSeconds());
        out.printf(Locale.ROOT, "harness_efficiency a/c = %.3f (goal >= 0.95)%n", b.harnessEfficiency());
        out.printf(Locale.ROOT, "checking_overhead  b/a = %.3f (wall-time ratio, goal <= 1.05)%n", b.checkingOverhead());
        out.printf(Locale.ROOT, "checking_overhead, model time shared = %.3f (only the time outside the model differs)%n",
                b.checkingOverheadOutsideModel());
        out.printf(Locale.ROOT, "java_unchecked_vs_cpp b/c = %.3f%n", b.javaVsCpp());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", p.name());
        m.put("seed", rc.seed());
        m.put("cycles", rc.cycles());
        m.put("checked_cycles_per_second", b.checkedRate());
        m.put("unchecked_cycles_per_second", b.uncheckedRate());
        m.put("cpp_cycles_per_second", b.cppRate());
        m.put("harness_efficiency", b.harnessEfficiency());
        m.put("checking_overhead", b.checkingOverhead());
        m.put("checking_overhead_outside_model", b.checkingOverheadOutsideModel());
        m.put("repetitions", b.samples().size());
        m.put("samples_cycles_per_second", b.samples().stream().map(s -> (Object) List.of(s[0], s[1], s[2])).toList());
        // what ran, so that another revision's bench can be checked to have run the same (bench --baseline)
        m.put("traffic", StimulusFingerprint.of(b.stimulus()).toMap());
        m.put("model", BaselineBench.ModelInfo.of(DirectorModel.library(p, false)).toMap());
        output.writeJson(m, out);
        return Main.EXIT_PASS;
    }

    /** Options a side's bench gets from the comparison itself, not from the user's command line. */
    static final Set<String> NOT_PASSED = Set.of("--baseline", "--repetitions", "--json", "--no-progress", "--seed");

    /**
     * The options of a parsed {@code bench} command line as the baseline's bench gets them: every option the user gave,
     * with its values as given (a repeated option repeated), but --baseline, --repetitions, --json, --no-progress and
     * --seed, which the comparison sets itself.
     */
    static List<String> passThrough(ParseResult bench) {
        List<String> args = new ArrayList<>();
        // an option given twice is matched twice; its values, all of them, once
        for (OptionSpec o : new java.util.LinkedHashSet<>(bench.matchedOptions())) {
            String name = o.longestName();
            if (NOT_PASSED.contains(name)) continue;
            if (o.arity().max() == 0) {
                args.add(name);
                continue;
            }
            for (String v : o.originalStringValues()) {
                args.add(name);
                args.add(v);
            }
        }
        return args;
    }

    /** Of {@code args} (pairs of option and value, or flags), the model options (--profile, --ports, --set): what 'build' takes. */
    static List<String> modelOptions(List<String> args) {
        Set<String> model = Set.of("--profile", "--ports", "--set");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (model.contains(args.get(i)) && i + 1 < args.size()) {
                out.add(args.get(i));
                out.add(args.get(++i));
            }
        }
        return out;
    }

    /** {@code --baseline REV}: both sides' benches in turn, compared (BaselineBench). */
    private int compare(DirectorParams p, RunConfig rc) throws IOException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (record.capture != null || record.waves != null)
            throw new ParameterException(spec.commandLine(), "--baseline: leave out --capture and --waves: a comparison measures "
                    + "speed only (record with a plain run or bench)");
        ParseResult parsed = spec.commandLine().getParseResult();
        boolean showProgress = !parsed.hasMatchedOption("--no-progress") && !director.harness.Progress.disabledByEnvironment();
        try {
            Path repo = BaselineBench.currentTree();
            String commit = BaselineBench.resolveRevision(repo, baseline);
            List<String> args = passThrough(parsed);
            args.addAll(List.of("--seed", Long.toString(rc.seed())));
            out.println("bench vs " + baseline + " (" + commit + "): " + p.describe());
            out.println("seed " + rc.seed() + ", " + rc.cycles() + " cycles, traffic " + rc.traffic().describe() + ", batch " + rc.batch());
            out.println("each side runs: scripts/director bench " + String.join(" ", args) + " --repetitions 1 --json FILE --no-progress");
            out.flush();
            Path tree = BaselineBench.preparedTree(repo, commit, baseline, BaselineBench.baselinesRoot(), line -> {
                out.println(line);
                out.flush();
            });
            BaselineBench.Side current = new BaselineBench.Side("current", repo), base = new BaselineBench.Side("baseline", tree);
            String tag = commit.substring(0, Math.min(12, commit.length()));
            Path work = Paths.get("target", "bench", "baseline-" + tag).toAbsolutePath();
            Files.createDirectories(work);
            List<String> modelArgs = modelOptions(args);
            BaselineBench.ModelInfo currentModel = BaselineBench.model(current, modelArgs, showProgress, work.resolve("build-current.log"), baseline);
            BaselineBench.ModelInfo baseModel = BaselineBench.model(base, modelArgs, showProgress, work.resolve("build-baseline.log"), baseline);
            out.println("models (Verilator + compiler seconds of their build, SystemVerilog bytes):");
            out.println("  current : " + describe(currentModel));
            out.println("  baseline: " + describe(baseModel));
            out.println("per repetition, cycles/s: (a) Java with the scoreboard, (b) Java unchecked, (c) pure C++ driver; logs in " + work);
            out.flush();
            List<BaselineBench.Figures> cur = new ArrayList<>(), bas = new ArrayList<>();
            StimulusFingerprint traffic = null;
            for (int i = 1; i <= repetitions; i++) {
                BaselineBench.SideRun c, b;
                try (var task = director.harness.Progress.start("bench vs " + baseline + " " + i + "/" + repetitions + ": current", -1, "", 1, false)) {
                    c = BaselineBench.bench(current, args, work.resolve("rep-" + i + "-current.json"), work.resolve("rep-" + i + "-current.log"), baseline);
                }
                if (traffic == null) traffic = c.traffic();
                BaselineBench.checkSameTraffic(traffic, c.traffic(), "current", i, baseline);
                try (var task = director.harness.Progress.start("bench vs " + baseline + " " + i + "/" + repetitions + ": baseline", -1, "", 1, false)) {
                    b = BaselineBench.bench(base, args, work.resolve("rep-" + i + "-baseline.json"), work.resolve("rep-" + i + "-baseline.log"), baseline);
                }
                BaselineBench.checkSameTraffic(traffic, b.traffic(), "baseline", i, baseline);
                cur.add(c.figures());
                bas.add(b.figures());
                out.printf(Locale.ROOT, "  %d/%d  current  %,10.0f %,10.0f %,10.0f   baseline %,10.0f %,10.0f %,10.0f%n", i, repetitions,
                        c.figures().checked(), c.figures().unchecked(), c.figures().cpp(),
                        b.figures().checked(), b.figures().unchecked(), b.figures().cpp());
                out.flush();
            }
            BaselineBench.Comparison cmp = new BaselineBench.Comparison(cur, bas);
            BaselineBench.Figures mc = cmp.currentMedians(), mb = cmp.baselineMedians();
            out.println("traffic: the same on both sides in every run: " + traffic);
            out.printf(Locale.ROOT, "medians of %d, cycles/s:          current    baseline   current/baseline%n", repetitions);
            out.printf(Locale.ROOT, "  (a) Java, scoreboard on   %,12.0f %,11.0f   %.2fx%n", mc.checked(), mb.checked(), cmp.checkedRatio());
            out.printf(Locale.ROOT, "  (b) Java, checking off    %,12.0f %,11.0f   %.2fx%n", mc.unchecked(), mb.unchecked(), cmp.uncheckedRatio());
            out.printf(Locale.ROOT, "  (c) pure C++ driver       %,12.0f %,11.0f   %.2fx%n", mc.cpp(), mb.cpp(), cmp.cppRatio());
            if (currentModel.buildSeconds() > 0 && baseModel.buildSeconds() > 0)
                out.printf(Locale.ROOT, "model build: %.1f s vs %.1f s: %.2fx faster to build (each as recorded when it was built, "
                                + "under the machine's load then%s)%n", currentModel.buildSeconds(), baseModel.buildSeconds(),
                        baseModel.buildSeconds() / currentModel.buildSeconds(),
                        sameSv(currentModel, baseModel) ? "; the same SystemVerilog on both sides: the difference is the machine's" : "");
            if (currentModel.svBytes() > 0 && baseModel.svBytes() > 0)
                out.printf(Locale.ROOT, "SystemVerilog: %,d vs %,d bytes (%.2fx)%n", currentModel.svBytes(), baseModel.svBytes(),
                        (double) currentModel.svBytes() / baseModel.svBytes());
            out.println(cmp.headline(baseline));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("profile", p.name());
            m.put("seed", rc.seed());
            m.put("cycles", rc.cycles());
            m.put("options", args);
            Map<String, Object> bl = new LinkedHashMap<>();
            bl.put("revision", baseline);
            bl.put("commit", commit);
            bl.put("tree", tree.toString());
            m.put("baseline", bl);
            m.put("repetitions", repetitions);
            List<Object> samples = new ArrayList<>();
            for (int i = 0; i < repetitions; i++) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("repetition", i + 1);
                s.put("current", cur.get(i).toMap());
                s.put("baseline", bas.get(i).toMap());
                samples.add(s);
            }
            m.put("samples", samples);
            Map<String, Object> medians = new LinkedHashMap<>();
            medians.put("current", mc.toMap());
            medians.put("baseline", mb.toMap());
            m.put("medians", medians);
            Map<String, Object> ratios = new LinkedHashMap<>();
            ratios.put("checked", cmp.checkedRatio());
            ratios.put("unchecked", cmp.uncheckedRatio());
            ratios.put("cpp", cmp.cppRatio());
            m.put("ratios_current_over_baseline", ratios);
            m.put("speedup", cmp.speedup());
            m.put("speedup_basis", "unchecked");
            Map<String, Object> models = new LinkedHashMap<>();
            models.put("current", currentModel.toMap());
            models.put("baseline", baseModel.toMap());
            m.put("models", models);
            m.put("traffic", traffic.toMap());
            output.writeJson(m, out);
            return Main.EXIT_PASS;
        } catch (BaselineBench.Failure f) {
            out.flush();
            err.println("director: " + f.getMessage());
            err.flush();
            return f.exitCode;
        }
    }

    /** Whether both models were built from byte-identical SystemVerilog. */
    private static boolean sameSv(BaselineBench.ModelInfo a, BaselineBench.ModelInfo b) {
        try {
            return a.svBytes() == b.svBytes() && a.svBytes() > 0
                    && Files.mismatch(a.library().resolveSibling("DirectorTop.sv"), b.library().resolveSibling("DirectorTop.sv")) == -1;
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(BaselineBench.ModelInfo m) {
        return String.format(Locale.ROOT, "%s  %s, %s", m.library(),
                m.buildSeconds() < 0 ? "build seconds not recorded" : String.format(Locale.ROOT, "%.1f s", m.buildSeconds()),
                m.svBytes() < 0 ? "no SV in its folder" : String.format(Locale.ROOT, "%,d bytes of SV", m.svBytes()));
    }
}
