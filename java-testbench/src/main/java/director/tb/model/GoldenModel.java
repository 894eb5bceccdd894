package director.tb.model;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The reference model of the switch core, in plain Java: forwarding by DLID, the drop rules, and the counters
 * the RTL must show. It knows nothing of cycles or of the simulator.
 *
 * <p>Rules (v1 core): a packet shorter than the 8-byte LRH is a runt; one longer than maxPacketBytes is
 * oversize; otherwise its DLID (LRH bytes 2-3) selects the output through the forwarding table, and a DLID
 * with no valid entry (or beyond the table) is unknown. A forwarded packet leaves unchanged. Packets of one
 * (input, output) flow leave in the order they came.
 */
public final class GoldenModel {
    private final SwitchConfig cfg;
    private final int[] lft;  // -1 = no entry
    private final long[][] counters;

    /** Counter order matches the RTL's CSR map. */
    public enum Counter { RX_PACKETS, RX_BYTES, TX_PACKETS, TX_BYTES, DROP_UNKNOWN_DLID, DROP_OVERSIZE, DROP_RUNT }

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

    /** A packet arriving on {@code inPort}: where it goes (and the counters it moves at ingress). */
    public Prediction ingress(int inPort, byte[] packet) {
        counters[inPort][Counter.RX_PACKETS.ordinal()]++;
        counters[inPort][Counter.RX_BYTES.ordinal()] += packet.length;
        Prediction p;
        if (packet.length < 8) p = Prediction.dropped(DropReason.RUNT);
        else if (packet.length > cfg.maxPacketBytes()) p = Prediction.dropped(DropReason.OVERSIZE);
        else {
            int dlid = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
            int out = route(dlid);
            p = out < 0 ? Prediction.dropped(DropReason.UNKNOWN_DLID) : Prediction.forward(out, packet);
        }
        if (p.isDrop()) {
            Counter c = switch (p.drop()) {
                case RUNT -> Counter.DROP_RUNT;
                case OVERSIZE -> Counter.DROP_OVERSIZE;
                case UNKNOWN_DLID -> Counter.DROP_UNKNOWN_DLID;
            };
            counters[inPort][c.ordinal()]++;
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
        for (long[] c : counters) {
            m.merge(DropReason.UNKNOWN_DLID, c[Counter.DROP_UNKNOWN_DLID.ordinal()], Long::sum);
            m.merge(DropReason.OVERSIZE, c[Counter.DROP_OVERSIZE.ordinal()], Long::sum);
            m.merge(DropReason.RUNT, c[Counter.DROP_RUNT.ordinal()], Long::sum);
        }
        return m;
    }
}
