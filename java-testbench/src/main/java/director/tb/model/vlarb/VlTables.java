package director.tb.model.vlarb;

import director.rtl.csr.CsrMap;
import director.tb.io.InputError;
import director.tb.io.TextFiles;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The VL arbitration configuration of one output port (docs/vl-arbiter.md): the High and the Low table, each a
 * list of (vl, weight) entries in table order, and LimitOfHighPriority. Immutable.
 *
 * <p>An entry is <i>usable</i> when weight &gt; 0 and vl &lt; dataVls; the arbiter skips every other entry.
 * Entries past the end of a list are unused: weight 0, written as 0 by {@link #csrWrites}.
 *
 * <h2>File format ({@link #parse})</h2>
 * A CSV file (RFC 4180, read with Apache Commons CSV: a field may be quoted), one item per line, read as UTF-8:
 * <pre>
 * # comment: from '#' to the end of the line; blank lines are ignored too
 * table,vl,weight          (optional header, only as the first line that is not blank or a comment)
 * high,0,16                (an entry of the High table)
 * low,1,64                 (an entry of the Low table)
 * limit,4                  (LimitOfHighPriority, at most one such line)
 * </pre>
 * <ul>
 *   <li>{@code table} is {@code high} or {@code low} (any case); each table's entries are taken in file order, as
 *       entries 0, 1, ...; High and Low lines may be mixed. At most {@code maxEntries} (the port's
 *       {@code vlArbEntries}) per table.</li>
 *   <li>{@code vl} is a decimal integer 0..15, {@code weight} a decimal integer 0..255 (units of 64 bytes).</li>
 *   <li>{@code limit,N}: N a decimal integer 0..255 (255 = unlimited, otherwise N x 4096 bytes, 0 = one
 *       packet). Without this line the limit is 0, the register's reset value.</li>
 *   <li>Fields are trimmed of spaces. At least one High or Low entry must be given.</li>
 * </ul>
 * <b>Warning:</b> an entry whose VL is not a data VL of the switch (vl &gt;= dataVls, VL15 included) is accepted
 * (the register takes it) but the arbiter skips it, like an entry of weight 0.
 *
 * <p>Every bad input is an {@link IllegalArgumentException} naming the file, the line and the field, e.g.
 * {@code vl-tables.csv line 4, field weight: '300' is not 0..255}.
 *
 * @param dataVls    data VLs of the switch, 1..15 (decides which entries are usable)
 * @param maxEntries entries of each table in the hardware (vlArbEntries), 1..64
 * @param high       the High table's entries 0..high.size()-1, at most maxEntries
 * @param low        the Low table's entries, at most maxEntries
 * @param limit      LimitOfHighPriority, 0..255
 */
public record VlTables(int dataVls, int maxEntries, List<Entry> high, List<Entry> low, int limit) {
    /** Largest VL number in an entry. */
    public static final int MAX_VL = 15;
    /** Largest weight. */
    public static final int MAX_WEIGHT = 255;
    /** Largest LimitOfHighPriority; this value means unlimited. */
    public static final int UNLIMITED = 255;
    /** Bytes per weight unit. */
    public static final int WEIGHT_UNIT = 64;
    /** The table length when the caller does not say (the default vlArbEntries). */
    public static final int DEFAULT_ENTRIES = 64;

    /** One table entry: vl 0..15, weight 0..255. */
    public record Entry(int vl, int weight) {
        public Entry {
            if (vl < 0 || vl > MAX_VL) throw new IllegalArgumentException("entry vl " + vl + " is not 0.." + MAX_VL);
            if (weight < 0 || weight > MAX_WEIGHT) throw new IllegalArgumentException("entry weight " + weight + " is not 0.." + MAX_WEIGHT);
        }
    }

    public VlTables {
        if (dataVls < 1 || dataVls > 15) throw new IllegalArgumentException("dataVls " + dataVls + " is not 1..15");
        if (maxEntries < 1 || maxEntries > 64) throw new IllegalArgumentException("maxEntries " + maxEntries + " is not 1..64");
        high = List.copyOf(high);
        low = List.copyOf(low);
        if (high.size() > maxEntries) throw new IllegalArgumentException("High table has " + high.size() + " entries, more than " + maxEntries);
        if (low.size() > maxEntries) throw new IllegalArgumentException("Low table has " + low.size() + " entries, more than " + maxEntries);
        if (limit < 0 || limit > UNLIMITED) throw new IllegalArgumentException("limit " + limit + " is not 0.." + UNLIMITED);
    }

    /** The RTL's reset values with {@value #DEFAULT_ENTRIES}-entry tables: see {@link #defaults(int, int)}. */
    public static VlTables defaults(int dataVls) {
        return defaults(dataVls, DEFAULT_ENTRIES);
    }

    /**
     * The RTL's reset values (docs/virtual-lanes.md, "Registers"): Low entry k = (VL k, weight 64) for
     * k &lt; dataVls (and k &lt; maxEntries), every other entry weight 0, High empty, limit 0.
     */
    public static VlTables defaults(int dataVls, int maxEntries) {
        List<Entry> low = new ArrayList<>();
        for (int k = 0; k < Math.min(dataVls, maxEntries); k++) low.add(new Entry(k, 64));
        return new VlTables(dataVls, maxEntries, List.of(), low, 0);
    }

    /** Whether the arbiter can choose this entry: weight &gt; 0 and a data VL. */
    public boolean usable(Entry e) {
        return e.weight() > 0 && e.vl() < dataVls;
    }

    /**
     * Reads a tables file (format in the class comment).
     *
     * @throws IllegalArgumentException naming the file, line and field of the first bad input, or the file when it
     *                                  cannot be read or has no entry
     */
    public static VlTables parse(Path file, int dataVls, int maxEntries) {
        String name = file.toString();
        String text;
        try {
            text = TextFiles.readUtf8(file);
        } catch (InputError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(name + ": cannot read the VL arbitration tables: " + e, e);
        }
        List<Entry> high = new ArrayList<>(), low = new ArrayList<>();
        int limit = 0;
        long limitLine = 0;
        boolean first = true;
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!it.hasNext()) break;
                    record = it.next();
                } catch (UncheckedIOException e) {
                    throw new IllegalArgumentException(name + " line " + parser.getCurrentLineNumber() + ": not valid CSV: "
                            + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
                }
                long lineNo = parser.getCurrentLineNumber();
                List<String> f = withoutComment(record.toList());
                if (f.size() == 1 && f.get(0).isEmpty()) continue;
                String where = name + " line " + lineNo;
                boolean header = f.size() == 3 && f.get(0).equalsIgnoreCase("table") && f.get(1).equalsIgnoreCase("vl")
                        && f.get(2).equalsIgnoreCase("weight");
                if (first && header) {
                    first = false;
                    continue;
                }
                first = false;
                String table = f.get(0).toLowerCase(Locale.ROOT);
                switch (table) {
                    case "limit" -> {
                        if (f.size() != 2) throw new IllegalArgumentException(where + ": " + f.size() + " fields, a limit line has 2 (limit,N)");
                        if (limitLine != 0)
                            throw new IllegalArgumentException(where + ", field limit: a second limit line (the first is line " + limitLine + ")");
                        limit = number(where, "limit", f.get(1), UNLIMITED);
                        limitLine = lineNo;
                    }
                    case "high", "low" -> {
                        if (f.size() != 3) throw new IllegalArgumentException(where + ": " + f.size() + " fields, an entry line has 3 (table,vl,weight)");
                        List<Entry> t = table.equals("high") ? high : low;
                        if (t.size() == maxEntries)
                            throw new IllegalArgumentException(where + ", field table: more than " + maxEntries + " entries in the " + table
                                    + " table (the port has " + maxEntries + ")");
                        int vl = number(where, "vl", f.get(1), MAX_VL);
                        int weight = number(where, "weight", f.get(2), MAX_WEIGHT);
                        t.add(new Entry(vl, weight));
                    }
                    default -> throw new IllegalArgumentException(where + ", field table: '" + InputError.oneLine(f.get(0))
                            + "' is not high, low or limit");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot read the VL arbitration tables: " + e, e);
        }
        if (high.isEmpty() && low.isEmpty())
            throw new IllegalArgumentException(name + ": no high or low entry (every data VL would stop)");
        return new VlTables(dataVls, maxEntries, high, low, limit);
    }

    /** The file's CSV: lines starting with '#' are comments, blank lines skipped, fields trimmed. */
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setCommentMarker('#').setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    /**
     * A record's fields up to a {@code #} that starts a comment after the start of the line (Commons CSV takes only
     * whole-line comments): the field holding it is cut there and trimmed, the fields after it dropped.
     */
    private static List<String> withoutComment(List<String> fields) {
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            int hash = f.indexOf('#');
            if (hash < 0) {
                out.add(f);
                continue;
            }
            out.add(f.substring(0, hash).trim());
            break;
        }
        return out;
    }

    /** A decimal integer 0..max, or an error naming where and the field. */
    private static int number(String where, String field, String text, int max) {
        boolean digits = !text.isEmpty() && text.length() <= 3 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        int v = digits ? Integer.parseInt(text) : -1;
        if (v < 0 || v > max)
            throw new IllegalArgumentException(where + ", field " + field + ": '" + InputError.oneLine(text) + "' is not 0.." + max);
        return v;
    }

    /**
     * The register writes that program this configuration into output {@code port}, as {address, value} pairs:
     * High entries 0..maxEntries-1, then Low entries 0..maxEntries-1 (entries past the end of a list written as 0,
     * i.e. VL0 weight 0, so the whole table is defined), then LimitOfHighPriority. Addresses and entry words from
     * {@link CsrMap#vlArbHighAddr}, {@link CsrMap#vlArbLowAddr}, {@link CsrMap#vlArbLimitAddr} and
     * {@link CsrMap#vlArbEntryWord}.
     */
    public List<long[]> csrWrites(int port) {
        if (port < 0 || port > 63) throw new IllegalArgumentException("csrWrites: port " + port + " is not 0..63");
        List<long[]> w = new ArrayList<>(2 * maxEntries + 1);
        for (int k = 0; k < maxEntries; k++) w.add(new long[] {CsrMap.vlArbHighAddr(port, k), word(high, k)});
        for (int k = 0; k < maxEntries; k++) w.add(new long[] {CsrMap.vlArbLowAddr(port, k), word(low, k)});
        w.add(new long[] {CsrMap.vlArbLimitAddr(port), limit});
        return w;
    }

    private static long word(List<Entry> t, int k) {
        return k < t.size() ? CsrMap.vlArbEntryWord(t.get(k).vl(), t.get(k).weight()) : 0L;
    }

    /**
     * Per VL 0..15, the VL's share of the total weight of the usable entries of both tables together (a VL with
     * several entries sums them); all zeros when no entry is usable. VL15 and VLs &gt;= dataVls get 0.
     */
    public double[] weightShare() {
        long[] w = new long[MAX_VL + 1];
        long total = 0;
        for (List<Entry> t : List.of(high, low))
            for (Entry e : t)
                if (usable(e)) {
                    w[e.vl()] += e.weight();
                    total += e.weight();
                }
        double[] share = new double[MAX_VL + 1];
        if (total > 0) for (int v = 0; v <= MAX_VL; v++) share[v] = (double) w[v] / total;
        return share;
    }

    /**
     * Writes this configuration into an arbiter model: every entry 0..entries-1 of both tables (past the end of a
     * list: VL0 weight 0) and the limit. Like the register writes, this does not reset the arbiter's state (the
     * new limit takes effect at its next reload).
     *
     * @throws IllegalArgumentException when the model's dataVls or table length differ from this configuration's
     */
    public void applyTo(VlArbiterModel m) {
        if (m.dataVls() != dataVls || m.entries() != maxEntries)
            throw new IllegalArgumentException("applyTo: the model has dataVls " + m.dataVls() + " and " + m.entries()
                    + " entries, these tables dataVls " + dataVls + " and " + maxEntries);
        for (int k = 0; k < maxEntries; k++) {
            Entry h = k < high.size() ? high.get(k) : new Entry(0, 0);
            Entry l = k < low.size() ? low.get(k) : new Entry(0, 0);
            m.setHigh(k, h.vl(), h.weight());
            m.setLow(k, l.vl(), l.weight());
        }
        m.setLimit(limit);
    }
}
