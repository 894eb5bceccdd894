package director.tb.report;

import director.tb.run.RunResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Where a run's result goes besides the JSON a command writes with its own fields (cli/OutputOptions): the text
 * report and the per-frame results CSV (and, as they come, an HTML report and JUnit XML). A command picks its sinks;
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
}
