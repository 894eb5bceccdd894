package director.tb.report;

import director.tb.run.RunResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a run's result goes besides the JSON a command writes with its own fields (cli/OutputOptions): the text
 * report, the per-frame results CSV and the HTML report (and, as it comes, JUnit XML). A command picks its sinks;
 * the run loop knows none of them.
 */
public interface ReportSink {
    void write(RunResult r) throws IOException;

    /** The text report; {@code lineRateVerdict} as in {@link RunReport#text(RunResult, boolean)}. */
    static ReportSink text(PrintWriter out, boolean lineRateVerdict) {
        return r -> {
            out.print(RunReport.text(r, lineRateVerdict));
            out.flush();
        };
    }

    /** One row per frame (needs a run that kept its frame log). */
    static ReportSink frameResults(Path file, PrintWriter out) {
        return r -> {
            if (r.frames() == null) throw new IllegalStateException("per-frame results need a run that keeps its frame log");
            FrameResultsCsv.write(file, r.frames(), r.nsPerCycle());
            out.println("per-frame results: " + file);
        };
    }

    /**
     * The HTML report, {@code dir}/index.html (report/html/RunPage: self-contained, plots embedded), and beside it
     * {@code json} as {@code dir}/report.json; prints {@code report: dir/index.html}. {@code command} repeats the run;
     * {@code json} is the command's JSON report, whose figures the page lists; {@code lineRateVerdict} as in
     * {@link RunReport#text(RunResult, boolean)}.
     */
    static ReportSink html(Path dir, String title, boolean lineRateVerdict, String command, Map<String, ?> json, PrintWriter out) {
        return r -> {
            Path index = director.tb.report.html.RunPage.build(title, r, RunReport.verdict(r, lineRateVerdict), command, json).write(dir);
            Files.writeString(dir.resolve("report.json"), Json.write(json));
            out.println("report: " + index);
            out.flush();
        };
    }
}
