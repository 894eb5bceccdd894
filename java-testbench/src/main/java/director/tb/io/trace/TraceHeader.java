package director.tb.io.trace;

import director.tb.io.InputError;
import director.tb.stim.trace.TraceFrame;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The header row of a CSV trace: which column is where, and the time base ({@code time_ns} or {@code cycle}, exactly
 * one of them). Every name must be a known column, each at most once; {@code port} and {@code protocol} are required.
 *
 * @param line the header's line number
 */
record TraceHeader(long line, Map<TraceColumn, Integer> index, int size, TraceFrame.TimeBase base) {
    static TraceHeader of(String file, long line, List<String> names) {
        Map<TraceColumn, Integer> index = new EnumMap<>(TraceColumn.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty())
                throw new InputError(file, "line " + line, "column " + (i + 1), "the header names no column here");
            TraceColumn c = TraceColumn.named(name);
            if (c == null)
                throw new InputError(file, "line " + line, "column '" + name + "'", "unknown column"
                        + (i == 0 ? " (the first row must be the header)" : "") + ": expected " + TraceColumn.names());
            if (index.containsKey(c))
                throw new InputError(file, "line " + line, "column '" + name + "'", "named twice (columns "
                        + (index.get(c) + 1) + " and " + (i + 1) + ")");
            index.put(c, i);
        }
        boolean ns = index.containsKey(TraceColumn.TIME_NS), cycle = index.containsKey(TraceColumn.CYCLE);
        if (ns && cycle)
            throw new InputError(file, "line " + line, "column 'cycle'", "both time_ns and cycle: a trace has one time base, give one of them");
        if (!ns && !cycle)
            throw new InputError(file, "line " + line, null, "no time column: expected time_ns (nanoseconds) or cycle (core cycles)");
        for (TraceColumn c : List.of(TraceColumn.PORT, TraceColumn.PROTOCOL))
            if (!index.containsKey(c)) throw new InputError(file, "line " + line, null, "no '" + c.key() + "' column: every trace needs one");
        return new TraceHeader(line, index, names.size(), ns ? TraceFrame.TimeBase.NS : TraceFrame.TimeBase.CYCLE);
    }

    /** The time column. */
    TraceColumn timeColumn() { return base == TraceFrame.TimeBase.NS ? TraceColumn.TIME_NS : TraceColumn.CYCLE; }

    /** The cell of column {@code c} in {@code cells}, "" when the header has no such column. */
    String cell(List<String> cells, TraceColumn c) {
        Integer i = index.get(c);
        return i == null ? "" : cells.get(i);
    }

    boolean has(TraceColumn c) { return index.containsKey(c); }
}
