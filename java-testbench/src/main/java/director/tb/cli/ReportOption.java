package director.tb.cli;

import director.tb.run.Reproduce;

import director.tb.report.ReportSink;
import director.tb.run.RunResult;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code --report DIR}: the run's HTML report, DIR/index.html (self-contained: CSS inline, plots embedded as PNG data
 * URIs; it opens from disk in any browser, offline), with the JSON report beside it as DIR/report.json.
 */
public final class ReportOption {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--report", paramLabel = "DIR",
            description = "also write an HTML report to DIR/index.html (made if missing): verdict, reproduce command, settings, "
                    + "per-port Gb/s, throughput over time, latency CDFs per VL and protocol, drops, VL shares; one file, plots "
                    + "embedded, opens offline; the JSON report beside it as DIR/report.json (default: none)")
    Path dir;

    /** Checks DIR before anything is simulated: it must be a directory, or creatable as one, and writable. */
    public void prepare() {
        if (dir == null) return;
        if (Files.exists(dir) && !Files.isDirectory(dir))
            throw usage("--report: '" + dir + "' is not a directory");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw usage("--report: cannot make directory '" + dir + "' (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (!Files.isWritable(dir)) throw usage("--report: directory '" + dir + "' is not writable");
    }

    /**
     * Writes the report when --report was given: {@code command} is the subcommand ("run", "replay") whose command line,
     * with the run's seed, repeats it; {@code json} the command's JSON report.
     */
    public void write(RunResult r, String command, boolean lineRateVerdict, Map<String, ?> json, PrintWriter out) throws IOException {
        if (dir == null) return;
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        String again = Reproduce.command(command, args, r.config().seed());
        String title = "director " + command + ": " + r.config().params().name() + ", seed " + r.config().seed();
        ReportSink.html(dir, title, lineRateVerdict, again, json, out).write(r);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
