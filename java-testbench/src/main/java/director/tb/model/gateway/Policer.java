package director.tb.model.gateway;

/**
 * A vNIC's two-rate policer settings (docs/gateway.md, "QoS"): CIR and PIR in kb/s, CBS and PBS in bytes; PIR 0
 * means the vNIC is not policed. The CSR words are at {@code CsrMap.policerAddr(vnic, 0..3)}.
 */
public record Policer(long cirKbps, long pirKbps, long cbsBytes, long pbsBytes) {
    public static final Policer OFF = new Policer(0, 0, 0, 0);

    public Policer {
        if (cirKbps < 0 || cirKbps >= 1L << 24) throw new IllegalArgumentException("policer: CIR " + cirKbps + " kb/s outside 0..16777215");
        if (pirKbps < 0 || pirKbps >= 1L << 24) throw new IllegalArgumentException("policer: PIR " + pirKbps + " kb/s outside 0..16777215");
        if (pirKbps != 0 && pirKbps < cirKbps) throw new IllegalArgumentException("policer: PIR " + pirKbps + " kb/s below CIR " + cirKbps);
        if (cbsBytes < 0 || cbsBytes >= 1L << 24) throw new IllegalArgumentException("policer: CBS " + cbsBytes + " bytes outside 0..16777215");
        if (pbsBytes < 0 || pbsBytes >= 1L << 24) throw new IllegalArgumentException("policer: PBS " + pbsBytes + " bytes outside 0..16777215");
    }

    public boolean enabled() { return pirKbps != 0; }

    public long[] words() { return new long[] {cirKbps, pirKbps, cbsBytes, pbsBytes}; }
}
