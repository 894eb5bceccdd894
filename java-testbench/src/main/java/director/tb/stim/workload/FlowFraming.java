package director.tb.stim.workload;

import director.tb.frame.Eoib;
import director.tb.frame.FcFrame;
import director.tb.frame.FcHeader;
import director.tb.frame.Fcoib;
import director.tb.frame.IbPacket;
import director.tb.model.SwitchConfig;
import director.tb.stim.trace.TraceRow;
import director.tb.stim.trace.TraceRow.Protocol;

/**
 * How a flow's bytes become frames, per protocol, in the units of {@link TraceRow#size()}:
 * <ul>
 *   <li>eth, eoib: a frame carries up to 1500 bytes of the flow as its L3 payload (fewer if the switch's
 *       ethMaxFrameBytes is smaller); row size = Ethernet frame with FCS = payload + 18 (+ 4 tagged), at least 64
 *       (a short payload is padded, as Ethernet does);</li>
 *   <li>ib: up to the IB MTU of payload; row size = payload;</li>
 *   <li>fc, fcoib: up to 2048 data bytes (the usual FCP data frame; less when FCoIB would not fit the IB MTU); row
 *       size = data field, rounded up to a multiple of 4 (FC frames are whole words).</li>
 * </ul>
 * Wire bytes are what the frame occupies on its ingress port's link: the IB packet with its headers, PadCnt, ICRC
 * and VCRC at a host port; the frame plus preamble and gap ({@link SwitchConfig#ETH_OVERHEAD}) at a 10GbE port; SOF,
 * header, data, CRC, EOF plus ordered sets and IDLEs ({@link SwitchConfig#FC_OVERHEAD}) at an FC port.
 */
public final class FlowFraming {
    private FlowFraming() {}

    /** Largest L3 payload of an Ethernet frame (the 1500-byte MTU). */
    public static final int ETH_MTU = 1500;
    /** Ethernet header (14) and FCS (4) around the L3 payload of an untagged frame. */
    public static final int ETH_FRAMING = 18;
    /** Smallest Ethernet frame with FCS. */
    public static final int ETH_MIN_FRAME = 64;
    /** Data bytes of a full FC data frame. */
    public static final int FC_DATA = 2048;

    private static final int UD_HEADERS = IbPacket.LRH_BYTES + IbPacket.BTH_BYTES + IbPacket.DETH_BYTES;
    private static final int IB_TRAILER = IbPacket.ICRC_BYTES + IbPacket.VCRC_BYTES;

    /** Most flow bytes one frame carries. */
    public static int maxChunk(SwitchConfig cfg, Protocol p, boolean tagged) {
        return switch (p) {
            case ETH, EOIB -> Math.min(ETH_MTU, cfg.ethMaxFrameBytes() - ETH_FRAMING - (tagged ? 4 : 0));
            case IB -> cfg.mtuBytes();
            case FC, FCOIB -> Math.min(FC_DATA, (cfg.mtuBytes() - Fcoib.HEADER_BYTES - FcHeader.BYTES - Fcoib.TRAILER_BYTES) & ~3);
        };
    }

    /** The row size ({@link TraceRow#size()}) of a frame carrying {@code chunk} (&gt;= 1) flow bytes. */
    public static int rowSize(Protocol p, int chunk, boolean tagged) {
        return switch (p) {
            case ETH, EOIB -> Math.max(ETH_MIN_FRAME, chunk + ETH_FRAMING + (tagged ? 4 : 0));
            case IB -> chunk;
            case FC, FCOIB -> (chunk + 3) & ~3;
        };
    }

    /** The flow bytes a row carries, padding included: the inverse of {@link #rowSize}. */
    public static long carriedBytes(TraceRow r) {
        return switch (r.protocol()) {
            case ETH, EOIB -> r.size() - ETH_FRAMING - (r.vlan() != null && r.vlan() != 0 ? 4 : 0);
            case IB, FC, FCOIB -> r.size();
        };
    }

    /** Bytes a frame of row size {@code size} occupies on its ingress port's wire, framing overhead included. */
    public static int wireBytes(Protocol p, int size) {
        return switch (p) {
            case IB -> UD_HEADERS + pad4(size) + IB_TRAILER;
            case EOIB -> UD_HEADERS + pad4(Eoib.HEADER_BYTES + size - 4) + IB_TRAILER;          // the frame without FCS
            case FCOIB -> UD_HEADERS + Fcoib.HEADER_BYTES + FcHeader.BYTES + size + Fcoib.TRAILER_BYTES + IB_TRAILER;
            case ETH -> size + SwitchConfig.ETH_OVERHEAD;
            case FC -> 1 + FcHeader.BYTES + size + FcFrame.CRC_BYTES + 1 + SwitchConfig.FC_OVERHEAD; // SOF, EOF codes
        };
    }

    private static int pad4(int n) { return (n + 3) & ~3; }
}
