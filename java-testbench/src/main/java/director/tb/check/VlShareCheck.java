package director.tb.check;

import director.tb.model.vlarb.VlTables;
import director.tb.model.vlarb.VlTables.Entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * System-level checks of the VL arbitration of one output port (IBTA 7.6.9 as made exact in docs/vl-arbiter.md),
 * from what the port sent in a window: the (VL, bytes) of its packets in send order. The port's tables and limit
 * ({@link VlTables}) must not have changed during the window.
 *
 * <h2>Roles of the VLs</h2>
 * An entry is usable when weight &gt; 0 and vl &lt; dataVls. A VL is <i>High</i> when it has a usable High entry
 * and no usable Low entry, <i>Low</i> the other way round, <i>shared</i> when it has usable entries in both tables;
 * VL15 bypasses the tables. A packet's table is known only for High and Low VLs.
 *
 * <h2>Saturation</h2>
 * Rules (a) to (c) hold only when the port was <i>saturated</i> during the window: at every arbitration decision
 * every VL with a usable entry had a packet waiting whose blocks fit the VL's credits (rule (a) needs this only
 * of the Low VLs). The caller decides when that is so (for example: every data VL offered more than the line can
 * carry, and the egress partner consuming at once); outside saturation the rules may fail on a correct switch.
 * Rule (0) holds always.
 *
 * <h2>The rules</h2>
 * <ul>
 *   <li><b>(0) Known VL.</b> Every packet is on VL15 or on a VL with a usable entry (the arbiter cannot choose any
 *       other).</li>
 *   <li><b>(a) High-priority limit</b>, when limit L != 255. A <i>stretch</i> is the High packets after a
 *       Low packet (or the window start) up to the next Low packet. A packet on a shared VL may have been a Low
 *       packet, so it ends the stretch too, without counting as High; VL15 packets are ignored. Rule: each High
 *       packet after the first of its stretch starts while the stretch's High bytes before it are below
 *       L x 4096 (for L = 0: a stretch has at most one High packet). This is the allowance rule of
 *       docs/vl-arbiter.md (steps 5 and 6) exactly; it implies the High bytes between two consecutive Low packets
 *       are below L x 4096 + maxPacketBytes.</li>
 *   <li><b>(b) Weighted turns</b>, per table, when the table has at least two usable entries, their VLs are
 *       pairwise distinct, and no VL is shared: then the table's packets (the packets on its VLs, in order) split
 *       into maximal runs of one VL, each run being one turn of the entry of that VL. Rules:
 *       <ul>
 *         <li>order: for every two consecutive runs (the first and last included), the second run's VL is the VL of
 *             the first usable entry after the first run's entry in the table (cyclically);</li>
 *         <li>budget: for every run but the first and the last of the window (which may be partial), with B its
 *             bytes, b its last packet's bytes and w its entry's weight: {@code B - b < w * 64 <= B}. The turn
 *             goes on while fewer than w x 64 bytes are sent, and ends with the packet that reaches them.</li>
 *       </ul>
 *       Packets of the other table and of VL15 may come between a table's packets; they do not end its runs.</li>
 *   <li><b>(c) Shares</b>, per table, when no VL is shared (a VL may have several entries of its table). With N the
 *       table's usable entries, W = 64 x (sum of their weights), and for each of its VLs v: B_v = 64 x (sum of v's
 *       usable weights). Over the window, T = the table's bytes, bytes_v = v's bytes, m = the table's largest packet
 *       in the window, R = floor(T / W). Rule:
 *       <pre>| bytes_v - (B_v / W) x T | &lt;= 3 x B_v + (N x (R + 1) + 2) x m</pre>
 *       Why it holds: under saturation the table's turns go round its usable entries in order, a complete turn of
 *       entry e sends between b_e = 64 x w_e and b_e + m - 1 bytes, the window holds at most R complete rounds and
 *       two partial turns (each under b_e + m). Counting one extra turn of each entry (B_v), the overshoot of up to
 *       (R + 1) turns per entry, and the two partial turns (2 x (B_v + m)) on each side gives the bound. It catches
 *       gross misallocation (weights applied to the wrong VLs, a VL starved); the budgets of single turns are rule
 *       (b)'s business.</li>
 * </ul>
 *
 * <p>The result also lists, for information, every VL's bytes, its share of the window's data-VL bytes (VL15
 * excluded), and {@link VlTables#weightShare()}; these are not compared (High and Low share the line by priority
 * and limit, not by weight).
 */
public final class VlShareCheck {
    /** One packet the port sent: its VL (0..15) and length in bytes (LRH to VCRC, at least 1). */
    public record Sent(int vl, int bytes) {
        public Sent {
            if (vl < 0 || vl > 15) throw new IllegalArgumentException("Sent: vl " + vl + " is not 0..15");
            if (bytes < 1) throw new IllegalArgumentException("Sent: bytes " + bytes + " is not positive");
        }
    }

    /** A VL's totals over the window, for information. */
    public record VlTotal(int vl, long packets, long bytes, double share, double weightShare) {}

    /** Rule (c) for one VL of one table. */
    public record VlAgreement(String table, int vl, long bytes, double expected, double tolerance) {
        public boolean ok() { return Math.abs(bytes - expected) <= tolerance; }
    }

    /**
     * What the check found.
     *
     * @param violations     the first {@value #KEEP} violations, each naming the packet index(es) in the sequence
     * @param violationCount all violations
     * @param perVl          every VL that sent something, in VL order
     * @param agreements     rule (c) per VL of each table it applied to
     * @param notes          the rules that did not apply, and why
     */
    public record Result(List<String> violations, long violationCount, List<VlTotal> perVl, List<VlAgreement> agreements,
                         List<String> notes) {
        public boolean ok() { return violationCount == 0; }

        /** Readable lines: per-VL totals, share agreements, notes, violations. */
        public String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append(ok() ? "VL arbitration: no violation\n" : "VL arbitration: " + violationCount + " violation(s)\n");
            for (VlTotal t : perVl)
                sb.append(String.format(Locale.ROOT, "  VL %2d: %d packets, %d bytes, %.1f%% of data bytes (weight share %.1f%%)%n",
                        t.vl(), t.packets(), t.bytes(), 100 * t.share(), 100 * t.weightShare()));
            for (VlAgreement a : agreements)
                sb.append(String.format(Locale.ROOT, "  %s table VL %d: %d bytes, by weight %.0f +- %.0f%s%n",
                        a.table(), a.vl(), a.bytes(), a.expected(), a.tolerance(), a.ok() ? "" : "  VIOLATION"));
            for (String n : notes) sb.append("  note: ").append(n).append('\n');
            for (String v : violations) sb.append("  ").append(v).append('\n');
            return sb.toString();
        }
    }

    /** Violations kept in a result. */
    public static final int KEEP = 100;

    private static final int VL15 = 15;
    private static final int LIMIT_UNIT = 4096;
    private enum Role { HIGH, LOW, SHARED, VL15, NONE }

    private final List<Sent> sent;
    private final VlTables tables;
    private final Role[] role = new Role[16];
    private final List<String> violations = new ArrayList<>();
    private long violationCount;
    private final List<String> notes = new ArrayList<>();
    private final List<VlAgreement> agreements = new ArrayList<>();

    private VlShareCheck(List<Sent> sent, VlTables tables) {
        this.sent = sent;
        this.tables = tables;
        for (int v = 0; v < 16; v++) {
            boolean hi = hasUsable(tables.high(), v), lo = hasUsable(tables.low(), v);
            role[v] = v == VL15 ? Role.VL15 : hi && lo ? Role.SHARED : hi ? Role.HIGH : lo ? Role.LOW : Role.NONE;
        }
    }

    /**
     * Checks one output port's packets (rules in the class comment).
     *
     * @param sent           the packets in send order
     * @param tables         the port's arbitration configuration (its dataVls decides which entries are usable)
     * @param maxPacketBytes the switch's largest packet; a longer packet in {@code sent} is an input error
     * @throws IllegalArgumentException naming the packet index when a packet is longer than maxPacketBytes
     */
    public static Result check(List<Sent> sent, VlTables tables, int maxPacketBytes) {
        if (maxPacketBytes < 1) throw new IllegalArgumentException("maxPacketBytes " + maxPacketBytes + " is not positive");
        for (int i = 0; i < sent.size(); i++)
            if (sent.get(i).bytes() > maxPacketBytes)
                throw new IllegalArgumentException("packet " + i + ": " + sent.get(i).bytes() + " bytes, more than maxPacketBytes " + maxPacketBytes);
        VlShareCheck c = new VlShareCheck(sent, tables);
        c.knownVls();
        c.highLimit(maxPacketBytes);
        c.tables();
        return new Result(List.copyOf(c.violations), c.violationCount, c.totals(), List.copyOf(c.agreements), List.copyOf(c.notes));
    }

    private boolean hasUsable(List<Entry> t, int v) {
        for (Entry e : t) if (tables.usable(e) && e.vl() == v) return true;
        return false;
    }

    private void violation(String s) {
        violationCount++;
        if (violations.size() < KEEP) violations.add(s);
    }

    /** Rule (0). */
    private void knownVls() {
        for (int i = 0; i < sent.size(); i++) {
            int v = sent.get(i).vl();
            if (role[v] == Role.NONE)
                violation("packet " + i + ": VL " + v + " has no usable entry in either table (dataVls " + tables.dataVls()
                        + "), the arbiter cannot choose it");
        }
    }

    /** Rule (a). */
    private void highLimit(int maxPacketBytes) {
        int limit = tables.limit();
        if (limit == VlTables.UNLIMITED) {
            notes.add("(a) high-priority limit: not checked, the limit is 255 (unlimited)");
            return;
        }
        long allowance = (long) limit * LIMIT_UNIT;
        long bytes = 0;
        int packets = 0;
        int lastLow = -1;  // index of the packet that began the stretch; -1 = the window start
        boolean reported = false;
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(i);
            Role r = role[s.vl()];
            if (r == Role.LOW || r == Role.SHARED) {
                bytes = 0;
                packets = 0;
                lastLow = i;
                reported = false;
            } else if (r == Role.HIGH) {
                if (packets >= 1 && bytes >= allowance && !reported) {
                    String since = lastLow < 0 ? "since the window start" : "since the last Low packet (packet " + lastLow + ")";
                    violation(limit == 0
                            ? "packet " + i + " (VL " + s.vl() + ", High table): a second High packet " + since + "; limit 0 allows one"
                            : "packet " + i + " (VL " + s.vl() + ", High table): " + bytes + " High bytes already sent " + since
                              + "; limit " + limit + " allows another High packet only below " + allowance + " (" + limit
                              + " x 4096), so at most " + (allowance + maxPacketBytes) + " bytes between Low packets");
                    reported = true;  // one report per stretch
                }
                bytes += s.bytes();
                packets++;
            }
        }
    }

    /** Rules (b) and (c), for each table. */
    private void tables() {
        List<Integer> shared = new ArrayList<>();
        for (int v = 0; v < 16; v++) if (role[v] == Role.SHARED) shared.add(v);
        if (!shared.isEmpty()) {
            notes.add("(b) turns and (c) shares: not checked, VL(s) " + shared + " have usable entries in both tables (their packets' table is unknown)");
            return;
        }
        table("High", tables.high(), Role.HIGH);
        table("Low", tables.low(), Role.LOW);
    }

    private void table(String name, List<Entry> entries, Role r) {
        List<Integer> usable = new ArrayList<>();  // entry indices
        for (int k = 0; k < entries.size(); k++) if (tables.usable(entries.get(k))) usable.add(k);
        if (usable.isEmpty()) return;
        int[] entryOfVl = new int[16];
        java.util.Arrays.fill(entryOfVl, -1);
        boolean distinct = true;
        for (int k : usable) {
            int v = entries.get(k).vl();
            if (entryOfVl[v] >= 0) distinct = false;
            else entryOfVl[v] = k;
        }
        if (usable.size() < 2) notes.add("(b) " + name + " turns: not checked, one usable entry");
        else if (!distinct) notes.add("(b) " + name + " turns: not checked, a VL has several usable entries (runs of one VL do not show the turns)");
        else turns(name, entries, entryOfVl, r);
        shares(name, entries, usable, r);
    }

    /** One maximal run of packets of one VL among a table's packets. */
    private record Run(int vl, int first, int last, long bytes, int lastBytes) {}

    /** Rule (b) for one table whose usable entries have distinct VLs. */
    private void turns(String name, List<Entry> entries, int[] entryOfVl, Role r) {
        List<Run> runs = new ArrayList<>();
        int vl = -1, first = -1, last = -1, lastBytes = 0;
        long bytes = 0;
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(i);
            if (role[s.vl()] != r) continue;
            if (s.vl() != vl) {
                if (vl >= 0) runs.add(new Run(vl, first, last, bytes, lastBytes));
                vl = s.vl();
                first = i;
                bytes = 0;
            }
            last = i;
            bytes += s.bytes();
            lastBytes = s.bytes();
        }
        if (vl >= 0) runs.add(new Run(vl, first, last, bytes, lastBytes));
        for (int k = 0; k + 1 < runs.size(); k++) {
            Run a = runs.get(k), b = runs.get(k + 1);
            int e = entryOfVl[a.vl()];
            int next = nextUsable(entries, e);
            if (entries.get(next).vl() != b.vl())
                violation(name + " table, packet " + b.first() + ": a turn of VL " + b.vl() + " (entry " + entryOfVl[b.vl()]
                        + ") follows the turn of VL " + a.vl() + " (entry " + e + ", packets " + a.first() + ".." + a.last()
                        + "); the next usable " + name + " entry is entry " + next + " (VL " + entries.get(next).vl() + ")");
        }
        for (int k = 1; k + 1 < runs.size(); k++) {
            Run t = runs.get(k);
            int e = entryOfVl[t.vl()];
            int w = entries.get(e).weight();
            long budget = (long) w * VlTables.WEIGHT_UNIT;
            String turn = name + " table, packets " + t.first() + ".." + t.last() + " (turn of VL " + t.vl() + ", entry " + e
                    + ", weight " + w + " = " + budget + " bytes): ";
            if (t.bytes() < budget)
                violation(turn + "ended at " + t.bytes() + " bytes, before its budget of " + budget);
            else if (t.bytes() - t.lastBytes() >= budget)
                violation(turn + "went on after reaching its budget: " + reachedAt(t, budget) + ", " + t.bytes()
                        + " at the end (the turn ends with the packet that reaches " + budget + ")");
        }
    }

    /** Where a run's bytes first reach the budget, as "N bytes at packet i". */
    private String reachedAt(Run t, long budget) {
        long sum = 0;
        for (int i = t.first(); i <= t.last(); i++) {
            if (sent.get(i).vl() != t.vl()) continue;
            sum += sent.get(i).bytes();
            if (sum >= budget) return sum + " bytes at packet " + i;
        }
        throw new IllegalStateException("budget not reached");  // not reached: called only when it was
    }

    /** The first usable entry after entry e, cyclically (e itself when it is the only one). */
    private int nextUsable(List<Entry> entries, int e) {
        int n = entries.size();
        for (int d = 1; d <= n; d++) {
            int k = (e + d) % n;
            if (tables.usable(entries.get(k))) return k;
        }
        throw new IllegalStateException("no usable entry");  // not reached: e is usable
    }

    /** Rule (c) for one table with no shared VL. */
    private void shares(String name, List<Entry> entries, List<Integer> usable, Role r) {
        long[] budget = new long[16];
        long w = 0;
        for (int k : usable) {
            budget[entries.get(k).vl()] += (long) entries.get(k).weight() * VlTables.WEIGHT_UNIT;
            w += (long) entries.get(k).weight() * VlTables.WEIGHT_UNIT;
        }
        long[] bytes = new long[16];
        long total = 0;
        int largest = 0, first = -1, last = -1;
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(i);
            if (role[s.vl()] != r) continue;
            bytes[s.vl()] += s.bytes();
            total += s.bytes();
            largest = Math.max(largest, s.bytes());
            if (first < 0) first = i;
            last = i;
        }
        long rounds = total / w;
        int n = usable.size();
        for (int v = 0; v < 16; v++) {
            if (budget[v] == 0) continue;
            double expected = (double) budget[v] / w * total;
            double tolerance = 3.0 * budget[v] + (n * (rounds + 1) + 2.0) * largest;
            VlAgreement a = new VlAgreement(name, v, bytes[v], expected, tolerance);
            agreements.add(a);
            if (!a.ok())
                violation(String.format(Locale.ROOT, "%s table, packets %d..%d: VL %d sent %d of the table's %d bytes; its weights give"
                                + " %.0f +- %.0f (3 x budget %d + (%d entries x (%d rounds + 1) + 2) x largest packet %d)",
                        name, first, last, v, bytes[v], total, expected, tolerance, budget[v], n, rounds, largest));
        }
    }

    private List<VlTotal> totals() {
        long[] packets = new long[16], bytes = new long[16];
        long data = 0;
        for (Sent s : sent) {
            packets[s.vl()]++;
            bytes[s.vl()] += s.bytes();
            if (s.vl() != VL15) data += s.bytes();
        }
        double[] ws = tables.weightShare();
        List<VlTotal> out = new ArrayList<>();
        for (int v = 0; v < 16; v++)
            if (packets[v] > 0)
                out.add(new VlTotal(v, packets[v], bytes[v], v == VL15 || data == 0 ? 0.0 : (double) bytes[v] / data, ws[v]));
        return out;
    }
}
