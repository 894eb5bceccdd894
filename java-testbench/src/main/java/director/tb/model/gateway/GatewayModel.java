package director.tb.model.gateway;

import director.tb.frame.EthernetFrame;
import director.tb.frame.Eoib;
import director.tb.frame.Fcoib;
import director.tb.frame.UdRoute;
import director.tb.model.DropReason;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's rules in plain Java (docs/gateway.md): the vNIC table, the server -> LAN admission of an EoIB
 * packet and the LAN -> server decision on an Ethernet frame. It decides only the gateway's part; the switch
 * core's rules (link checks, SL2VL, forwarding) stay in {@link director.tb.model.GoldenModel}.
 */
public final class GatewayModel {
    public static final int GW_LID_RESET = 0xBFFF;

    /** What becomes of a frame or packet at the gateway: dropped for {@code drop}, or {@code bytes} go to {@code port}. */
    public record Decision(DropReason drop, int port, byte[] bytes, Vnic vnic) {
        static Decision dropped(DropReason r) { return new Decision(r, -1, null, null); }
        public boolean isDrop() { return drop != null; }
    }

    /** SOF and EOF codes (encapsulation.md). */
    static final int[] SOF_CODES = {0x28, 0x29, 0x2D, 0x2E, 0x31, 0x35, 0x36, 0x39};
    static final int[] EOF_CODES = {0x41, 0x42, 0x44, 0x46, 0x49, 0x4E, 0x4F, 0x50};
    static boolean oneOf(int b, int[] codes) { for (int c : codes) if (c == b) return true; return false; }
    /** An FC frame on the port stream: SOF 1 + header 24 + payload 0..2112 + CRC 4 + EOF 1. */
    static final int FC_MIN_PORT_BYTES = 30;
    /** The largest FC frame as an FC port carries it: SOF code, 24-byte header, 2,112 bytes of payload, CRC, EOF code. */
    public static final int FC_MAX_PORT_BYTES = 30 + 2112;

    private final int dataVls;
    private final int ethMaxFrameBytes;
    private final boolean[] ethPort;
    private final int hostPorts;
    private final int vnicCount;
    /** The vNIC table at every cycle. */
    private final BindingHistory<Vnic> vnicHistory = new BindingHistory<>();
    private final boolean[] fcPort;
    private final int vhbaCount;
    /** The vHBA table at every cycle. */
    private final BindingHistory<Vhba> vhbaHistory = new BindingHistory<>();
    private int gwLid = GW_LID_RESET;
    private final Map<Integer, Policer> policers = new TreeMap<>();
    private final Map<Integer, PolicerBank> banks = new TreeMap<>();
    private int coreMHz = 250;

    /** The core clock the policers' arithmetic is built for. */
    public void setCoreMHz(int mhz) { coreMHz = mhz; }

    /** vNIC {@code vnic}'s policer (OFF by default). */
    public void setPolicer(int vnic, Policer p) { policers.put(vnic, p); }

    public Policer policer(int vnic) { return policers.getOrDefault(vnic, Policer.OFF); }

    private final Map<Integer, Shaper> shapers = new TreeMap<>();

    /** vHBA {@code vhba}'s shaper (OFF by default). It holds frames back and drops none: no prediction changes. */
    public void setShaper(int vhba, Shaper s) { shapers.put(vhba, s); }

    public Shaper shaper(int vhba) { return shapers.getOrDefault(vhba, Shaper.OFF); }

    private final Map<Integer, Long> policed = new TreeMap<>();

    /** Frames of {@code vnic} dropped by its policer so far. */
    public long policedFrames(int vnic) { return policed.getOrDefault(vnic, 0L); }

    /** Per policed vNIC: the cycles of its first and last policer decision, and the bytes its policer passed. */
    private final Map<Integer, long[]> policerSpan = new TreeMap<>();

    /** {first decision cycle, last decision cycle, bytes passed (FCS included)}, or null before any decision. */
    public long[] policerSpan(int vnic) { return policerSpan.get(vnic); }

    /**
     * @param ethPorts   which ports are 10GbE module ports
     * @param hostPorts  ports 0 .. hostPorts-1 are InfiniBand host ports
     */
    public GatewayModel(int dataVls, int ethMaxFrameBytes, boolean[] ethPorts, int hostPorts, int vnicCount) {
        this(dataVls, ethMaxFrameBytes, ethPorts, hostPorts, vnicCount, new boolean[ethPorts.length], 0);
    }

    /** With FC ports ({@code fcPorts}) and a vHBA table of {@code vhbaCount} entries. */
    public GatewayModel(int dataVls, int ethMaxFrameBytes, boolean[] ethPorts, int hostPorts, int vnicCount, boolean[] fcPorts, int vhbaCount) {
        this.fcPort = fcPorts.clone();
        this.vhbaCount = vhbaCount;
        this.dataVls = dataVls;
        this.ethMaxFrameBytes = ethMaxFrameBytes;
        this.ethPort = ethPorts.clone();
        this.hostPorts = hostPorts;
        this.vnicCount = vnicCount;
    }

    public int gwLid() { return gwLid; }
    public void setGwLid(int lid) { gwLid = lid; }

    /** An entry as it is from the start. */
    public void set(Vnic v) { setAt(Long.MIN_VALUE, v); }

    /**
     * An entry committed in cycle {@code cycle} (the cycle its word 3 was written, gateway/VnicTable.scala): decisions
     * in later cycles see it. Commits must come in cycle order per entry.
     */
    public void setAt(long cycle, Vnic v) {
        if (v.index() >= vnicCount) throw new IllegalArgumentException(v + ": the table has " + vnicCount + " entries");
        vnicHistory.put(v.index(), cycle, v);
    }

    /** A vHBA entry committed in cycle {@code cycle} (Long.MIN_VALUE: from the start). */
    public void setVhbaAt(long cycle, Vhba v) {
        if (v.index() >= vhbaCount) throw new IllegalArgumentException("vHBA " + v.index() + ": the table has " + vhbaCount + " entries");
        vhbaHistory.put(v.index(), cycle, v);
    }

    public void setVhba(Vhba v) { setVhbaAt(Long.MIN_VALUE, v); }

    /** vHBA {@code index} as a decision in cycle {@code cycle} sees it (null: invalid). */
    public Vhba vhbaAt(int index, long cycle) { return vhbaHistory.at(index, cycle); }

    /**
     * SAN -> server, a frame on FC port {@code port} ({@code SOF | header | payload | CRC | EOF}), decided in cycle
     * {@code cycle}: fc_runt, fc_oversize, fc_misaligned, bad_sof, bad_eof, bad_fc_crc, unknown_did in that order,
     * else the FCoIB packet as it enters the port's input buffer, routed to the vHBA's host port.
     */
    public Decision fromSan(int port, byte[] f, long cycle) {
        int len = f.length;
        if (len < FC_MIN_PORT_BYTES) return Decision.dropped(DropReason.FC_RUNT);
        if (len > FC_MAX_PORT_BYTES) return Decision.dropped(DropReason.FC_OVERSIZE);
        if ((len - 6) % 4 != 0) return Decision.dropped(DropReason.FC_MISALIGNED);
        if (!oneOf(f[0] & 0xff, SOF_CODES)) return Decision.dropped(DropReason.BAD_SOF);
        if (!oneOf(f[len - 1] & 0xff, EOF_CODES)) return Decision.dropped(DropReason.BAD_EOF);
        if (!EthernetFrame.fcsOk(Arrays.copyOfRange(f, 1, len - 1))) return Decision.dropped(DropReason.BAD_FC_CRC);
        int dId = (f[2] & 0xff) << 16 | (f[3] & 0xff) << 8 | (f[4] & 0xff);
        Vhba v = null;
        for (int index : vhbaHistory.indices()) {
            Vhba h = vhbaAt(index, cycle);
            if (h != null && h.fcId() == dId && h.fcPort() == port && h.hostPort() < hostPorts) { v = h; break; }
        }
        if (v == null) return Decision.dropped(DropReason.UNKNOWN_DID);
        UdRoute r = new UdRoute(v.sl() % dataVls, v.sl(), v.dlid(), gwLid, v.qp(), v.directorQp());
        // FCoIB: header 16 (signature 0b01 in byte 0, SOF code in byte 15), the stream after its SOF, 3 zero bytes
        byte[] payload = new byte[Fcoib.HEADER_BYTES + len - 1 + 3];
        payload[0] = 0x40;
        System.arraycopy(f, 0, payload, Fcoib.HEADER_BYTES - 1, len);
        return new Decision(null, v.hostPort(), r.packet(payload).encode(), null);
    }

    /** Entry {@code index} made invalid. */
    public void clear(int index) { vnicHistory.put(index, Long.MAX_VALUE - 1, null); }

    /** Entry {@code index} as a decision in cycle {@code cycle} sees it (null: invalid). */
    public Vnic vnicAt(int index, long cycle) { return vnicHistory.at(index, cycle); }

    /**
     * LAN -> server, a frame (FCS included) arriving on 10GbE port {@code port}: eth_runt, eth_oversize, bad_fcs,
     * unknown_mac in that order, else the EoIB packet as it enters the port's input buffer (VL = SL mod dataVls),
     * routed to the vNIC's host port.
     */
    public Decision fromLan(int port, byte[] frame) { return fromLan(port, frame, Long.MAX_VALUE); }

    /** {@link #fromLan(int, byte[])} decided in cycle {@code cycle}, with the vNIC table as it was then. */
    public Decision fromLan(int port, byte[] frame, long cycle) { return fromLanAll(port, frame, cycle).get(0); }

    /**
     * Every packet a LAN frame becomes: one for a unicast frame (or its drop), one per member vNIC for a group frame
     * (broadcast or multicast: every valid vNIC with the frame's VLAN allowed, bound to this port and to a host
     * port), lowest-numbered first, each with its member's binding as the table is when that copy starts (taken
     * here as when the frame was decided: a test that rewrites a member while its group frames are in flight is
     * not exact).
     */
    public java.util.List<Decision> fromLanAll(int port, byte[] frame, long cycle) {
        if (frame.length < EthernetFrame.MIN_BYTES_WITH_FCS) return java.util.List.of(Decision.dropped(DropReason.ETH_RUNT));
        if (frame.length > ethMaxFrameBytes) return java.util.List.of(Decision.dropped(DropReason.ETH_OVERSIZE));
        if (!EthernetFrame.fcsOk(frame)) return java.util.List.of(Decision.dropped(DropReason.BAD_FCS));
        byte[] noFcs = Arrays.copyOf(frame, frame.length - EthernetFrame.FCS_BYTES);
        java.util.List<Vnic> targets = lanTargets(port, noFcs, cycle);
        if (targets.isEmpty()) return java.util.List.of(Decision.dropped(DropReason.UNKNOWN_MAC));
        java.util.List<Decision> out = new java.util.ArrayList<>();
        for (Vnic v : targets) {
            UdRoute r = new UdRoute(v.sl() % dataVls, v.sl(), v.dlid(), gwLid, v.qp(), v.directorQp());
            out.add(new Decision(null, v.hostPort(), Eoib.encapsulate(noFcs, r), v));
        }
        return out;
    }

    /**
     * A frame (FCS included) leaving 10GbE port {@code port} is for a vNIC behind that same port: unicast, and a valid
     * vNIC with its destination MAC is bound to this port and to a host port (its VLAN is checked when the frame is
     * decided on its way back in). Such a frame is switched inside the director (LocalSwitch).
     */
    public boolean isLocal(int port, byte[] frame) {
        if (EthernetFrame.isGroup(frame)) return false;
        long dst = EthernetFrame.dst(frame);
        for (int index : vnicHistory.indices()) {
            Vnic v = vnicAt(index, Long.MAX_VALUE);
            if (v != null && v.mac() == dst && v.modulePort() == port && v.hostPort() < hostPorts) return true;
        }
        return false;
    }

    /** The vNICs a LAN frame is for (see fromLanAll), in index order. */
    private java.util.List<Vnic> lanTargets(int port, byte[] frame, long cycle) {
        boolean group = EthernetFrame.isGroup(frame);
        long dst = EthernetFrame.dst(frame);
        int vid = EthernetFrame.vlan(frame);
        java.util.List<Vnic> out = new java.util.ArrayList<>();
        for (int index : vnicHistory.indices()) {
            Vnic v = vnicAt(index, cycle);
            if (v == null || !v.allows(vid) || v.modulePort() != port || v.hostPort() >= hostPorts) continue;
            if (group) out.add(v);
            else if (v.mac() == dst) return java.util.List.of(v);
        }
        return out;
    }

    /**
     * Server -> LAN, an IB packet to GW_LID that passed the link checks: malformed_eoib, unknown_qp, eth_runt,
     * eth_oversize, vlan_denied in that order, else the Ethernet frame with its FCS for the vNIC's module port.
     */
    public Decision fromHost(byte[] packet) { return fromHost(packet, -1, Long.MAX_VALUE); }

    /**
     * {@link #fromHost(byte[])} for a packet admitted at host port {@code port} and decided in cycle {@code cycle}
     * (two cycles after its last beat went in: HeaderPeek, then the input buffer): a frame that passes every check
     * meets its vNIC's policer in that port's bank, and is dropped (policed) when red.
     */
    public Decision fromHost(byte[] packet, int port, long cycle) {
        int dlid = (packet[2] & 0xff) << 8 | (packet[3] & 0xff);
        if (dlid != gwLid) throw new IllegalArgumentException(String.format("fromHost: DLID 0x%04x is not GW_LID 0x%04x", dlid, gwLid));
        int bytes = ((packet[4] & 0x07) << 8 | (packet[5] & 0xff)) * 4;  // LRH.PktLen x 4: LRH .. ICRC
        int opcode = packet[8] & 0xff;
        int destQp = (packet[13] & 0xff) << 16 | (packet[14] & 0xff) << 8 | (packet[15] & 0xff);
        if (destQp >= Vhba.QP_BASE) return fcoibFromHost(packet, bytes, opcode, destQp, cycle);
        if (opcode != 0x64 || bytes < Eoib.ENCAP_HEADER_BYTES + 4 || !eoibHeaderOk(packet)) return Decision.dropped(DropReason.MALFORMED_EOIB);
        int qp = (packet[13] & 0xff) << 16 | (packet[14] & 0xff) << 8 | (packet[15] & 0xff);
        int idx = qp - Vnic.QP_BASE;
        Vnic v = idx >= 0 && idx < vnicCount ? vnicAt(idx, Long.MAX_VALUE) : null;
        if (v == null || v.modulePort() < 0 || v.modulePort() >= ethPort.length || !ethPort[v.modulePort()])
            return Decision.dropped(DropReason.UNKNOWN_QP);
        int pad = (packet[9] >> 4) & 3;
        int frameLen = bytes - Eoib.ENCAP_HEADER_BYTES - 4 - pad;
        if (frameLen < EthernetFrame.MIN_BYTES_WITH_FCS - 4) return Decision.dropped(DropReason.ETH_RUNT);
        if (frameLen > ethMaxFrameBytes - 4) return Decision.dropped(DropReason.ETH_OVERSIZE);
        byte[] frame = Arrays.copyOfRange(packet, Eoib.ENCAP_HEADER_BYTES, Eoib.ENCAP_HEADER_BYTES + frameLen);
        if (!v.allows(EthernetFrame.vlan(frame))) return Decision.dropped(DropReason.VLAN_DENIED);
        Policer pol = policer(idx);
        if (pol.enabled()) {
            if (cycle == Long.MAX_VALUE) throw new IllegalStateException("vNIC " + idx + " is policed: its frames need their decision cycle");
            boolean red = banks.computeIfAbsent(port, k -> new PolicerBank(coreMHz)).red(idx, pol, frameLen + EthernetFrame.FCS_BYTES, cycle);
            long[] span = policerSpan.computeIfAbsent(idx, k -> new long[] {cycle, cycle, 0});
            span[1] = cycle;
            if (!red) span[2] += frameLen + EthernetFrame.FCS_BYTES;
            if (red) {
                policed.merge(idx, 1L, Long::sum);
                return Decision.dropped(DropReason.POLICED);
            }
        }
        return new Decision(null, v.modulePort(), EthernetFrame.appendFcs(frame), v);
    }

    /**
     * Server -> SAN (DestQP 0x800 and up): malformed_fcoib (not a UD SEND; under 52 bytes before the ICRC; FCoIB
     * signature not 0b01 or version not 0; the three bytes after the EOF code not zero), unknown_qp, bad_sof,
     * bad_eof, fc_runt, fc_oversize, bad_fc_crc in that order, else the FC port stream (IB bytes 43 .. the EOF).
     */
    private Decision fcoibFromHost(byte[] p, int bytes, int opcode, int qp, long cycle) {
        int eofPos = bytes - 8;
        if (opcode != 0x64 || bytes < 56) return Decision.dropped(DropReason.MALFORMED_FCOIB);
        boolean zeros = p[eofPos + 1] == 0 && p[eofPos + 2] == 0 && p[eofPos + 3] == 0;
        if (((p[28] >> 6) & 3) != 1 || ((p[30] >> 4) & 0xf) != 0 || !zeros) return Decision.dropped(DropReason.MALFORMED_FCOIB);
        int idx = qp - Vhba.QP_BASE;
        Vhba v = idx < vhbaCount ? vhbaAt(idx, cycle) : null;
        if (v == null || v.fcPort() < 0 || v.fcPort() >= fcPort.length || !fcPort[v.fcPort()]) return Decision.dropped(DropReason.UNKNOWN_QP);
        if (!oneOf(p[43] & 0xff, SOF_CODES)) return Decision.dropped(DropReason.BAD_SOF);
        if (!oneOf(p[eofPos] & 0xff, EOF_CODES)) return Decision.dropped(DropReason.BAD_EOF);
        int fcFrame = bytes - 56;  // header and payload
        if (fcFrame < 24) return Decision.dropped(DropReason.FC_RUNT);
        if (fcFrame > 24 + 2112) return Decision.dropped(DropReason.FC_OVERSIZE);
        if (!EthernetFrame.fcsOk(Arrays.copyOfRange(p, 44, eofPos))) return Decision.dropped(DropReason.BAD_FC_CRC);
        return new Decision(null, v.fcPort(), Arrays.copyOfRange(p, 43, eofPos + 1), null);
    }

    /** EoIB header at bytes 28..29: signature 0b11, version 0, FCS-present, more-segments and segment offset all 0. */
    private static boolean eoibHeaderOk(byte[] p) {
        int w = (p[28] & 0xff) << 8 | (p[29] & 0xff);
        return (w >>> 14) == 3 && ((w >>> 12) & 3) == 0 && (w & 0x7f) == 0;
    }
}
