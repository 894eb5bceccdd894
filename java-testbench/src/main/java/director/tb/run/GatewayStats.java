package director.tb.run;

import java.util.Locale;

/**
 * What crossed the gateway, counted by the scoreboard as frames are delivered (docs/gateway.md): per protocol
 * (plain InfiniBand host to host; Ethernet server -> LAN and LAN -> server; FC server -> SAN and SAN -> server) and
 * per vNIC in both
 * directions. Bytes are as delivered: Ethernet frames with FCS at a 10GbE port, EoIB packets at a host port.
 */
public final class GatewayStats {
    public enum Proto { IB("ib host->host"), ETH_TO_LAN("eth server->LAN"), ETH_TO_SERVER("eth LAN->server"),
        FC_TO_SAN("fc server->SAN"), FC_TO_SERVER("fc SAN->server"), ETH_LOCAL("eth vNIC->vNIC");
        public final String label;
        Proto(String label) { this.label = label; }
    }

    final long[] frames = new long[Proto.values().length];
    final long[] bytes = new long[Proto.values().length];
    /** [vnic][0 = to LAN, 1 = to server] */
    final long[][] vnicFrames;
    final long[][] vnicBytes;

    /** Per vNIC: its CIR in kb/s (0 = not policed) and the frames its policer dropped. */
    final long[] cirKbps;
    final long[] burstBytes;
    final long[] policed;

    public GatewayStats(int vnics) {
        vnicFrames = new long[vnics][2];
        vnicBytes = new long[vnics][2];
        cirKbps = new long[vnics];
        burstBytes = new long[vnics];
        policed = new long[vnics];
        policerRate = new double[vnics];
    }

    /** Per policed vNIC: its policer's rate in b/s between its first and last decision, without the initial burst. */
    final double[] policerRate;

    void setPolicing(int vnic, long cir, long pbs, long policedFrames, long[] span, double nsPerCycle) {
        cirKbps[vnic] = cir;
        burstBytes[vnic] = pbs;
        if (span != null && span[1] > span[0]) policerRate[vnic] = (span[2] - pbs) * 8 / ((span[1] - span[0]) * nsPerCycle / 1e9);
        policed[vnic] = policedFrames;
    }

    public long cirKbps(int vnic) { return cirKbps[vnic]; }
    public long policedFrames(int vnic) { return policed[vnic]; }
    /** The rate vNIC {@code vnic}'s policer let through, b/s, from its first to its last decision, less the initial burst. */
    public double policerRate(int vnic) { return policerRate[vnic]; }

    void add(Proto p, int vnic, int len) {
        frames[p.ordinal()]++;
        bytes[p.ordinal()] += len;
        if (vnic >= 0 && vnic < vnicFrames.length && (p == Proto.ETH_TO_LAN || p == Proto.ETH_TO_SERVER || p == Proto.ETH_LOCAL)) {
            int d = p == Proto.ETH_TO_LAN ? 0 : 1;
            vnicFrames[vnic][d]++;
            vnicBytes[vnic][d] += len;
        }
    }

    public long frames(Proto p) { return frames[p.ordinal()]; }
    public long bytes(Proto p) { return bytes[p.ordinal()]; }
    public long vnicFrames(int vnic, boolean toLan) { return vnicFrames[vnic][toLan ? 0 : 1]; }
    public long vnicBytes(int vnic, boolean toLan) { return vnicBytes[vnic][toLan ? 0 : 1]; }
    public int vnics() { return vnicFrames.length; }

    /**
     * The report's section; {@code seconds}: the time traffic was offered, for rates. For a policed vNIC also the rate
     * its policer let through between its first and last decision, without the initial burst (PBS bytes the full
     * bucket passes at once): the figure to hold against its CIR.
     */
    public String text(double seconds) {
        StringBuilder sb = new StringBuilder("gateway, delivered frames by protocol (whole run):\n");
        for (Proto p : Proto.values())
            sb.append(String.format(Locale.ROOT, "  %-16s %9d frames %12d bytes %8.3f Gb/s%n", p.label, frames(p), bytes(p), bytes(p) * 8 / seconds / 1e9));
        sb.append("per vNIC:  vnic | to LAN frames  bytes      Gb/s | CIR Gb/s  policer Gb/s policed | to server frames  bytes      Gb/s\n");
        for (int v = 0; v < vnics(); v++) {
            if (vnicFrames[v][0] + vnicFrames[v][1] + policed[v] == 0) continue;
            boolean pol = cirKbps[v] != 0;
            sb.append(String.format(Locale.ROOT, "           %4d | %13d %10d %6.3f | %8s %12s %7d | %16d %10d %6.3f%n", v, vnicFrames[v][0], vnicBytes[v][0],
                    vnicBytes[v][0] * 8 / seconds / 1e9, pol ? String.format(Locale.ROOT, "%.3f", cirKbps[v] / 1e6) : "-",
                    pol ? String.format(Locale.ROOT, "%.3f", policerRate[v] / 1e9) : "-", policed[v],
                    vnicFrames[v][1], vnicBytes[v][1], vnicBytes[v][1] * 8 / seconds / 1e9));
        }
        return sb.toString();
    }
}
