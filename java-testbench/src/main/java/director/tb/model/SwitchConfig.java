package director.tb.model;

import director.rtl.params.DirectorParams;
import director.rtl.params.PortKind;

/**
 * The sizes the golden model needs: a view of the same validated parameters that generate the RTL
 * ({@link DirectorParams}), so the two cannot disagree. Nothing is copied: every accessor reads the parameters, and
 * one that has none here is {@code params().field()}.
 */
public final class SwitchConfig {
    /** Wire bytes per frame besides the frame: Ethernet's preamble, SFD and gap; FC's ordered sets and IDLEs ({@link PortKind}). */
    public static final int ETH_OVERHEAD = PortKind.Eth$.MODULE$.wireOverheadBytes();
    public static final int FC_OVERHEAD = PortKind.Fc$.MODULE$.wireOverheadBytes();

    private final DirectorParams p;
    /** Per port: its kind's wire overhead (read on every frame, so kept as an array). */
    private final int[] overhead;
    private final boolean[] ethPorts, fcPorts;

    private SwitchConfig(DirectorParams p) {
        this.p = p;
        int n = p.ports();
        overhead = new int[n];
        ethPorts = new boolean[n];
        fcPorts = new boolean[n];
        for (int i = 0; i < n; i++) {
            PortKind k = p.kind(i);
            overhead[i] = k.wireOverheadBytes();
            ethPorts[i] = k == PortKind.Eth$.MODULE$;
            fcPorts[i] = k == PortKind.Fc$.MODULE$;
        }
    }

    public static SwitchConfig of(DirectorParams p) { return new SwitchConfig(p); }

    /** The parameters this view reads. */
    public DirectorParams params() { return p; }

    public String profile() { return p.name(); }
    public int ports() { return p.ports(); }
    public int beatBytes() { return p.beatBytes(); }
    public int coreMHz() { return p.coreMHz(); }
    public double lineGbps() { return p.lineGbps(); }
    public int maxPacketBytes() { return p.maxPacketBytes(); }
    public int mtuBytes() { return p.mtuBytes(); }
    public int lidTableSize() { return p.lidTableSize(); }
    public int islipIterations() { return p.islipIterations(); }
    /** Data virtual lanes VL0..dataVls-1 (VL15 comes in addition). */
    public int dataVls() { return p.dataVls(); }
    /** Entries of each VL arbitration table (High and Low) per output port. */
    public int vlArbEntries() { return p.vlArbEntries(); }
    /** Ports 0..hostPorts-1 are InfiniBand host ports; the rest are module ports (docs/gateway.md). */
    public int hostPorts() { return p.hostPorts(); }
    /** Entries of the vNIC table. */
    public int vnics() { return p.vnics(); }
    /** Longest Ethernet frame, FCS included. */
    public int ethMaxFrameBytes() { return p.ethMaxFrameBytes(); }
    /** Entries of the vHBA table. */
    public int vhbas() { return p.vhbas(); }
    /** Per port: a 10GbE module port (a copy). */
    public boolean[] ethPorts() { return ethPorts.clone(); }
    /** Per port: an FC module port (a copy). */
    public boolean[] fcPorts() { return fcPorts.clone(); }

    public boolean isEth(int port) { return ethPorts[port]; }
    public boolean isFc(int port) { return fcPorts[port]; }
    public boolean isModule(int port) { return port >= hostPorts(); }

    /** Wire bytes per frame of a port besides the frame itself (0 for an InfiniBand port: its stream is its wire). */
    public int wireOverhead(int port) { return overhead[port]; }
    public boolean isHost(int port) { return port < hostPorts(); }
    public boolean hasGateway() { return p.hasGateway(); }

    /** Line-rate bytes per core cycle. */
    public double lineBytesPerCycle() { return lineGbps() * 1000.0 / 8.0 / coreMHz(); }

    public double nsPerCycle() { return 1000.0 / coreMHz(); }

    @Override
    public String toString() { return "SwitchConfig[" + p.describe() + "]"; }
}
