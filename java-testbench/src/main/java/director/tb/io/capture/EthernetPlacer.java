package director.tb.io.capture;

import director.tb.frame.Eoib;
import director.tb.frame.EthernetFrame;
import director.tb.frame.UdRoute;
import director.tb.io.InputError;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.GatewayModel;
import director.tb.model.gateway.Vnic;
import director.tb.stim.Addressing;
import director.tb.stim.trace.TraceFrame;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a captured Ethernet frame (link type 1), bytes as captured, VLAN tag and all, never filtered (runts and
 * frames over 1518 bytes go in as they are: the director drops and counts them, its golden model predicts it):
 * <ul>
 *   <li>in a file named for a 10GbE port: at that port, with its FCS (kept when captured, else computed);</li>
 *   <li>source MAC a vNIC's: sent by that vNIC's host port as EoIB, the frame without FCS inside, addressed as
 *       hosts address the gateway (SL = the vNIC's, VL = SL mod dataVls, DLID = GW_LID at reset, SLID = the host's
 *       LID, DestQP = the vNIC's director QP, SrcQP = host port + 2, as TrafficGenerator does);</li>
 *   <li>else destination MAC a vNIC's: from the LAN at that vNIC's 10GbE port, with its FCS;</li>
 *   <li>else an {@link InputError} naming both MACs.</li>
 * </ul>
 */
final class EthernetPlacer {
    private final SwitchConfig cfg;
    private final Map<Long, Vnic> byMac = new HashMap<>();
    private final MacMap map;

    /** @param map the MAC map the table came from, or null for automatic mapping (for the messages) */
    EthernetPlacer(SwitchConfig cfg, List<Vnic> vnics, MacMap map) {
        this.cfg = cfg;
        this.map = map;
        for (Vnic v : vnics) byMac.put(v.mac(), v);
    }

    /**
     * @param time      nanoseconds from the import's first frame
     * @param namedPort the 10GbE port the file names, or -1
     */
    TraceFrame place(CapturedFrame f, long time, int namedPort) {
        byte[] d = f.data();
        byte[] withFcs = f.fcsBytes() == EthernetFrame.FCS_BYTES ? d : EthernetFrame.appendFcs(d);
        if (namedPort >= 0) return new TraceFrame(time, TraceFrame.TimeBase.NS, namedPort, withFcs, f.origin());
        String file = f.file().toString();
        if (d.length < 12)
            throw new InputError(file, f.where(), "src_mac", "a frame of " + d.length + " bytes ends before its"
                    + " source MAC (bytes 6-11)");
        long dst = mac(d, 0), src = mac(d, 6);
        Vnic from = byMac.get(src);
        if (from != null) {
            byte[] frame = f.fcsBytes() == EthernetFrame.FCS_BYTES ? Arrays.copyOf(d, d.length - EthernetFrame.FCS_BYTES) : d;
            UdRoute route = new UdRoute(from.sl() % cfg.dataVls(), from.sl(), GatewayModel.GW_LID_RESET,
                    Addressing.lid(from.hostPort()), from.directorQp(), from.hostPort() + 2);
            byte[] wire;
            try {
                wire = Eoib.encapsulate(frame, route);
            } catch (IllegalArgumentException e) {
                throw new InputError(file, f.where(), "length", "a frame of " + frame.length + " bytes from vNIC "
                        + from.index() + " does not fit an EoIB packet: " + e.getMessage());
            }
            return new TraceFrame(time, TraceFrame.TimeBase.NS, from.hostPort(), wire, f.origin());
        }
        Vnic to = byMac.get(dst);
        if (to != null) return new TraceFrame(time, TraceFrame.TimeBase.NS, to.modulePort(), withFcs, f.origin());
        throw new InputError(file, f.where(), "src_mac/dst_mac", "neither src_mac " + EthernetFrame.macString(src)
                + " nor dst_mac " + EthernetFrame.macString(dst) + " is a vNIC's MAC (" + (map == null
                ? "automatic mapping makes a vNIC of every unicast source MAC; this one is a group MAC)"
                : "the MAC map " + map.file() + " names " + map.entries().size() + " vNICs; import without a MAC"
                + " map to make every source MAC a vNIC automatically)"));
    }

    private static long mac(byte[] d, int off) {
        long m = 0;
        for (int i = off; i < off + 6; i++) m = (m << 8) | (d[i] & 0xFF);
        return m;
    }
}
