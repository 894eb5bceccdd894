package director.tb.cli;

import director.rtl.params.DirectorParams;
import director.tb.report.RunReport;
import director.tb.run.RunConfig;
import director.tb.run.RunResult;
import director.tb.run.Testbench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code director run}: generated traffic through the model, checked against the golden model. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulate generated traffic through the director and check every frame against the golden model.",
        footer = "%nPrints per port offered/accepted and expected/delivered Gb/s, drops by reason, per-VL figures, "
                + "latency percentiles, mismatches, lost frames, the seed and RESULT: PASS|FAIL.")
final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ModelOptions model;
    @Mixin TrafficOptions traffic;
    @Mixin RunOptions run;
    @Mixin CheckOption check;
    @Mixin RecordOptions record;
    @Mixin IterationsOption iterations;
    @Mixin OutputOptions output;
    @Mixin ReportOption report;
    @Mixin DebugOptions debug;
    @Mixin ProgressOptions progress;

    @Override
    public Integer call() throws IOException {
        report.prepare();
        DirectorParams p = model.params();
        RunConfig rc = check.applyTo(record.applyTo(iterations.applyTo(run.config(p, traffic.spec(p)))));
        PrintWriter out = spec.commandLine().getOut();
        out.println("seed " + rc.seed() + " (re-run this exact run with --seed " + rc.seed() + ")");
        for (String line : run.drawn()) out.println("settings drawn from the seed: " + line);
        RunResult r = Testbench.run(rc);
        director.tb.report.ReportSink.text(out, true).write(r);
        boolean passed = rc.check() ? RunReport.lineRatePass(r) : r.fault() == null;
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>(RunReport.json(r));
        json.putAll(debug.onResult("run", spec.commandLine().getParseResult().originalArgs(), rc, r, passed,
                () -> Testbench.source(rc), out));
        output.writeJson(json, out);
        report.write(r, "run", true, json, out);
        if (rc.capture() != null)
            out.println("captures: " + rc.capture() + "/port-NN.erf" + (p.hasGateway() ? " (host ports), port-NN.pcap (module ports)" : "")
                    + "; open with wireshark or tshark -r");
        if (rc.waves() != null) out.println("waves: " + rc.waves() + " (cycles " + rc.wavesFrom() + ".." + rc.wavesTo() + "; open with gtkwave)");
        out.flush();
        return passed ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }
}
