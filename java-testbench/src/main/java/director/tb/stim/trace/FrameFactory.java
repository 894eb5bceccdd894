package director.tb.stim.trace;

import director.tb.frame.Eoib;
import director.tb.frame.EthernetFrame;
import director.tb.frame.FcEof;
import director.tb.frame.FcFrame;
import director.tb.frame.FcHeader;
import director.tb.frame.FcSof;
import director.tb.frame.Fcoib;
import director.tb.frame.IbPacket;
import director.tb.frame.UdRoute;
import director.tb.io.InputError;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.GatewayModel;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.stim.Addressing;
import director.tb.stim.trace.TraceRow.Protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns trace rows (docs/traces.md) into the bytes their ingress port's wire carries, built as
 * {@link director.tb.stim.TrafficGenerator} builds random traffic, and checks each row against the switch
 * configuration and the vNIC and vHBA tables; every error an {@link InputError} naming the file, line and column.
 * <ul>
 *   <li>ib: a UD SEND (opcode 0x64, P_Key 0xFFFF, Q_Key 0x80010000) from the port's LID ({@link Addressing#lid}) to
 *       {@code dlid}, SL {@code sl} (default 0) on VL sl mod dataVls, DestQP {@code qp} (default 1), SrcQP port + 2,
 *       PSN counting from 0 per (port, dlid) in row order; the payload at most the MTU.</li>
 *   <li>eoib: the Ethernet frame without FCS in EoIB, through the vNIC whose MAC is {@code src_mac} on this host port:
 *       its SL (VL = SL mod dataVls), DLID GW_LID (its reset value), DestQP the vNIC's director QP, SrcQP port + 2.</li>
 *   <li>eth: the frame with its FCS, at a 10GbE port.</li>
 *   <li>fcoib: the FC frame (SOFi3, EOFt) in FCoIB, through the vHBA whose FC_ID is {@code s_id} on this host port.</li>
 *   <li>fc: {@link FcFrame#portBytes} with SOFi3 and EOFt, at an FC port.</li>
 * </ul>
 * FC headers: R_CTL 0x01, TYPE 0x08 (SCSI-FCP), F_CTL 0x290000, SEQ_ID the line number mod 256, SEQ_CNT 0, OX_ID
 * the line number mod 65536, RX_ID 0xFFFF, PARAM 0 (fixed, so a trace always gives the same bytes).
 *
 * <p>Ethernet sizes (eth, eoib; FCS included): from {@value #ETH_MIN_BYTES} bytes (22 tagged: MACs, tag,
 * EtherType, FCS) to {@value #ETH_MAX_BYTES} (eoib: to the MTU, as its IB payload, 4 + the frame without FCS, must
 * fit). Frames outside 64..1518 (1522 tagged) are allowed on purpose: the director drops and counts them
 * ({@code eth_runt}, {@code eth_oversize}, docs/gateway.md), which is how a trace tests those rules. FC data fields:
 * 0..2112 bytes, a multiple of 4 (fcoib: also within the MTU with 48 bytes of FCoIB framing).
 *
 * <p>Payloads: the row's bytes, or bytes drawn from {@link SplittableRandom} seeded with {@code seed} (default: the
 * line number), so a trace gives the same frames on every run. Not thread-safe: it counts PSNs.
 */
public final class FrameFactory {
    /** Smallest eth or eoib frame size accepted: two MACs, EtherType, FCS. */
    public static final int ETH_MIN_BYTES = TraceRow.ETH_FRAMING_BYTES + 2;
    /** Largest eth frame size accepted (far over any legal frame: the director must drop it whole). */
    public static final int ETH_MAX_BYTES = 16000;
    /** Largest FC data field. */
    public static final int FC_MAX_DATA_BYTES = 2112;
    /** FCoIB bytes around the FC header and data field inside the IB payload: header 16, FC header 24, CRC, EOF, 3. */
    static final int FCOIB_FRAMING_BYTES = Fcoib.HEADER_BYTES + FcHeader.BYTES + Fcoib.TRAILER_BYTES;

    private final SwitchConfig cfg;
    private final List<Vnic> vnics;
    private final List<Vhba> vhbas;
    /** Next PSN per (port, dlid). */
    private final Map<Long, Integer> psn = new HashMap<>();

    public FrameFactory(SwitchConfig cfg, List<Vnic> vnics, List<Vhba> vhbas) {
        this.cfg = cfg;
        this.vnics = List.copyOf(vnics);
        this.vhbas = List.copyOf(vhbas);
    }

    /** Every row's frame, in row order. */
    public static List<TraceFrame> frames(List<TraceRow> rows, FrameFactory factory) {
        List<TraceFrame> out = new ArrayList<>(rows.size());
        for (TraceRow r : rows) out.add(factory.frame(r));
        return out;
    }

    /**
     * The frame row {@code row} describes, as its port's wire carries it, with origin {@code file:line}.
     *
     * @throws InputError when the port does not exist or is of the wrong kind, a field the protocol needs is missing,
     *                    the vNIC or vHBA is not on the port, or the size is outside what the protocol allows
     */
    public TraceFrame frame(TraceRow row) {
        checkPort(row);
        switch (row.protocol()) {  // TraceCsv checks these too; rows may come from elsewhere
            case IB -> need(row, "dlid", row.dlid());
            case EOIB, ETH -> { need(row, "dst_mac", row.dstMac()); need(row, "src_mac", row.srcMac()); }
            case FCOIB, FC -> { need(row, "d_id", row.dId()); need(row, "s_id", row.sId()); }
        }
        if (row.size() == null && row.payload() == null) throw error(row, "size", "empty and no payload: give the size or the payload bytes");
        byte[] wire = switch (row.protocol()) {
            case IB -> ib(row);
            case EOIB -> eoib(row);
            case ETH -> ethFrame(row).encodeWithFcs();
            case FCOIB -> fcoib(row);
            case FC -> fcFrame(row).portBytes(FcSof.SOFI3, FcEof.EOFT);
        };
        return new TraceFrame(row.time(), row.base(), row.port(), wire, row.file() + ":" + row.line());
    }

    // ---------------------------------------------------------------- the protocols

    private byte[] ib(TraceRow row) {
        int size = checkSize(row, 0, cfg.mtuBytes(), "the MTU (" + cfg.mtuBytes() + " bytes of IB payload)");
        int sl = row.sl() == null ? 0 : row.sl();
        int port = row.port(), dlid = row.dlid();
        int seq = psn.merge(((long) port << 32) | dlid, 1, Integer::sum) - 1;
        return IbPacket.builder()
                .vl(sl % cfg.dataVls()).sl(sl).dlid(dlid).slid(Addressing.lid(port))
                .opcode(IbPacket.OPCODE_UD_SEND_ONLY).pkey(0xFFFF).destQp(row.qp() == null ? 1 : row.qp()).psn(seq & 0xFFFFFF)
                .qkey(0x80010000L).srcQp(port + 2)
                .payload(row.payload() != null ? row.payload() : randomBytes(row, size))
                .build().encode();
    }

    private byte[] eoib(TraceRow row) {
        Vnic v = vnics.stream().filter(n -> n.mac() == row.srcMac() && n.hostPort() == row.port()).findFirst()
                .orElseThrow(() -> error(row, "src_mac", "no vNIC with MAC " + EthernetFrame.macString(row.srcMac())
                        + " on host port " + row.port() + elsewhere(vnics.stream().filter(n -> n.mac() == row.srcMac())
                        .map(n -> "vNIC " + n.index() + " is on host port " + n.hostPort()).toList())));
        UdRoute route = new UdRoute(v.sl() % cfg.dataVls(), v.sl(), GatewayModel.GW_LID_RESET, Addressing.lid(row.port()),
                v.directorQp(), row.port() + 2);
        return Eoib.encapsulate(ethFrame(row).encode(), route);
    }

    private EthernetFrame ethFrame(TraceRow row) {
        int tagged = TraceRow.tagged(row.vlan()) ? EthernetFrame.TAG_BYTES : 0;
        int max = row.protocol() == Protocol.EOIB ? Math.min(ETH_MAX_BYTES, cfg.mtuBytes()) : ETH_MAX_BYTES;
        int size = checkSize(row, ETH_MIN_BYTES + tagged, max, row.protocol() == Protocol.EOIB
                ? "the largest eoib frame (" + max + " bytes: the EoIB payload, 4 + the frame without FCS, must fit the MTU)"
                : "the largest frame a trace may give (" + max + " bytes)");
        byte[] typeAndData = row.payload() != null ? row.payload()
                : generatedPayload(row, TraceRow.payloadBytesOf(row.protocol(), row.vlan(), size));
        EthernetFrame.Tag tag = tagged == 0 ? null : new EthernetFrame.Tag(0, false, row.vlan());
        return new EthernetFrame(row.dstMac(), row.srcMac(), tag, ((typeAndData[0] & 0xFF) << 8) | (typeAndData[1] & 0xFF),
                Arrays.copyOfRange(typeAndData, 2, typeAndData.length));
    }

    private byte[] fcoib(TraceRow row) {
        Vhba v = vhbas.stream().filter(h -> h.fcId() == row.sId() && h.hostPort() == row.port()).findFirst()
                .orElseThrow(() -> error(row, "s_id", String.format("no vHBA with FC_ID 0x%06x on host port %d", row.sId(), row.port())
                        + elsewhere(vhbas.stream().filter(h -> h.fcId() == row.sId())
                        .map(h -> "vHBA " + h.index() + " is on host port " + h.hostPort()).toList())));
        UdRoute route = new UdRoute(v.sl() % cfg.dataVls(), v.sl(), GatewayModel.GW_LID_RESET, Addressing.lid(row.port()),
                v.directorQp(), row.port() + 2);
        return route.packet(Fcoib.payload(FcSof.SOFI3, fcFrame(row), FcEof.EOFT)).encode();
    }

    private FcFrame fcFrame(TraceRow row) {
        int max = row.protocol() == Protocol.FCOIB ? Math.min(FC_MAX_DATA_BYTES, (cfg.mtuBytes() - FCOIB_FRAMING_BYTES) & ~3)
                                                   : FC_MAX_DATA_BYTES;
        int size = checkSize(row, 0, max, "the largest FC data field (" + max + " bytes"
                + (max < FC_MAX_DATA_BYTES ? ": FCoIB framing and data must fit the MTU)" : ")"));
        if (size % 4 != 0) throw error(row, sizeColumn(row), size + " bytes of FC data field: must be a multiple of 4");
        long line = row.line();
        FcHeader h = new FcHeader(0x01, row.dId(), 0, row.sId(), FcHeader.TYPE_FCP, 0x290000, (int) (line & 0xFF), 0, 0,
                (int) (line & 0xFFFF), 0xFFFF, 0);
        return new FcFrame(h, row.payload() != null ? row.payload() : randomBytes(row, size));
    }

    /**
     * An Ethernet frame's bytes after the MACs and tag, generated from the row's seed: the EtherType and a real UDP
     * packet filling the rest exactly (IPv4, or IPv6 for one seed in four when it fits), checksums right, so Wireshark
     * decodes every generated frame. Fewer than 30 bytes (a runt on purpose): the IPv4 EtherType and random bytes.
     */
    private byte[] generatedPayload(TraceRow row, int bytes) {
        SplittableRandom r = new SplittableRandom(row.seed() != null ? row.seed() : row.line());
        int l3 = bytes - 2;
        byte[] data = new byte[bytes];
        boolean ipv6 = r.nextInt(4) == 0 && l3 >= director.tb.frame.IpPacket.minBytes(true);
        if (l3 < director.tb.frame.IpPacket.minBytes(false)) {
            r.nextBytes(data);
            ipv6 = false;
        } else {
            byte[] packet = director.tb.frame.IpPacket.udp(r, l3, ipv6);
            System.arraycopy(packet, 0, data, 2, l3);
        }
        int type = director.tb.frame.IpPacket.etherType(ipv6);
        data[0] = (byte) (type >> 8);
        data[1] = (byte) type;
        return data;
    }

    /** {@code n} bytes drawn from the row's seed (default: its line number). */
    private static byte[] randomBytes(TraceRow row, int n) {
        byte[] b = new byte[n];
        new SplittableRandom(row.seed() != null ? row.seed() : row.line()).nextBytes(b);
        return b;
    }

    // ---------------------------------------------------------------- checks

    private void checkPort(TraceRow row) {
        int p = row.port();
        if (p >= cfg.ports())
            throw error(row, "port", "port " + p + " does not exist (profile '" + cfg.profile() + "' has ports 0.." + (cfg.ports() - 1) + ")");
        String needs = switch (row.protocol()) {
            case IB, EOIB, FCOIB -> cfg.isHost(p) ? null : "a host port (0.." + (cfg.hostPorts() - 1) + ")";
            case ETH -> cfg.isEth(p) ? null : "a 10GbE port" + portsOf(true);
            case FC -> cfg.isFc(p) ? null : "an FC port" + portsOf(false);
        };
        if (needs != null)
            throw error(row, "port", "port " + p + " is " + kind(p) + ", an " + row.protocol().label() + " frame enters at " + needs);
    }

    private String kind(int p) {
        return cfg.isHost(p) ? "a host port" : cfg.isEth(p) ? "a 10GbE port" : cfg.isFc(p) ? "an FC port" : "a module port";
    }

    /** {@code " (5, 6)"}: the 10GbE (or FC) ports, or {@code " (profile 'x' has none)"}. */
    private String portsOf(boolean eth) {
        List<String> ports = new ArrayList<>();
        for (int p = 0; p < cfg.ports(); p++) if (eth ? cfg.isEth(p) : cfg.isFc(p)) ports.add(Integer.toString(p));
        return ports.isEmpty() ? " (profile '" + cfg.profile() + "' has none)" : " (" + String.join(", ", ports) + ")";
    }

    private static void need(TraceRow row, String column, Object value) {
        if (value == null) throw error(row, column, "empty: an " + row.protocol().label() + " row needs its " + column);
    }

    /** The row's size, checked within {@code min..max}. */
    private static int checkSize(TraceRow row, int min, int max, String maxText) {
        int size = row.frameSize();
        if (size < min)
            throw error(row, sizeColumn(row), "size " + size + " is under the smallest " + row.protocol().label() + " frame ("
                    + min + " bytes" + (row.protocol() == Protocol.ETH || row.protocol() == Protocol.EOIB
                    ? ": MACs, " + (TraceRow.tagged(row.vlan()) ? "802.1Q tag, " : "") + "EtherType, FCS)" : ")"));
        if (size > max) throw error(row, sizeColumn(row), "size " + size + " is over " + maxText);
        return size;
    }

    /** The column a size error names: size when given, else payload. */
    private static String sizeColumn(TraceRow row) { return row.size() != null ? "size" : "payload"; }

    private static String elsewhere(List<String> others) {
        return others.isEmpty() ? "" : " (" + String.join(", ", others) + ")";
    }

    private static InputError error(TraceRow row, String column, String problem) {
        return new InputError(row.file(), row.where(), "column '" + column + "'", problem);
    }
}
