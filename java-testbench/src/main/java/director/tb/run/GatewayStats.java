package director.tb.run;

import java.util.Locale;

/**
 * What crossed the gateway, counted by the scoreboard as frames are delivered (docs/gateway.md): per protocol
 * (plain InfiniBand host to host; Ethernet server -> LAN and LAN -> server; FC server -> SAN and SAN -> server) and
 * per vNIC and per vHBA in both
 * directions. Bytes are as delivered: Ethernet frames with FCS at a 10GbE port, FC frames SOF to EOF at an FC
 * port, EoIB and FCoIB packets at a host port.
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

    /** [vhba][0 = to SAN, 1 = to server] */
    final long[][] vhbaFrames;
    final long[][] vhbaBytes;
    /** Per vHBA, its frames to the SAN: the cycle each started at the FC port and its length, in pairs. */
    final LongList[] sanFrames;
    /** Per vHBA: its shaper's CIR in kb/s (0 = not shaped) and the rate it left at (b/s, see {@link #shaperRate}). */
    final long[] shaperCirKbps;
    final double[] shaperRate;
    final double[] sanRate;

    public GatewayStats(int vnics, int vhbas) {
        vhbaFrames = new long[vhbas][2];
        vhbaBytes = new long[vhbas][2];
        sanFrames = new LongList[vhbas];
        shaperCirKbps = new long[vhbas];
        shaperRate = new double[vhbas];
        sanRate = new double[vhbas];
        vnicFrames = new long[vnics][2];
        vnicBytes = new long[vnics][2];
        cirKbps = new long[vnics];
        burstBytes = new long[vnics];
        policed = new long[vnics];
        policerRate = new double[vnics];
        policedOn = new boolean[vnics];
    }

    /** Per vNIC: policed (PIR != 0; CIR may be 0, every frame then yellow or red). */
    final boolean[] policedOn;

    /** Per policed vNIC: its policer's rate in b/s between its first and last decision, without the initial burst. */
    final double[] policerRate;

    /**
     * Vnic {@code vnic}'s policer {@code p} and what it did: {@code span} = its first and last decision's cycles and
     * the bytes it let through. The rate is not a measure (NaN) when everything passed within the initial burst.
     */
    public void setPolicing(int vnic, director.tb.model.gateway.Policer p, long policedFrames, long[] span, double nsPerCycle) {
        cirKbps[vnic] = p.cirKbps();
        burstBytes[vnic] = p.pbsBytes();
        policedOn[vnic] = p.enabled();
        policerRate[vnic] = span != null && span[1] > span[0] && span[2] > p.pbsBytes()
                ? (span[2] - p.pbsBytes()) * 8 / ((span[1] - span[0]) * nsPerCycle / 1e9) : Double.NaN;
        policed[vnic] = policedFrames;
    }

    public long cirKbps(int vnic) { return cirKbps[vnic]; }
    public long policedFrames(int vnic) { return policed[vnic]; }
    /** The rate vNIC {@code vnic}'s policer let through, b/s, from its first to its last decision, less the initial burst. */
    public double policerRate(int vnic) { return policerRate[vnic]; }

    public void setShaping(int vhba, director.tb.model.gateway.Shaper s, double nsPerCycle) {
        shaperCirKbps[vhba] = s.cirKbps();
        sanRate[vhba] = rate(vhba, 0, nsPerCycle);
        if (s.enabled()) shaperRate[vhba] = rate(vhba, s.cbsBytes() + director.tb.model.gateway.GatewayModel.FC_MAX_PORT_BYTES, nsPerCycle);
    }

    /**
     * vHBA {@code vhba}'s rate to the SAN, b/s, from its first frame with {@code skip} bytes gone before it: the
     * least-squares slope of the bytes sent before each frame against the cycle it started at (a frame's start
     * wanders by the wait between the shaper and the wire; the slope over many frames does not). 0 if too few.
     */
    private double rate(int vhba, long skip, double nsPerCycle) {
        LongList f = sanFrames[vhba];
        int n = f == null ? 0 : f.size() / 2;
        long before = 0;
        int k = 0;
        while (k < n && before < skip) { before += f.get(2 * k + 1); k++; }
        if (n - k < 3) return 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        long t0 = f.get(2 * k), y = 0;
        for (int i = k; i < n; i++) {
            double x = f.get(2 * i) - t0;
            sx += x; sy += y; sxx += x * x; sxy += x * y;
            y += f.get(2 * i + 1);
        }
        int m = n - k;
        double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);  // bytes per cycle
        return slope * 8 / (nsPerCycle / 1e9);
    }

    /** A growable list of longs (cycle, length pairs). */
    private static final class LongList {
        private long[] a = new long[64];
        private int n;
        void add(long v) { if (n == a.length) a = java.util.Arrays.copyOf(a, 2 * n); a[n++] = v; }
        long get(int i) { return a[i]; }
        int size() { return n; }
    }

    /** The rate a vHBA's frames left its FC port at, b/s: the slope of bytes sent against time over all its frames. */
    public double sanRate(int vhba) { return sanRate[vhba]; }

    public int vhbas() { return vhbaFrames.length; }
    public long vhbaFrames(int vhba, boolean toSan) { return vhbaFrames[vhba][toSan ? 0 : 1]; }
    public long vhbaBytes(int vhba, boolean toSan) { return vhbaBytes[vhba][toSan ? 0 : 1]; }
    public long shaperCirKbps(int vhba) { return shaperCirKbps[vhba]; }

    /**
     * The rate a shaped vHBA's frames left its FC port at after its first burst, b/s: from its first frame with
     * CBS + one largest frame (the most a first burst can be) gone before it, the slope of bytes sent against time
     * (see {@link #rate}). A shaper lets a frame go when its buckets are out of debt, so while the vHBA has frames
     * waiting each start is where the tokens for the bytes before it came in: under overload this is the CIR.
     */
    public double shaperRate(int vhba) { return shaperRate[vhba]; }

    public void add(Proto p, int idx, int len, long cycle) {
        frames[p.ordinal()]++;
        bytes[p.ordinal()] += len;
        if (idx >= 0 && idx < vhbaFrames.length && (p == Proto.FC_TO_SAN || p == Proto.FC_TO_SERVER)) {
            int d = p == Proto.FC_TO_SAN ? 0 : 1;
            vhbaFrames[idx][d]++;
            vhbaBytes[idx][d] += len;
            if (d == 0) {
                if (sanFrames[idx] == null) sanFrames[idx] = new LongList();
                sanFrames[idx].add(cycle);
                sanFrames[idx].add(len);
            }
            return;
        }
        int vnic = idx;
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
            boolean pol = policedOn[v];
            sb.append(String.format(Locale.ROOT, "           %4d | %13d %10d %6.3f | %8s %12s %7d | %16d %10d %6.3f%n", v, vnicFrames[v][0], vnicBytes[v][0],
                    vnicBytes[v][0] * 8 / seconds / 1e9, pol ? String.format(Locale.ROOT, "%.3f", cirKbps[v] / 1e6) : "-",
                    pol && !Double.isNaN(policerRate[v]) ? String.format(Locale.ROOT, "%.3f", policerRate[v] / 1e9) : "-", policed[v],
                    vnicFrames[v][1], vnicBytes[v][1], vnicBytes[v][1] * 8 / seconds / 1e9));
        }
        sb.append("per vHBA:  vhba | to SAN frames  bytes      Gb/s | CIR Gb/s  shaper Gb/s | to server frames  bytes      Gb/s\n");
        for (int h = 0; h < vhbas(); h++) {
            if (vhbaFrames[h][0] + vhbaFrames[h][1] == 0) continue;
            boolean sh = shaperCirKbps[h] != 0;
            sb.append(String.format(Locale.ROOT, "           %4d | %13d %10d %6.3f | %8s %11s | %16d %10d %6.3f%n", h, vhbaFrames[h][0], vhbaBytes[h][0],
                    vhbaBytes[h][0] * 8 / seconds / 1e9, sh ? String.format(Locale.ROOT, "%.3f", shaperCirKbps[h] / 1e6) : "-",
                    sh ? String.format(Locale.ROOT, "%.3f", shaperRate[h] / 1e9) : "-",
                    vhbaFrames[h][1], vhbaBytes[h][1], vhbaBytes[h][1] * 8 / seconds / 1e9));
        }
        return sb.toString();
    }
}
