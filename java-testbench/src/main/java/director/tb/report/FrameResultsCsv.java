package director.tb.report;

import director.tb.check.FrameLog;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The per-frame results of a run as CSV (RFC 4180, written with Apache Commons CSV): one row per frame offered, in
 * offer order. Columns: {@code frame_id, origin, ingress_port, offered_cycle, ingress_first_cycle, ingress_last_cycle,
 * egress_ports, egress_first_cycles, egress_last_cycles, latency_cycles, latency_ns, verdict, drop_reason}. Several
 * copies (a broadcast replicated to vNICs) list their ports and cycles separated by {@code ;}. Cycles are model cycles
 * since reset (as the waves show them); latency is from the first beat in to the last beat of the last copy out;
 * empty where it does not apply. Verdicts: {@code delivered exact}, {@code dropped} (with the reason the golden model
 * predicted and the RTL counted), {@code mismatch}, {@code lost}, {@code not taken}.
 */
public final class FrameResultsCsv {
    private FrameResultsCsv() {}

    public static final List<String> HEADER = List.of("frame_id", "origin", "ingress_port", "offered_cycle", "ingress_first_cycle",
            "ingress_last_cycle", "egress_ports", "egress_first_cycles", "egress_last_cycles", "latency_cycles", "latency_ns",
            "verdict", "drop_reason");

    public static void write(Path file, FrameLog log, double nsPerCycle) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get())) {
            for (FrameLog.Entry e : log.entries()) {
                StringJoiner ports = new StringJoiner(";"), firsts = new StringJoiner(";"), lasts = new StringJoiner(";");
                for (FrameLog.Egress g : e.egress) {
                    ports.add(Integer.toString(g.port()));
                    firsts.add(Long.toString(g.firstCycle()));
                    lasts.add(Long.toString(g.lastCycle()));
                }
                long lat = e.latency();
                List<Object> row = new ArrayList<>(HEADER.size());
                row.add(e.id);
                row.add(e.origin);
                row.add(e.inPort);
                row.add(e.earliestCycle);
                row.add(e.ingressFirst < 0 ? "" : e.ingressFirst);
                row.add(e.ingressLast < 0 ? "" : e.ingressLast);
                row.add(ports.toString());
                row.add(firsts.toString());
                row.add(lasts.toString());
                row.add(lat < 0 ? "" : lat);
                row.add(lat < 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f", lat * nsPerCycle));
                row.add(e.verdict().label);
                row.add(e.drop == null ? "" : e.drop.key);
                p.printRecord(row);
            }
        }
    }
}
