package director.tb.model.gateway;

/**
 * A vNIC's two-rate policer settings (docs/gateway.md, "QoS"): CIR and PIR in kb/s, CBS and PBS in bytes; PIR 0
 * means the vNIC is not policed. The CSR words are at {@code CsrMap.policerAddr(vnic, 0..3)}.
 */
public record Policer(long cirKbps, long pirKbps, long cbsBytes, long pbsBytes) {
    public static final Policer OFF = new Policer(0, 0, 0, 0);

    public Policer {
        checkRates("policer", cirKbps, pirKbps, cbsBytes, pbsBytes);
    }

    /** The four settings of a policer or shaper: each 0..2^24 - 1 (the RTL's widths), PIR 0 or at least CIR. */
    static void checkRates(String what, long cirKbps, long pirKbps, long cbsBytes, long pbsBytes) {
        check(what, "CIR", cirKbps, "kb/s");
        check(what, "PIR", pirKbps, "kb/s");
        check(what, "CBS", cbsBytes, "bytes");
        check(what, "PBS", pbsBytes, "bytes");
        if (pirKbps != 0 && pirKbps < cirKbps) throw new IllegalArgumentException(what + ": PIR " + pirKbps + " kb/s below CIR " + cirKbps);
    }

    private static void check(String what, String name, long v, String unit) {
        if (v < 0 || v >= 1L << 24) throw new IllegalArgumentException(what + ": " + name + " " + v + " " + unit + " outside 0..16777215");
    }

    public boolean enabled() { return pirKbps != 0; }

    public long[] words() { return new long[] {cirKbps, pirKbps, cbsBytes, pbsBytes}; }
}
