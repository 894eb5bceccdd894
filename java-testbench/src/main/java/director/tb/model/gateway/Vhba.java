package director.tb.model.gateway;

import director.rtl.csr.CsrMap;

/**
 * One vHBA of the vHBA table (docs/gateway.md): its FC address (FC_ID, the D_ID of frames from the SAN for it), the
 * host port, DLID and host QP it is bound to, its SL, and the FC module port it is bound to. vHBA {@code index} is
 * the director's QP {@code 0x800 + index}.
 */
public record Vhba(int index, int fcId, int hostPort, int fcPort, int sl, int dlid, int qp) {
    /** vHBA m is the director's QP QP_BASE + m: the RTL's {@code GatewayQp.VhbaBase}. */
    public static final int QP_BASE = director.rtl.gateway.GatewayQp.VhbaBase();

    public Vhba {
        if (index < 0) throw new IllegalArgumentException("vHBA index " + index + " is negative");
        if (fcId < 0 || fcId > 0xFFFFFF) throw new IllegalArgumentException("vHBA " + index + ": FC_ID " + Integer.toHexString(fcId) + " is not 24 bits");
        if (sl < 0 || sl > 15) throw new IllegalArgumentException("vHBA " + index + ": SL " + sl + " outside 0..15");
        if (dlid < 0 || dlid > 0xFFFF) throw new IllegalArgumentException("vHBA " + index + ": DLID " + dlid + " outside 0..0xFFFF");
        if (qp < 0 || qp > 0xFFFFFF) throw new IllegalArgumentException("vHBA " + index + ": QP " + qp + " is not 24 bits");
    }

    /** The director's QP for this vHBA. */
    public int directorQp() { return QP_BASE + index; }

    /** This vHBA bound to another host (migration): new host port, DLID and QP. */
    public Vhba movedTo(int newHostPort, int newDlid, int newQp) {
        return new Vhba(index, fcId, newHostPort, fcPort, sl, newDlid, newQp);
    }

    /** The four CSR words of its table entry, as (address, value) pairs (gateway/VhbaTable.scala's layout). */
    public long[][] csrWrites() {
        return new long[][] {
            {CsrMap.vhbaAddr(index, 0), (1L << 63) | fcId},
            {CsrMap.vhbaAddr(index, 1), 0},
            {CsrMap.vhbaAddr(index, 2), hostPort | ((long) fcPort << 8) | ((long) sl << 16) | ((long) dlid << 32)},
            {CsrMap.vhbaAddr(index, 3), qp}};
    }
}
