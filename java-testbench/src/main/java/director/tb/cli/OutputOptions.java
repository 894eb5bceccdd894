package director.tb.cli;

import director.tb.report.Json;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command writes its machine-readable report, besides the text it prints. */
public final class OutputOptions {
    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON to FILE (default: text only)")
    Path json;

    /** Writes {@code report} (maps, lists, numbers, strings) as JSON when --json was given, and says where. */
    public void writeJson(Object report, PrintWriter out) throws IOException {
        if (json == null) return;
        Files.writeString(json, Json.write(report));
        out.println("json: " + json);
    }
}
