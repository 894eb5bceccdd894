package director.tb.io.trace;

import director.tb.io.InputError;
import director.tb.io.TextFiles;
import director.tb.stim.trace.TraceFrame;
import director.tb.stim.trace.TraceRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Reads and writes CSV traces (docs/traces.md) with Apache Commons CSV: a header row naming the columns (any case,
 * any order), then one frame per row; lines starting with {@code #} are comments, blank lines are skipped. Reading
 * validates every cell ({@link TraceRows}) and stops at the first bad one with an {@link InputError} naming the file,
 * the line, the column, the value and what was expected. Checks against a switch configuration (does the port exist,
 * is it of the right kind, is the vNIC there) are {@link director.tb.stim.trace.FrameFactory}'s.
 */
public final class TraceCsv {
    private TraceCsv() {}

    /** How traces are read: RFC 4180 with {@code #} comments, cells trimmed, blank lines skipped. */
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder()
            .setCommentMarker('#').setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
    /** How traces are written: RFC 4180 with {@code \n} line ends. */
    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    /**
     * The rows of trace {@code file}, in file order.
     *
     * @throws InputError for the first bad header cell or row cell, times that go backwards, a file that cannot be
     *                    read, is not CSV, or has no frames
     */
    public static List<TraceRow> read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = TextFiles.readUtf8(file);
        } catch (IOException | UncheckedIOException e) {
            throw new InputError(name, "cannot read the trace: " + e.getMessage());
        }
        List<TraceRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, READ)) {
            Iterator<CSVRecord> it = parser.iterator();
            TraceHeader header = null;
            TraceRow previous = null;
            while (true) {
                CSVRecord record;
                try {
                    if (!it.hasNext()) break;
                    record = it.next();
                } catch (UncheckedIOException e) {
                    throw new InputError(name, "line " + parser.getCurrentLineNumber(), null, "not valid CSV: "
                            + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
                }
                long line = parser.getCurrentLineNumber();
                List<String> cells = record.toList();
                if (cells.stream().allMatch(String::isEmpty)) continue;  // a line of spaces
                if (header == null) {
                    header = TraceHeader.of(name, line, cells);
                    continue;
                }
                if (cells.size() != header.size())
                    throw new InputError(name, "line " + line, null, cells.size() + " cells, the header (line "
                            + header.line() + ") has " + header.size() + " columns");
                TraceRow row = TraceRows.row(name, line, header, cells, previous);
                rows.add(row);
                previous = row;
            }
            if (header == null) throw new InputError(name, "no frames: the file has no header row and no rows");
        } catch (IOException e) {
            throw new InputError(name, "cannot read the trace: " + e.getMessage());
        }
        if (rows.isEmpty()) throw new InputError(name, "no frames: the file has a header and no rows");
        return rows;
    }

    /**
     * Writes {@code rows} to {@code file}: a header of every column ({@code time_ns} or {@code cycle} as {@code base}
     * says, then {@code port, protocol, dlid, sl, qp, dst_mac, src_mac, vlan, d_id, s_id, size, payload, seed}), one
     * row per line, empty cells for nulls; MACs as {@code aa:bb:cc:dd:ee:ff}, FC_IDs as {@code 0x010203}, payloads as
     * hex without separators, other numbers decimal. {@link #read} gives the rows back field by field.
     *
     * @throws IllegalArgumentException when a row's time base is not {@code base}
     * @throws UncheckedIOException     when the file cannot be written
     */
    public static void write(Path file, List<TraceRow> rows, TraceFrame.TimeBase base) {
        List<String> header = new ArrayList<>();
        for (TraceColumn c : TraceColumn.values())
            if (c != (base == TraceFrame.TimeBase.NS ? TraceColumn.CYCLE : TraceColumn.TIME_NS)) header.add(c.key());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(w, WRITE)) {
            out.printRecord(header);
            for (TraceRow r : rows) {
                if (r.base() != base)
                    throw new IllegalArgumentException(r.file() + ": " + r.where() + ": time base " + r.base() + ", the file's is " + base);
                out.printRecord(Arrays.asList(Long.toString(r.time()), Integer.toString(r.port()), r.protocol().label(),
                        text(r.dlid()), text(r.sl()), text(r.qp()),
                        r.dstMac() == null ? "" : TraceCells.macText(r.dstMac()),
                        r.srcMac() == null ? "" : TraceCells.macText(r.srcMac()),
                        text(r.vlan()),
                        r.dId() == null ? "" : TraceCells.fcIdText(r.dId()),
                        r.sId() == null ? "" : TraceCells.fcIdText(r.sId()),
                        text(r.size()),
                        r.payload() == null ? "" : TraceCells.bytesText(r.payload()),
                        text(r.seed())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the trace: " + e.getMessage(), e);
        }
    }

    private static String text(Number n) { return n == null ? "" : n.toString(); }
}
