package director.tb.report;

import director.tb.run.RunResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run's result goes: the text report, the JSON report, the per-frame results CSV (and, as they come, an HTML
 * report and JUnit XML). A command picks its sinks; the run loop knows none of them.
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

    /** The JSON report with {@code extra} fields after the run's own (the debug flow's commands and files). */
    static ReportSink json(Path file, Map<String, Object> extra, PrintWriter out) {
        return r -> {
            Map<String, Object> m = new LinkedHashMap<>(RunReport.json(r));
            m.putAll(extra);
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Json.write(m));
            out.println("json: " + file);
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
