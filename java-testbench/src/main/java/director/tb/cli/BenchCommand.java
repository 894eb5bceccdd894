package director.tb.cli;

import director.rtl.params.DirectorParams;
import director.tb.run.Bench;
import director.tb.run.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Override
    public Integer call() throws IOException {
        DirectorParams p = model.params();
        RunConfig rc = record.applyTo(iterations.applyTo(run.config(p, traffic.spec(p))));
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
        output.writeJson(m, out);
        return Main.EXIT_PASS;
    }
}
