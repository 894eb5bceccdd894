package director.tb.run;

import java.util.Locale;

/**
 * What crossed the gateway, counted by the scoreboard as frames are delivered (docs/gateway.md): per protocol
 * (plain InfiniBand host to host; Ethernet server -> LAN; Ethernet LAN -> server) and per vNIC in both
 * directions. Bytes are as delivered: Ethernet frames with FCS at a 10GbE port, EoIB packets at a host port.
 */
public final class GatewayStats {
    public enum Proto { IB("ib host->host"), ETH_TO_LAN("eth server->LAN"), ETH_TO_SERVER("eth LAN->server");
        public final String label;
        Proto(String label) { this.label = label; }
    }

    final long[] frames = new long[Proto.values().length];
    final long[] bytes = new long[Proto.values().length];
    /** [vnic][0 = to LAN, 1 = to server] */
    final long[][] vnicFrames;
    final long[][] vnicBytes;

    public GatewayStats(int vnics) {
        vnicFrames = new long[vnics][2];
        vnicBytes = new long[vnics][2];
    }

    void add(Proto p, int vnic, int len) {
        frames[p.ordinal()]++;
        bytes[p.ordinal()] += len;
        if (vnic >= 0 && vnic < vnicFrames.length && p != Proto.IB) {
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

    /** The report's section; {@code seconds}: the run's model time, for rates. */
    public String text(double seconds) {
        StringBuilder sb = new StringBuilder("gateway, delivered frames by protocol (whole run):\n");
        for (Proto p : Proto.values())
            sb.append(String.format(Locale.ROOT, "  %-16s %9d frames %12d bytes %8.3f Gb/s%n", p.label, frames(p), bytes(p), bytes(p) * 8 / seconds / 1e9));
        sb.append("per vNIC:  vnic | to LAN frames  bytes      Gb/s | to server frames  bytes      Gb/s\n");
        for (int v = 0; v < vnics(); v++) {
            if (vnicFrames[v][0] + vnicFrames[v][1] == 0) continue;
            sb.append(String.format(Locale.ROOT, "           %4d | %13d %10d %6.3f | %16d %10d %6.3f%n", v, vnicFrames[v][0], vnicBytes[v][0],
                    vnicBytes[v][0] * 8 / seconds / 1e9, vnicFrames[v][1], vnicBytes[v][1], vnicBytes[v][1] * 8 / seconds / 1e9));
        }
        return sb.toString();
    }
}
