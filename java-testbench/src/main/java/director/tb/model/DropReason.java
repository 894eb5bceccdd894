package director.tb.model;

/**
 * Every reason the director may drop a packet at ingress, in precedence order (docs/ingress-checks.md),
 * each with its per-port counter's CSR index.
 */
public enum DropReason {
    RUNT("runt", 6),
    OVERSIZE("oversize", 5),
    BAD_VCRC("bad_vcrc", 8),
    BAD_LVER("bad_lver", 9),
    BAD_LNH("bad_lnh", 10),
    BAD_PKTLEN("bad_pktlen", 11),
    BAD_ICRC("bad_icrc", 12),
    VL15_TOO_LONG("vl15_too_long", 13),
    TOO_LONG("too_long", 14),
    UNKNOWN_DLID("unknown_dlid", 4);

    public final String key;
    /** Index of this reason's counter in a port's CSR counter block. */
    public final int counterIndex;

    DropReason(String key, int counterIndex) {
        this.key = key;
        this.counterIndex = counterIndex;
    }
}
