package director.tb.cli;

import director.harness.Progress;
import director.rtl.params.DirectorParams;
import director.tb.run.RunConfig;
import director.tb.run.RunResult;
import director.tb.run.Testbench;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code director sweep}: crossbar throughput and latency against iSLIP iterations and line rate (internal speedup). */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = SweepCommand.Defaults.class,
        description = "Throughput and latency of the packet-mode crossbar against iSLIP iterations and internal speedup: "
                + "one run per (line rate, iterations) pair, same traffic and seed.")
final class SweepCommand implements Callable<Integer> {
    /** A sweep runs many windows: a shorter one by default. */
    static final long DEFAULT_CYCLES = 50_000;

    /** The sweep's own default window (run and bench keep RunOptions.DEFAULT_CYCLES). */
    static final class Defaults implements IDefaultValueProvider {
        @Override public String defaultValue(ArgSpec arg) {
            return arg instanceof OptionSpec o && o.longestName().equals("--cycles") ? Long.toString(DEFAULT_CYCLES) : null;
        }
    }

    @Spec CommandSpec spec;
    @Mixin ModelOptions model;
    @Mixin TrafficOptions traffic;
    @Mixin RunOptions run;
    @Mixin CheckOption check;
    @Mixin OutputOptions output;
    @Mixin ProgressOptions progress;

    @Option(names = "--iterations", paramLabel = "K", split = ",", defaultValue = "1,2,3,4", converter = Converters.NonNegativeInt.class,
            description = "iSLIP iterations to try, each 1..islipIterations of the profile (default: ${DEFAULT-VALUE})")
    List<Integer> iterations;

    @Option(names = "--line-gbps", paramLabel = "G", split = ",", converter = Converters.PositiveDouble.class,
            description = "line rates to try in Gb/s; the crossbar's rate stays, so a higher line rate is less internal "
                    + "speedup, and the crossbar's own rate (director profiles prints it) is none (default: the profile's lineGbps)")
    List<Double> lineGbps;

    @Override
    public Integer call() throws IOException {
        DirectorParams base = model.params();
        List<Double> lines = lineGbps != null ? lineGbps : List.of(base.lineGbps());
        RunConfig proto = check.applyTo(run.config(base, traffic.spec(base)));
        PrintWriter out = spec.commandLine().getOut();
        out.println("sweep: " + base.describe() + "; seed " + proto.seed() + ", " + proto.cycles() + " cycles, " + proto.traffic().describe());
        out.printf("%10s %10s %8s | %12s %13s %9s %14s %10s | %10s %12s | %s%n", "iterations", "line Gb/s", "speedup",
                "offered Gb/s", "accepted Gb/s", "accepted", "delivered Gb/s", "delivered", "lat p50 ns", "lat p99 ns", "result");
        out.flush();
        List<Object> rows = new ArrayList<>();
        int done = 0;
        for (double line : lines) {
            Map<String, String> o = new TreeMap<>();
            o.put("lineGbps", Double.toString(line));
            DirectorParams p = DirectorParams.withOverridesJava(base, o);
            for (int k : iterations) {
                RunConfig rc = new RunConfig(p, proto.traffic(), proto.cycles(), proto.seed(), proto.check(), proto.batch(),
                        proto.egressMode(), proto.stallPpm(), null, 0, 0, proto.maxDrain(), proto.watchdog(), k, null, proto.sl2vl(),
                        proto.links(), proto.scenario(), proto.schedPeriod(), null);
                RunResult r;
                try (var named = Progress.label(String.format(Locale.ROOT, "sweep %d/%d (iterations %d, %.1f Gb/s)",
                        ++done, lines.size() * iterations.size(), k, line))) {
                    r = Testbench.run(rc);
                }
                double off = RunResult.sum(r.offeredBytes()), acc = RunResult.sum(r.acceptedBytes());
                double del = RunResult.sum(r.deliveredWindowBytes());
                out.printf(Locale.ROOT, "%10d %10.1f %8.2f | %12.1f %13.1f %8.1f%% %14.1f %9.1f%% | %10.0f %12.0f | %s%n", k, line, p.speedup(),
                        r.gbps((long) off), r.gbps((long) acc), 100 * acc / off, r.gbps((long) del), 100 * del / off,
                        r.latencyPercentiles()[0] * r.nsPerCycle(),
                        r.latencyPercentiles()[2] * r.nsPerCycle(), r.clean() ? "clean" : "NOT CLEAN");
                out.flush();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("iterations", k);
                row.put("line_gbps", line);
                row.put("speedup", p.speedup());
                row.put("offered_gbps", r.gbps((long) off));
                row.put("accepted_gbps", r.gbps((long) acc));
                row.put("accepted_fraction", acc / off);
                row.put("delivered_window_gbps", r.gbps((long) del));
                row.put("delivered_fraction", del / off);
                row.put("latency_p50_ns", r.latencyPercentiles()[0] * r.nsPerCycle());
                row.put("latency_p99_ns", r.latencyPercentiles()[2] * r.nsPerCycle());
                row.put("clean", r.clean());
                rows.add(row);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", base.name());
        m.put("seed", proto.seed());
        m.put("cycles", proto.cycles());
        m.put("traffic", proto.traffic().describe());
        m.put("rows", rows);
        output.writeJson(m, out);
        return Main.EXIT_PASS;
    }
}
