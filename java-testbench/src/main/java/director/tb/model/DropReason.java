package director.tb.model;

import director.rtl.csr.CsrMap;

/**
 * Every reason the director may drop a packet at ingress, in precedence order (docs/ingress-checks.md, then
 * {@code bad_vl} of docs/virtual-lanes.md last), then the gateway's (docs/gateway.md). Each constant is the RTL's
 * reason ({@code director.rtl.link.DropReason}, the one definition) of the same name in lower case: its code is
 * read from there, and its per-port counter from the register map ({@code CsrMap.dropCounters}); the code also
 * places the per-VL drop counter: {@code CsrMap.vlCounterAddr(port, vl, VlCounter.DropBase + rtlCode)}. A test
 * checks that the constants are exactly the RTL's reasons, in the RTL's order.
 */
public enum DropReason {
    RUNT,
    OVERSIZE,
    BAD_VCRC,
    BAD_LVER,
    BAD_LNH,
    BAD_PKTLEN,
    BAD_ICRC,
    VL15_TOO_LONG,
    TOO_LONG,
    UNKNOWN_DLID,
    /** Received on a data VL the port does not have (not VL15), or SL2VL maps it to a VL >= dataVls. */
    BAD_VL,
    // the gateway's reasons (docs/gateway.md): counted in the per-port gateway counters at n = rtlCode
    // (CsrMap.gwCounterAddr), not in the port counter block (counterIndex -1) nor per VL
    BAD_FCS,
    ETH_RUNT,
    ETH_OVERSIZE,
    UNKNOWN_MAC,
    VLAN_DENIED,
    MALFORMED_EOIB,
    UNKNOWN_QP,
    /** Server -> LAN: over its vNIC's peak rate (red), docs/gateway.md "QoS". */
    POLICED,
    // FC (docs/gateway.md, "SAN -> server", "Server -> SAN")
    BAD_SOF,
    BAD_EOF,
    BAD_FC_CRC,
    FC_RUNT,
    FC_OVERSIZE,
    UNKNOWN_DID,
    MALFORMED_FCOIB,
    FC_MISALIGNED;

    /** The reason's name (reports, JSON, CSV): the RTL's. */
    public final String key;
    /** Index of this reason's counter in a port's CSR counter block; -1 for a gateway reason. */
    public final int counterIndex;
    /** The RTL's reason code, 1..31 (0 is "not dropped"). */
    public final int rtlCode;
    private final boolean gateway;

    /** A gateway reason (docs/gateway.md): counted in the gateway counters, not per VL. */
    public boolean isGateway() { return gateway; }

    DropReason() {
        // the RTL's reason of this name (an error naming it when the RTL has none)
        director.rtl.link.DropReason.Reason r = director.rtl.link.DropReason.byKey(name().toLowerCase(java.util.Locale.ROOT));
        this.rtlCode = r.code();
        this.key = r.key();
        this.gateway = r.isGateway();
        this.counterIndex = CsrMap.dropCounterIndex(r.code());
    }

    /** The reason with this RTL code; an error naming the code when there is none. */
    public static DropReason ofCode(int rtlCode) {
        for (DropReason r : values()) if (r.rtlCode == rtlCode) return r;
        throw new IllegalArgumentException("no drop reason has RTL code " + rtlCode);
    }
}
