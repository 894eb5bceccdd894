package director.tb.model;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The reference model of the switch core, in plain Java: forwarding by DLID, the drop rules, and the counters
 * the RTL must show. It knows nothing of cycles or of the simulator.
 *
 * <p>Rules: the ingress checks of docs/ingress-checks.md in their order ({@link IngressChecks}); a packet
 * that passes them is routed by its DLID (LRH bytes 2-3) through the forwarding table, and a DLID with no
 * valid entry (or beyond the table) is unknown. A forwarded packet leaves with LRH.VL = SL2VL[in][out][SL]
 * and its VCRC recomputed; nothing else changes. Packets of one
 * (input, output) flow leave in the order they came.
 */
public final class GoldenModel {
    private final SwitchConfig cfg;
    private final int[] lft;  // -1 = no entry
    private final long[][] counters;

    /** The counters the model predicts, with their index in a port's CSR counter block. */
    public enum Counter {
        RX_PACKETS(0), RX_BYTES(1), TX_PACKETS(2), TX_BYTES(3), DROP_UNKNOWN_DLID(4), DROP_OVERSIZE(5), DROP_RUNT(6),
        DROP_BAD_VCRC(8), DROP_BAD_LVER(9), DROP_BAD_LNH(10), DROP_BAD_PKTLEN(11), DROP_BAD_ICRC(12),
        DROP_VL15_TOO_LONG(13), DROP_TOO_LONG(14), DROP_BAD_VL(15);

        public final int csrIndex;

        Counter(int csrIndex) { this.csrIndex = csrIndex; }

        static Counter of(DropReason r) {
            for (Counter c : values()) if (c.csrIndex == r.counterIndex) return c;
            throw new IllegalStateException("no counter for " + r);
        }
    }

    public GoldenModel(SwitchConfig cfg) {
        this.cfg = cfg;
        this.lft = new int[cfg.lidTableSize()];
        Arrays.fill(lft, -1);
        this.counters = new long[cfg.ports()][Counter.values().length];
    }

    public SwitchConfig config() { return cfg; }

    public void setRoute(int dlid, int port) {
        if (dlid < 0 || dlid >= lft.length) throw new IllegalArgumentException("route: DLID " + dlid + " outside the table (0.." + (lft.length - 1) + ")");
        if (port < 0 || port >= cfg.ports()) throw new IllegalArgumentException("route: port " + port + " outside 0.." + (cfg.ports() - 1));
        lft[dlid] = port;
    }

    public void clearRoute(int dlid) { lft[dlid] = -1; }

    public int route(int dlid) { return dlid < lft.length ? lft[dlid] : -1; }

    private final java.util.Map<Long, Long> sl2vl = new java.util.HashMap<>();

    /** The SL-to-VL table of (in, out): VL of SL s in bits 4s+3..4s; a pair never written maps every SL to VL0. */
    public void setSl2Vl(int in, int out, long table) { sl2vl.put((long) in << 32 | out, table); }

    public int egressVl(int in, int out, int sl) {
        return (int) ((sl2vl.getOrDefault((long) in << 32 | out, 0L) >>> (4 * sl)) & 0xf);
    }

    /** A packet arriving on {@code inPort}: where it goes (and the counters it moves at ingress). */
    public Prediction ingress(int inPort, byte[] packet) {
        counters[inPort][Counter.RX_PACKETS.ordinal()]++;
        counters[inPort][Counter.RX_BYTES.ordinal()] += packet.length;
        Prediction p;
        DropReason bad = IngressChecks.check(packet, cfg.maxPacketBytes(), cfg.mtuBytes());
        if (bad != null) p = Prediction.dropped(bad);
        else {
            int dlid = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
            int out = route(dlid);
            if (out < 0) p = Prediction.dropped(DropReason.UNKNOWN_DLID);
            else {
                // the switch rewrites LRH.VL to SL2VL[in][out][SL] and recomputes the VCRC (the ICRC does not cover the VL)
                int vl = egressVl(inPort, out, (packet[1] >> 4) & 0xf);
                p = Prediction.forward(out, director.tb.frame.IbPacket.withVl(packet, vl));
            }
        }
        if (p.isDrop()) {
            counters[inPort][Counter.of(p.drop()).ordinal()]++;
        } else {
            counters[p.outPort()][Counter.TX_PACKETS.ordinal()]++;
            counters[p.outPort()][Counter.TX_BYTES.ordinal()] += packet.length;
        }
        return p;
    }

    public long counter(int port, Counter c) { return counters[port][c.ordinal()]; }

    /** Drops per reason, summed over ports. */
    public Map<DropReason, Long> drops() {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) m.put(r, 0L);
        for (long[] c : counters)
            for (DropReason r : DropReason.values()) m.merge(r, c[Counter.of(r).ordinal()], Long::sum);
        return m;
    }
}
