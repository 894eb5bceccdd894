package director.tb.model;

import director.rtl.csr.CsrMap;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The reference model of the switch core, in plain Java: forwarding by DLID, the drop rules, the egress VL, and
 * the counters the RTL must show. It knows nothing of cycles or of the simulator.
 *
 * <p>Rules: the ingress checks of docs/ingress-checks.md in their order ({@link IngressChecks}); a packet
 * that passes them is routed by its DLID (LRH bytes 2-3) through the forwarding table, and a DLID with no
 * valid entry (or beyond the table) is unknown ({@link DropReason#UNKNOWN_DLID}). Then the egress VL
 * (docs/virtual-lanes.md, "Path of a packet", step 1), with the received VL = LRH byte 0 bits 7:4:
 * <ul>
 *   <li>received on VL15: it stays VL15 (the SL2VL table is not used);</li>
 *   <li>received on a VL &gt;= dataVls other than 15: dropped, {@link DropReason#BAD_VL};</li>
 *   <li>otherwise VL = SL2VL[in][out][SL] (SL = LRH byte 1 bits 7:4); a result &gt;= dataVls (15 included) is
 *       dropped, {@link DropReason#BAD_VL}.</li>
 * </ul>
 * A forwarded packet leaves with LRH.VL = its egress VL and its VCRC recomputed; nothing else changes.
 * Packets of one (input, output, SL) flow leave in the order they came.
 *
 * <p>Counters: the per-port block ({@link #counter}) and the per-port per-VL block ({@link #vlCounter}), both as
 * the CSR map lays them out.
 */
public final class GoldenModel {
    private static final int VL15 = 15;
    private static final int VLS = 16;
    // the per-VL counter offsets n, from the register map (the Scala object CsrMap.VlCounter)
    private static final CsrMap.VlCounter$ VLC = CsrMap.VlCounter$.MODULE$;
    private static final int VL_COUNTER_WORDS = CsrMap.VlCounterStride();
    private static final int VL_RX_PACKETS = VLC.RxPackets();
    private static final int VL_RX_BYTES = VLC.RxBytes();
    private static final int VL_TX_PACKETS = VLC.TxPackets();
    private static final int VL_TX_BYTES = VLC.TxBytes();
    private static final int VL_DROP_BASE = VLC.DropBase();

    private final SwitchConfig cfg;
    private final int[] lft;  // -1 = no entry
    /** The gateway's rules (null without module ports) and its per-port counters [port][n], CsrMap.gwCounterAddr. */
    private final director.tb.model.gateway.GatewayModel gateway;
    private final long[][] gwCounters;
    private static final CsrMap.GwCounter$ GWC = CsrMap.GwCounter$.MODULE$;
    private final long[][] counters;
    /** [port][vl 0..15][n 0..31], the per-VL counter block of docs/virtual-lanes.md ("Registers"). */
    private final long[][][] vlCounters;

    /**
     * The counters the model predicts (every per-port counter but XbarBeats), each with its index in a port's CSR
     * counter block, read from the register map by name ({@code CsrMap.Counter}: RX_PACKETS is RxPackets).
     */
    public enum Counter {
        RX_PACKETS, RX_BYTES, TX_PACKETS, TX_BYTES, DROP_UNKNOWN_DLID, DROP_OVERSIZE, DROP_RUNT,
        DROP_BAD_VCRC, DROP_BAD_LVER, DROP_BAD_LNH, DROP_BAD_PKT_LEN, DROP_BAD_ICRC,
        DROP_VL15_TOO_LONG, DROP_TOO_LONG, DROP_BAD_VL;

        public final int csrIndex;

        Counter() { this.csrIndex = CsrMap.counterIndex(csrName(name())); }

        /** The register map's name of a counter: "DROP_BAD_PKT_LEN" -> "DropBadPktLen". */
        static String csrName(String constant) {
            StringBuilder sb = new StringBuilder();
            for (String w : constant.split("_")) sb.append(w.charAt(0)).append(w.substring(1).toLowerCase(java.util.Locale.ROOT));
            return sb.toString();
        }

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
        this.vlCounters = new long[cfg.ports()][VLS][VL_COUNTER_WORDS];
        this.gateway = cfg.hasGateway()
                ? new director.tb.model.gateway.GatewayModel(cfg.dataVls(), cfg.ethMaxFrameBytes(), cfg.ethPorts(), cfg.hostPorts(), cfg.vnics(),
                        cfg.fcPorts(), cfg.vhbas())
                : null;
        if (gateway != null) gateway.setCoreMHz(cfg.coreMHz());
        this.gwCounters = new long[cfg.ports()][CsrMap.GwCounterStride()];
    }

    /** The gateway's vNIC table and GW_LID (docs/gateway.md); null when the switch has no module ports. */
    public director.tb.model.gateway.GatewayModel gateway() { return gateway; }

    /** Predicted gateway counter n of a port (CsrMap.gwCounterAddr): wire frames/bytes, encapsulations, drops at n = reason. */
    public long gwCounter(int port, int n) { return gwCounters[port][n]; }

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

    /** SL2VL[in][out][sl], the raw table lookup (before the bad_vl rule). */
    public int egressVl(int in, int out, int sl) {
        return (int) ((sl2vl.getOrDefault((long) in << 32 | out, 0L) >>> (4 * sl)) & 0xf);
    }

    /** A packet arriving on {@code inPort}: where it goes, on which VL (and the counters it moves). */
    public Prediction ingress(int inPort, byte[] packet) { return ingress(inPort, packet, Long.MAX_VALUE); }

    /**
     * {@link #ingress(int, byte[])} for a packet whose last beat went in at model cycle {@code lastBeatCycle}: a
     * 10GbE port decides in the next cycle, with the vNIC table as it was then (docs/gateway.md, "Migration").
     */
    public Prediction ingress(int inPort, byte[] packet, long lastBeatCycle) { return ingressAll(inPort, packet, lastBeatCycle).get(0); }

    /**
     * Every packet an injected frame becomes: one (or its drop), except a group Ethernet frame on a 10GbE port,
     * which becomes one copy per member vNIC (docs/gateway.md, "LAN -> server").
     */
    public java.util.List<Prediction> ingressAll(int inPort, byte[] packet, long lastBeatCycle) {
        if (!cfg.isModule(inPort)) return java.util.List.of(core(inPort, packet, -1, lastBeatCycle));
        // a module port: the gateway decides on the frame; what it encapsulates enters the port's input buffer
        long[] gw = gwCounters[inPort];
        gw[GWC.WireFramesIn()]++;
        gw[GWC.WireBytesIn()] += packet.length;
        long decided = lastBeatCycle == Long.MAX_VALUE ? Long.MAX_VALUE : lastBeatCycle + 1;
        java.util.List<director.tb.model.gateway.GatewayModel.Decision> ds = cfg.isFc(inPort)
                ? java.util.List.of(gateway.fromSan(inPort, packet, decided)) : gateway.fromLanAll(inPort, packet, decided);
        java.util.List<Prediction> out = new java.util.ArrayList<>();
        for (director.tb.model.gateway.GatewayModel.Decision d : ds) {
            if (d.isDrop()) {
                gw[d.drop().rtlCode]++;
                out.add(Prediction.dropped(d.drop()));
                continue;
            }
            gw[GWC.Encapsulated()]++;
            out.add(core(inPort, d.bytes(), d.port(), Long.MAX_VALUE));
        }
        return out;
    }

    /** An IB packet entering input {@code inPort}'s buffer; {@code forcedOut} >= 0: its route (the gateway's). */
    private Prediction core(int inPort, byte[] packet, int forcedOut, long lastBeatCycle) {
        counters[inPort][Counter.RX_PACKETS.ordinal()]++;
        counters[inPort][Counter.RX_BYTES.ordinal()] += packet.length;
        int rxVl = packet.length >= 1 ? (packet[0] >> 4) & 0xf : -1;  // a packet of no bytes has no VL
        if (rxVl >= 0) {
            vlCounters[inPort][rxVl][VL_RX_PACKETS]++;
            vlCounters[inPort][rxVl][VL_RX_BYTES] += packet.length;
        }
        Prediction p = decide(inPort, packet, rxVl, forcedOut, lastBeatCycle);
        if (p.isDrop() && p.drop().isGateway()) {
            gwCounters[inPort][p.drop().rtlCode]++;
        } else if (p.isDrop()) {
            counters[inPort][Counter.of(p.drop()).ordinal()]++;
            if (rxVl >= 0) vlCounters[inPort][rxVl][VL_DROP_BASE + p.drop().rtlCode]++;
        } else {
            boolean local = cfg.isEth(p.outPort()) && gateway.isLocal(p.outPort(), p.bytes());
            if (cfg.isModule(p.outPort()) && !local) {
                gwCounters[p.outPort()][GWC.WireFramesOut()]++;
                gwCounters[p.outPort()][GWC.WireBytesOut()] += p.bytes().length;
            }
            counters[p.outPort()][Counter.TX_PACKETS.ordinal()]++;
            counters[p.outPort()][Counter.TX_BYTES.ordinal()] += packet.length;
            vlCounters[p.outPort()][p.vl()][VL_TX_PACKETS]++;
            vlCounters[p.outPort()][p.vl()][VL_TX_BYTES] += packet.length;
            if (local) return hairpin(p.outPort(), p.bytes());
        }
        return p;
    }

    /**
     * vNIC-to-vNIC (docs/gateway.md): a frame leaving 10GbE port {@code port} for a vNIC behind that same port turns
     * round into the port's way in and is decided there like a LAN frame (counted as a frame in, not out).
     */
    private Prediction hairpin(int port, byte[] frame) {
        long[] gw = gwCounters[port];
        gw[GWC.WireFramesIn()]++;
        gw[GWC.WireBytesIn()] += frame.length;
        director.tb.model.gateway.GatewayModel.Decision d = gateway.fromLan(port, frame);
        if (d.isDrop()) {
            gw[d.drop().rtlCode]++;
            return Prediction.dropped(d.drop());
        }
        gw[GWC.Encapsulated()]++;
        return core(port, d.bytes(), d.port(), Long.MAX_VALUE);
    }

    /** The fate of one packet, in the order of the class comment: ingress checks, DLID lookup, egress VL. */
    private Prediction decide(int inPort, byte[] packet, int rxVl, int forcedOut, long lastBeatCycle) {
        DropReason bad = IngressChecks.check(packet, cfg.maxPacketBytes(), cfg.mtuBytes());
        if (bad != null) return Prediction.dropped(bad);
        int dlid = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
        director.tb.model.gateway.GatewayModel.Decision toLan = null;
        int out;
        if (forcedOut >= 0) out = forcedOut;
        else if (gateway != null && dlid == gateway.gwLid()) {
            // admitted two cycles after its last beat went in (HeaderPeek holds each beat one cycle)
            toLan = gateway.fromHost(packet, inPort, lastBeatCycle == Long.MAX_VALUE ? Long.MAX_VALUE : lastBeatCycle + 2);
            if (toLan.isDrop()) return Prediction.dropped(toLan.drop());
            out = toLan.port();
        } else {
            out = route(dlid);
            if (out >= 0 && !cfg.isHost(out)) out = -1;  // the forwarding table routes to host ports only
        }
        if (out < 0) return Prediction.dropped(DropReason.UNKNOWN_DLID);
        int vl;
        if (rxVl == VL15) vl = VL15;
        else if (rxVl >= cfg.dataVls()) return Prediction.dropped(DropReason.BAD_VL);
        else {
            vl = egressVl(inPort, out, (packet[1] >> 4) & 0xf);
            if (vl >= cfg.dataVls()) return Prediction.dropped(DropReason.BAD_VL);
        }
        // to a module port: the Ethernet frame with its FCS or the FC frame with its delimiters, ordered by the SL it
        // crossed the switch with
        if (toLan != null) return Prediction.forward(out, vl, toLan.bytes(), (packet[1] >> 4) & 0xf);
        // the switch rewrites LRH.VL and recomputes the VCRC (the ICRC does not cover the VL)
        return Prediction.forward(out, vl, director.tb.frame.IbPacket.withVl(packet, vl));
    }

    public long counter(int port, Counter c) { return counters[port][c.ordinal()]; }

    /**
     * The predicted value of per-VL counter {@code n} of VL {@code vl} on {@code port}, the register at
     * {@code CsrMap.vlCounterAddr(port, vl, n)}:
     * <ul>
     *   <li>n = 0 RxPackets, 1 RxBytes: every packet of at least one byte received on the port, whatever its fate,
     *       under its received VL (LRH byte 0 bits 7:4, read from the bytes as they arrived, also for runts);</li>
     *   <li>n = 2 TxPackets, 3 TxBytes: forwarded packets under their egress VL, at their output port;</li>
     *   <li>n = 16 + r (r = {@link DropReason#rtlCode}, 1..11): drops for reason r of packets received on the VL
     *       (a packet of no bytes is counted in no VL);</li>
     *   <li>every other n returns -1, not predicted: n = 4 (CreditStallCycles depends on timing, not on the
     *       packets alone) and the offsets with no counter (5..16, 28..31).</li>
     * </ul>
     *
     * @throws IllegalArgumentException when port, vl (0..15) or n (0..31) is out of range
     */
    public long vlCounter(int port, int vl, int n) {
        if (port < 0 || port >= cfg.ports()) throw new IllegalArgumentException("vlCounter: port " + port + " outside 0.." + (cfg.ports() - 1));
        if (vl < 0 || vl >= VLS) throw new IllegalArgumentException("vlCounter: vl " + vl + " outside 0.." + (VLS - 1));
        if (n < 0 || n >= VL_COUNTER_WORDS) throw new IllegalArgumentException("vlCounter: n " + n + " outside 0.." + (VL_COUNTER_WORDS - 1));
        boolean predicted = n <= VL_TX_BYTES || (n > VL_DROP_BASE && n <= VL_DROP_BASE + DropReason.BAD_VL.rtlCode);
        return predicted ? vlCounters[port][vl][n] : -1;
    }

    /** Drops per reason, summed over ports. */
    public Map<DropReason, Long> drops() {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) m.put(r, 0L);
        for (int p = 0; p < counters.length; p++)
            for (DropReason r : DropReason.values())
                m.merge(r, r.isGateway() ? gwCounters[p][r.rtlCode] : counters[p][Counter.of(r).ordinal()], Long::sum);
        return m;
    }
}
