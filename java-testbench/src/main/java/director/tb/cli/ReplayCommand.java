package director.tb.cli;

import director.rtl.params.DirectorParams;
import director.tb.model.SwitchConfig;
import director.tb.run.RunConfig;
import director.tb.run.RunResult;
import director.tb.run.Testbench;
import director.tb.stim.ScheduledFrames;
import director.tb.stim.TrafficSpec;
import director.tb.stim.trace.TraceInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code director replay FILE...}: a trace or a capture through the model, every frame checked, one result row each. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay a captured or written workload through the director, every frame checked against the golden model.",
                "FILE: CSV traces (docs/traces.md), captures (pcap or pcapng with Ethernet or FC link type 225; ERF with "
                        + "InfiniBand records), or a directory a run's --capture wrote (its port-NN.in.* files are replayed "
                        + "at their ports: the same frames in, the same bytes out). Everything is read and checked before "
                        + "the first cycle. The window (--cycles) is the trace's span unless given; the drain follows."},
        footer = "%nPrints the run report (RESULT: PASS when every frame was delivered exactly as predicted or dropped for "
                + "the predicted reason) and writes one row per frame to the results CSV.")
final class ReplayCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ModelOptions model;
    @Mixin RunOptions run;
    @Mixin CheckOption check;
    @Mixin RecordOptions record;
    @Mixin IterationsOption iterations;
    @Mixin OutputOptions output;
    @Mixin ReportOption report;
    @Mixin DebugOptions debug;
    @Mixin ProgressOptions progress;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "traces, captures or capture directories")
    List<Path> files;

    @Option(names = "--speed", paramLabel = "F", defaultValue = "1", converter = Converters.PositiveDouble.class,
            description = "scale time: 2 replays twice as fast, 0.5 half as fast (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--line-rate", description = "ignore the timestamps: each port's frames back to back at its line rate, in trace order (default: at their timestamps)")
    boolean lineRate;

    @Option(names = "--keep-gaps",
            description = "keep idle gaps as captured (default: a gap in which the director is surely idle, every frame "
                    + "offered so far having had time to leave at line rate, is shortened to 10 us)")
    boolean keepGaps;

    @Option(names = "--mac-map", paramLabel = "FILE",
            description = "captures: the vNICs the Ethernet frames' MACs belong to (CSV: mac,host_port,eth_port[,vlans]; "
                    + "docs/captures.md); a MAC not in it is an error (default: every source MAC becomes a vNIC)")
    Path macMap;

    @Option(names = "--results", paramLabel = "FILE.csv", defaultValue = "replay-results.csv",
            description = "per-frame results: frame id, origin, ingress port and cycles, egress port(s) and cycles, "
                    + "latency, verdict (default: ${DEFAULT-VALUE})")
    Path results;

    @Override
    public Integer call() throws IOException {
        report.prepare();
        DirectorParams p = model.params();
        SwitchConfig cfg = SwitchConfig.of(p);
        ScheduledFrames first = TraceInputs.load(files, cfg, macMap, speed, lineRate, keepGaps);
        RunConfig rc = check.applyTo(record.applyTo(iterations.applyTo(run.config(p, TrafficSpec.uniform(1.0)))));
        // the window: the trace's span unless --cycles says otherwise; the drain lets the last frames out
        if (!spec.commandLine().getParseResult().hasMatchedOption("--cycles")) rc = withCycles(rc, first.lastCycle());
        RunConfig config = rc;
        PrintWriter out = spec.commandLine().getOut();
        out.println("seed " + rc.seed() + " (link partners' randomness; re-run this exact replay with --seed " + rc.seed() + ")");
        for (String line : run.drawn()) out.println("settings drawn from the seed: " + line);
        out.println(first.describe());
        out.flush();
        RunResult r;
        try (var named = director.harness.Progress.label("replay")) {
            r = Testbench.run(rc, first, true);
        }
        director.tb.report.ReportSink.text(out, false).write(r);
        director.tb.report.ReportSink.frameResults(results, out).write(r);
        boolean passed = r.clean();
        Map<String, Object> json = new LinkedHashMap<>(director.tb.report.RunReport.json(r));
        json.put("results_csv", results.toString());
        json.putAll(debug.onResult("replay", spec.commandLine().getParseResult().originalArgs(), config, r, passed, () -> {
            try {
                return TraceInputs.load(files, cfg, macMap, speed, lineRate, keepGaps);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, out));
        output.writeJson(json, out);
        report.write(r, "replay", false, json, out);
        out.flush();
        return passed ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }

    private static RunConfig withCycles(RunConfig rc, long cycles) {
        return new RunConfig(rc.params(), rc.traffic(), Math.max(1, cycles), rc.seed(), rc.check(), rc.batch(), rc.egressMode(),
                rc.stallPpm(), rc.waves(), rc.wavesFrom(), rc.wavesTo(), rc.maxDrain(), rc.watchdog(), rc.iterations(), rc.capture(),
                rc.sl2vl(), rc.links(), rc.scenario(), rc.schedPeriod(), rc.coverage());
    }
}
