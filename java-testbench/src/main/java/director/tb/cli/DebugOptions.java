package director.tb.cli;

import director.tb.run.Reproduce;

import director.tb.check.Failure;
import director.tb.run.DebugRun;
import director.tb.run.RunConfig;
import director.tb.run.RunResult;
import director.tb.stim.Source;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a failing run does (run, replay): print the commands that reproduce it, with and without waves, and with
 * {@code --on-fail waves} (the default) re-run itself with waves around its first failure, leaving the FST and a
 * GTKWave save file (DebugRun).
 */
public final class DebugOptions {
    enum OnFail { waves, none }

    @Option(names = "--on-fail", paramLabel = "ACTION", defaultValue = "waves",
            description = "on a failure (mismatch, lost frame, unpredicted drop, model fault): waves = run the same seed or "
                    + "trace again with waves on around the first failure and write FILE.fst and FILE.gtkw; none = only print "
                    + "the reproduce commands (default: ${DEFAULT-VALUE})")
    OnFail onFail;

    @Option(names = "--fail-waves", paramLabel = "FILE.fst",
            description = "where the debug re-run writes its waves; the .gtkw goes beside it (default: debug/COMMAND-seedS.fst)")
    Path failWaves;

    @Option(names = "--waves-before", paramLabel = "N", defaultValue = "" + DebugRun.DEFAULT_BEFORE,
            converter = Converters.NonNegativeLong.class, description = "cycles recorded before the failure (default: ${DEFAULT-VALUE})")
    long before;

    @Option(names = "--waves-after", paramLabel = "N", defaultValue = "" + DebugRun.DEFAULT_AFTER,
            converter = Converters.NonNegativeLong.class, description = "cycles recorded after the failure (default: ${DEFAULT-VALUE})")
    long after;

    /**
     * After a run: when it failed, prints the first failure and both reproduce commands and, with --on-fail waves,
     * re-runs it with waves. Returns what to add to the JSON report (empty for a passing run).
     */
    Map<String, Object> onResult(String command, List<String> originalArgs, RunConfig rc, RunResult r, boolean passed,
                                 Supplier<Source> source, PrintWriter out) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        if (passed) return json;
        Failure f = r.firstFailure();
        if (f == null) {
            // exact, but short of the line-rate verdict: nothing to look at in waves; the run itself repeats
            String again = Reproduce.command(command, originalArgs, rc.seed());
            out.println("reproduce: " + again);
            json.put("reproduce", again);
            return json;
        }
        Path fst = failWaves != null ? failWaves : Path.of("debug", command.replace(' ', '-') + "-seed" + rc.seed() + ".fst");
        long[] w = DebugRun.window(f, before, after);
        String again = Reproduce.command(command, originalArgs, rc.seed());
        String withWaves = Reproduce.withWaves(command, originalArgs, rc.seed(), fst.toString(), w[0], w[1]);
        out.println("first failure: " + f);
        out.println("reproduce: " + again);
        out.println("reproduce with waves: " + withWaves);
        json.put("first_failure", f.toString());
        json.put("first_failure_cycle", f.cycle());
        json.put("first_failure_port", f.port());
        json.put("reproduce", again);
        json.put("reproduce_with_waves", withWaves);
        if (onFail == OnFail.waves) {
            out.println("debug run: running again with waves on for cycles " + w[0] + ".." + w[1] + " ...");
            out.flush();
            DebugRun.Waves waves = DebugRun.rerun(rc, source, f, fst, before, after);
            for (String line : DebugRun.describe(waves)) out.println(line);
            json.put("waves", waves.fst().toString());
            json.put("gtkw", waves.gtkw().toString());
            json.put("waves_from", w[0]);
            json.put("waves_to", w[1]);
            json.put("rerun_same_failure", waves.sameFailure());
        }
        return json;
    }
}
