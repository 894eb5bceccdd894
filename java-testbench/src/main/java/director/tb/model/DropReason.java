package director.tb.model;

/**
 * Every reason the director may drop a packet at ingress, in precedence order (docs/ingress-checks.md, then
 * {@code bad_vl} of docs/virtual-lanes.md last), each with its per-port counter's CSR index and the RTL's
 * reason code ({@code director.rtl.link.DropReason}), which also places the per-VL drop counter:
 * {@code CsrMap.vlCounterAddr(port, vl, VlCounter.DropBase + rtlCode)}.
 */
public enum DropReason {
    RUNT("runt", 6, 1),
    OVERSIZE("oversize", 5, 2),
    BAD_VCRC("bad_vcrc", 8, 3),
    BAD_LVER("bad_lver", 9, 4),
    BAD_LNH("bad_lnh", 10, 5),
    BAD_PKTLEN("bad_pktlen", 11, 6),
    BAD_ICRC("bad_icrc", 12, 7),
    VL15_TOO_LONG("vl15_too_long", 13, 8),
    TOO_LONG("too_long", 14, 9),
    UNKNOWN_DLID("unknown_dlid", 4, 10),
    /** Received on a data VL the port does not have (not VL15), or SL2VL maps it to a VL >= dataVls. */
    BAD_VL("bad_vl", 15, 11),
    // the gateway's reasons (docs/gateway.md): counted in the per-port gateway counters at n = rtlCode
    // (CsrMap.gwCounterAddr), not in the port counter block (counterIndex -1) nor per VL
    BAD_FCS("bad_fcs", -1, 16),
    ETH_RUNT("eth_runt", -1, 17),
    ETH_OVERSIZE("eth_oversize", -1, 18),
    UNKNOWN_MAC("unknown_mac", -1, 19),
    VLAN_DENIED("vlan_denied", -1, 20),
    MALFORMED_EOIB("malformed_eoib", -1, 21),
    UNKNOWN_QP("unknown_qp", -1, 22),
    /** Server -> LAN: over its vNIC's peak rate (red), docs/gateway.md "QoS". */
    POLICED("policed", -1, 23),
    // FC (docs/gateway.md, "SAN -> server", "Server -> SAN")
    BAD_SOF("bad_sof", -1, 24),
    BAD_EOF("bad_eof", -1, 25),
    BAD_FC_CRC("bad_fc_crc", -1, 26),
    FC_RUNT("fc_runt", -1, 27),
    FC_OVERSIZE("fc_oversize", -1, 28),
    UNKNOWN_DID("unknown_did", -1, 29),
    MALFORMED_FCOIB("malformed_fcoib", -1, 30),
    FC_MISALIGNED("fc_misaligned", -1, 31);

    public final String key;
    /** Index of this reason's counter in a port's CSR counter block. */
    public final int counterIndex;
    /** The RTL's reason code, 1..31 (0 is "not dropped"). */
    public final int rtlCode;

    /** A gateway reason (docs/gateway.md): counted in the gateway counters, not per VL. */
    public boolean isGateway() { return rtlCode >= 16; }

    DropReason(String key, int counterIndex, int rtlCode) {
        this.key = key;
        this.counterIndex = counterIndex;
        this.rtlCode = rtlCode;
    }
}
