package director.tb.io.capture;

import director.tb.frame.FcEof;
import director.tb.frame.FcSof;
import director.tb.frame.Fcoib;
import director.tb.frame.UdRoute;
import director.tb.io.InputError;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.GatewayModel;
import director.tb.model.gateway.Vhba;
import director.tb.stim.Addressing;
import director.tb.stim.trace.TraceFrame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a captured FC frame of link type 225 ({@code SOF ordered set 4 | FC header | payload | CRC | EOF ordered
 * set 4}, as {@code --capture} writes an FC port's frames): the ordered sets become the one-byte codes of the FC
 * port's stream ({@code FcFrame.portBytes} layout), every other byte is kept (a bad CRC stays bad):
 * <ul>
 *   <li>in a file named for an FC port: at that port;</li>
 *   <li>S_ID a vHBA's FC_ID: sent by that vHBA's host port as FCoIB ({@code Fcoib.payload}'s layout with the frame's
 *       own bytes, addressed as TrafficGenerator addresses it: SL = the vHBA's, VL = SL mod dataVls, DLID = GW_LID at
 *       reset, SLID = the host's LID, DestQP = the vHBA's director QP, SrcQP = host port + 2);</li>
 *   <li>else D_ID a vHBA's: from the SAN at that vHBA's FC port;</li>
 *   <li>else an {@link InputError} naming both.</li>
 * </ul>
 * An EOF ordered set is recognised after either running disparity.
 */
final class FcPlacer {
    private final SwitchConfig cfg;
    private final Map<Integer, Vhba> byFcId = new HashMap<>();

    FcPlacer(SwitchConfig cfg, List<Vhba> vhbas) {
        this.cfg = cfg;
        for (Vhba v : vhbas) byFcId.put(v.fcId(), v);
    }

    /** @param namedPort the FC port the file names, or -1 */
    TraceFrame place(CapturedFrame f, long time, int namedPort) {
        byte[] d = f.data();
        String file = f.file().toString();
        if (d.length < 8)
            throw new InputError(file, f.where(), "SOF", "a record of " + d.length + " bytes has no room for the SOF"
                    + " and EOF ordered sets (4 bytes each)");
        int sofSet = be32(d, 0), eofSet = be32(d, d.length - 4);
        FcSof sof = null;
        for (FcSof s : FcSof.values()) if (s.orderedSet == sofSet) sof = s;
        if (sof == null)
            throw new InputError(file, f.where(), "SOF", String.format("0x%08X is no SOF ordered set", sofSet));
        FcEof eof = null;
        for (FcEof e : FcEof.values()) if (e.orderedSet == eofSet || e.orderedSetPositive == eofSet) eof = e;
        if (eof == null)
            throw new InputError(file, f.where(), "EOF", String.format("0x%08X is no EOF ordered set", eofSet));
        int frameLen = d.length - 8;
        byte[] port = new byte[frameLen + 2];
        port[0] = (byte) sof.code;
        System.arraycopy(d, 4, port, 1, frameLen);
        port[port.length - 1] = (byte) eof.code;
        if (namedPort >= 0) return new TraceFrame(time, TraceFrame.TimeBase.NS, namedPort, port, f.origin());
        if (frameLen < 8)
            throw new InputError(file, f.where(), "s_id", "a frame of " + frameLen + " bytes between the ordered sets"
                    + " ends before its S_ID (header bytes 5-7)");
        int dId = be24(d, 5), sId = be24(d, 9);
        Vhba from = byFcId.get(sId);
        if (from != null) {
            byte[] payload = new byte[Fcoib.HEADER_BYTES + frameLen + Fcoib.TRAILER_BYTES - 4];
            payload[0] = (byte) (Fcoib.SIGNATURE << 6);
            payload[Fcoib.HEADER_BYTES - 1] = (byte) sof.code;
            System.arraycopy(d, 4, payload, Fcoib.HEADER_BYTES, frameLen);
            payload[Fcoib.HEADER_BYTES + frameLen] = (byte) eof.code;
            UdRoute route = new UdRoute(from.sl() % cfg.dataVls(), from.sl(), GatewayModel.GW_LID_RESET,
                    Addressing.lid(from.hostPort()), from.directorQp(), from.hostPort() + 2);
            byte[] wire;
            try {
                wire = route.packet(payload).encode();
            } catch (IllegalArgumentException e) {
                throw new InputError(file, f.where(), "length", "a frame of " + frameLen + " bytes from vHBA "
                        + from.index() + " does not fit an FCoIB packet: " + e.getMessage());
            }
            return new TraceFrame(time, TraceFrame.TimeBase.NS, from.hostPort(), wire, f.origin());
        }
        Vhba to = byFcId.get(dId);
        if (to != null) return new TraceFrame(time, TraceFrame.TimeBase.NS, to.fcPort(), port, f.origin());
        throw new InputError(file, f.where(), "d_id/s_id", String.format("neither d_id %06X nor s_id %06X is a vHBA's"
                + " FC_ID (the standard vHBA table: %s)", dId, sId, byFcId.isEmpty()
                ? "empty, profile '" + cfg.profile() + "' has no FC port"
                : String.format("%06X..%06X", director.tb.stim.VnicPlan.VHBA_FCID_BASE,
                        director.tb.stim.VnicPlan.VHBA_FCID_BASE + byFcId.size() - 1)));
    }

    private static int be32(byte[] d, int o) {
        return ((d[o] & 0xFF) << 24) | ((d[o + 1] & 0xFF) << 16) | ((d[o + 2] & 0xFF) << 8) | (d[o + 3] & 0xFF);
    }

    private static int be24(byte[] d, int o) {
        return ((d[o] & 0xFF) << 16) | ((d[o + 1] & 0xFF) << 8) | (d[o + 2] & 0xFF);
    }
}
