package director.tb.model;

import director.rtl.params.DirectorParams;

/**
 * The sizes the golden model needs, read from the same validated parameters that generate the RTL, so the two
 * cannot disagree.
 *
 * @param dataVls      data virtual lanes VL0..dataVls-1 (VL15 comes in addition)
 * @param vlArbEntries entries of each VL arbitration table (High and Low) per output port
 * @param hostPorts    ports 0..hostPorts-1 are InfiniBand host ports; the rest are module ports (docs/gateway.md)
 * @param ethPorts     per port: a 10GbE module port
 * @param vnics        entries of the vNIC table
 * @param ethMaxFrameBytes longest Ethernet frame, FCS included
 * @param fcPorts      per port: an FC module port
 * @param vhbas        entries of the vHBA table
 */
public record SwitchConfig(String profile, int ports, int beatBytes, int coreMHz, double lineGbps,
                           int maxPacketBytes, int mtuBytes, int lidTableSize, int islipIterations,
                           int dataVls, int vlArbEntries, int hostPorts, boolean[] ethPorts, int vnics, int ethMaxFrameBytes,
                           boolean[] fcPorts, int vhbas) {
    /** Wire bytes per frame besides the frame: Ethernet's preamble, SFD and gap; FC's ordered sets and IDLEs. */
    public static final int ETH_OVERHEAD = 20;
    public static final int FC_OVERHEAD = 30;

    /** Every port a host port, no gateway. */
    public SwitchConfig(String profile, int ports, int beatBytes, int coreMHz, double lineGbps, int maxPacketBytes, int mtuBytes,
                        int lidTableSize, int islipIterations, int dataVls, int vlArbEntries) {
        this(profile, ports, beatBytes, coreMHz, lineGbps, maxPacketBytes, mtuBytes, lidTableSize, islipIterations, dataVls,
                vlArbEntries, ports, new boolean[ports], 16, 1522, new boolean[ports], 16);
    }

    public static SwitchConfig of(DirectorParams p) {
        boolean[] eth = new boolean[p.ports()], fc = new boolean[p.ports()];
        for (scala.collection.Iterator<Object> it = p.ethPorts().iterator(); it.hasNext(); ) eth[(Integer) it.next()] = true;
        for (scala.collection.Iterator<Object> it = p.fcPorts().iterator(); it.hasNext(); ) fc[(Integer) it.next()] = true;
        return new SwitchConfig(p.name(), p.ports(), p.beatBytes(), p.coreMHz(), p.lineGbps(), p.maxPacketBytes(),
                p.mtuBytes(), p.lidTableSize(), p.islipIterations(), p.dataVls(), p.vlArbEntries(), p.hostPorts(), eth,
                p.vnics(), p.ethMaxFrameBytes(), fc, p.vhbas());
    }

    public boolean isEth(int port) { return ethPorts[port]; }
    public boolean isFc(int port) { return fcPorts[port]; }
    public boolean isModule(int port) { return port >= hostPorts; }

    /** Wire bytes per frame of a port besides the frame itself (0 for an InfiniBand port: its stream is its wire). */
    public int wireOverhead(int port) { return isEth(port) ? ETH_OVERHEAD : isFc(port) ? FC_OVERHEAD : 0; }
    public boolean isHost(int port) { return port < hostPorts; }
    public boolean hasGateway() { return hostPorts < ports; }

    /** Line-rate bytes per core cycle. */
    public double lineBytesPerCycle() { return lineGbps * 1000.0 / 8.0 / coreMHz; }

    public double nsPerCycle() { return 1000.0 / coreMHz; }
}
