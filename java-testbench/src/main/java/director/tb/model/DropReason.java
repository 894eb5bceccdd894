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
    BAD_VL("bad_vl", 15, 11);

    public final String key;
    /** Index of this reason's counter in a port's CSR counter block. */
    public final int counterIndex;
    /** The RTL's reason code, 1..11 (0 is "not dropped"). */
    public final int rtlCode;

    DropReason(String key, int counterIndex, int rtlCode) {
        this.key = key;
        this.counterIndex = counterIndex;
        this.rtlCode = rtlCode;
    }
}
