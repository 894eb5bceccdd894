package director.tb.io.capture;

import director.tb.frame.IbPacket;
import director.tb.io.InputError;
import director.tb.model.SwitchConfig;
import director.tb.stim.Addressing;
import director.tb.stim.trace.TraceFrame;

/**
 * Places a captured InfiniBand packet (ERF type 21, or link type 247), bytes as captured (LRH to VCRC): at the host
 * port the file names, else at the host port whose LID ({@link Addressing#lid}) is the packet's SLID, else an
 * {@link InputError} naming the SLID.
 */
final class IbPlacer {
    private final SwitchConfig cfg;

    IbPlacer(SwitchConfig cfg) {
        this.cfg = cfg;
    }

    /** @param namedPort the host port the file names, or -1 */
    TraceFrame place(CapturedFrame f, long time, int namedPort) {
        byte[] d = f.data();
        if (namedPort >= 0) return new TraceFrame(time, TraceFrame.TimeBase.NS, namedPort, d, f.origin());
        String file = f.file().toString();
        if (d.length < IbPacket.LRH_BYTES)
            throw new InputError(file, f.where(), "slid", "a packet of " + d.length + " bytes ends before the LRH's SLID"
                    + " (bytes 6-7), and the file's name names no host port (port-NN)");
        int slid = IbPacket.slid(d);
        for (int p = 0; p < cfg.hostPorts(); p++)
            if (Addressing.lid(p) == slid) return new TraceFrame(time, TraceFrame.TimeBase.NS, p, d, f.origin());
        throw new InputError(file, f.where(), "slid", String.format("0x%04X is no host port's LID (port p has LID p + 1:"
                + " 0x%04X..0x%04X), and the file's name names no host port (port-NN)", slid, Addressing.lid(0),
                Addressing.lid(cfg.hostPorts() - 1)));
    }
}
