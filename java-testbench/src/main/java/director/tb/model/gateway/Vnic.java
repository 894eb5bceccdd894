package director.tb.model.gateway;

import director.rtl.csr.CsrMap;

import java.util.Arrays;

/**
 * One vNIC of the vNIC table (docs/gateway.md): its MAC, up to four allowed VLANs (VID 0 = untagged frames), the
 * host port, DLID and host QP it is bound to, its SL, and the 10GbE module port it is bound to. vNIC {@code index}
 * is the director's QP {@code 0x100 + index}.
 */
public record Vnic(int index, long mac, int[] vlans, int hostPort, int modulePort, int sl, int dlid, int qp) {
    /** vNIC n is the director's QP QP_BASE + n: the RTL's {@code GatewayQp.VnicBase}. */
    public static final int QP_BASE = director.rtl.gateway.GatewayQp.VnicBase();
    public static final int VLAN_SLOTS = 4;

    public Vnic {
        if (index < 0) throw new IllegalArgumentException("vNIC index " + index + " is negative");
        if (mac < 0 || mac > 0xFFFF_FFFF_FFFFL) throw new IllegalArgumentException("vNIC " + index + ": MAC " + Long.toHexString(mac) + " is not 48 bits");
        if (vlans.length > VLAN_SLOTS) throw new IllegalArgumentException("vNIC " + index + ": " + vlans.length + " VLANs, at most " + VLAN_SLOTS);
        for (int v : vlans) if (v < 0 || v > 4095) throw new IllegalArgumentException("vNIC " + index + ": VLAN " + v + " outside 0..4095");
        if (sl < 0 || sl > 15) throw new IllegalArgumentException("vNIC " + index + ": SL " + sl + " outside 0..15");
        if (dlid < 0 || dlid > 0xFFFF) throw new IllegalArgumentException("vNIC " + index + ": DLID " + dlid + " outside 0..0xFFFF");
        if (qp < 0 || qp > 0xFFFFFF) throw new IllegalArgumentException("vNIC " + index + ": QP " + qp + " is not 24 bits");
        vlans = vlans.clone();
    }

    public boolean allows(int vid) { return Arrays.stream(vlans).anyMatch(v -> v == vid); }

    /** The director's QP for this vNIC. */
    public int directorQp() { return QP_BASE + index; }

    /** This vNIC bound to another host (migration): new host port, DLID and QP. */
    public Vnic movedTo(int newHostPort, int newDlid, int newQp) {
        return new Vnic(index, mac, vlans, newHostPort, modulePort, sl, newDlid, newQp);
    }

    /** The four CSR words of its table entry, as (address, value) pairs (gateway/VnicTable.scala's layout). */
    public long[][] csrWrites() {
        long vl = 0;
        for (int k = 0; k < vlans.length; k++) vl |= ((1L << 15) | vlans[k]) << (16 * k);
        return new long[][] {
            {CsrMap.vnicAddr(index, 0), (1L << 63) | mac},
            {CsrMap.vnicAddr(index, 1), vl},
            {CsrMap.vnicAddr(index, 2), hostPort | ((long) modulePort << 8) | ((long) sl << 16) | ((long) dlid << 32)},
            {CsrMap.vnicAddr(index, 3), qp}};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vnic v && v.index == index && v.mac == mac && Arrays.equals(v.vlans, vlans) && v.hostPort == hostPort
                && v.modulePort == modulePort && v.sl == sl && v.dlid == dlid && v.qp == qp;
    }

    @Override
    public int hashCode() { return Long.hashCode(mac) * 31 + index; }

    @Override
    public String toString() {
        return String.format("vNIC %d (MAC %012x, VLANs %s, host port %d DLID 0x%x QP 0x%x, SL %d, module port %d)",
                index, mac, Arrays.toString(vlans), hostPort, dlid, qp, sl, modulePort);
    }
}
