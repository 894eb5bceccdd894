package director.tb.run;

import director.tb.check.VlShareCheck;
import director.tb.model.vlarb.VlTables;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run's output ports sent per virtual lane: every packet's VL, length and first-beat cycle per port (in
 * order), and the RTL's credit-stall counters. The VL arbitration checks ({@link VlShareCheck}) and the report's
 * per-VL shares are computed from it.
 *
 * @param tables      the VL arbitration tables every output port was given
 * @param sent        per port, the packets in the order they left (window and drain)
 * @param creditStall per port and VL 0..15, the RTL's CreditStallCycles counter at the end of the run
 * @param windowStart model cycle at which the window began
 * @param windowEnd   model cycle at which the window ended
 */
public record VlStats(VlTables tables, List<List<Sent>> sent, long[][] creditStall, long windowStart, long windowEnd) {
    /** One packet on an output: its first-beat cycle (model cycles), VL and length. */
    public record Sent(long cycle, int vl, int bytes) {}

    public static VlStats empty(VlTables t, int ports) {
        List<List<Sent>> l = new ArrayList<>();
        for (int p = 0; p < ports; p++) l.add(List.of());
        return new VlStats(t, l, new long[ports][16], 0, 0);
    }

    /** Bytes port {@code port} sent on each VL with first beat in [from, to) (model cycles). */
    public long[] bytesPerVl(int port, long from, long to) {
        long[] b = new long[16];
        for (Sent s : sent.get(port)) if (s.cycle() >= from && s.cycle() < to) b[s.vl()] += s.bytes();
        return b;
    }

    /** Bytes all ports sent on each VL with first beat inside the window (the drain sends whatever is left, so
     *  shares over the whole run only repeat what was offered). */
    public long[] bytesPerVlInWindow() {
        long[] b = new long[16];
        for (int p = 0; p < sent.size(); p++) {
            long[] port = bytesPerVl(p, windowStart, windowEnd);
            for (int v = 0; v < 16; v++) b[v] += port[v];
        }
        return b;
    }

    /** The packets of one port with first beat in [from, to), as the share check takes them. */
    public List<VlShareCheck.Sent> sequence(int port, long from, long to) {
        List<VlShareCheck.Sent> out = new ArrayList<>();
        for (Sent s : sent.get(port)) if (s.cycle() >= from && s.cycle() < to) out.add(new VlShareCheck.Sent(s.vl(), s.bytes()));
        return out;
    }
}
