package director.tb.model.gateway;

/**
 * A vHBA's shaper settings (docs/gateway.md, "QoS: the vHBA shaper"): CIR and PIR in kb/s, CBS and PBS in bytes. CIR 0
 * means not shaped; PIR 0 means no peak bucket (the first CBS bytes leave at line rate). A shaper holds frames back
 * and never drops one. The CSR words are at {@code CsrMap.shaperAddr(vhba, 0..3)}.
 */
public record Shaper(long cirKbps, long pirKbps, long cbsBytes, long pbsBytes) {
    public static final Shaper OFF = new Shaper(0, 0, 0, 0);

    public Shaper {
        Policer.checkRates("shaper", cirKbps, pirKbps, cbsBytes, pbsBytes);
    }

    public boolean enabled() { return cirKbps != 0; }

    public long[] words() { return new long[] {cirKbps, pirKbps, cbsBytes, pbsBytes}; }
}
