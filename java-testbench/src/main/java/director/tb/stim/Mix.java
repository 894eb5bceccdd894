package director.tb.stim;

import java.util.Locale;

/**
 * The protocol mix a host port offers (docs/gateway.md): the share of its frames that are Ethernet over IB to a
 * vNIC (eth), Fibre Channel over IB to a vHBA (fc) and plain InfiniBand to another host (ib). Module ports offer
 * their own protocol. Parsed from {@code --mix eth=0.6,fc=0.3,ib=0.1}: each share in [0, 1], a kind left out is 0,
 * and the shares must sum to 1 (within {@link #SUM_TOLERANCE}; the rounding is then taken out).
 */
public record Mix(double eth, double fc, double ib) {
    public static final Mix IB_ONLY = new Mix(0, 0, 1);
    /** How far from 1 the shares may sum (decimal fractions such as 0.45 + 0.45 + 0.1 do not add up exactly). */
    public static final double SUM_TOLERANCE = 1e-9;

    public Mix {
        String shares = "eth=" + eth + ", fc=" + fc + ", ib=" + ib;
        for (double f : new double[] {eth, fc, ib})
            if (!(f >= 0 && f <= 1)) throw new IllegalArgumentException("--mix: shares must each be in [0, 1], got " + shares);
        double sum = eth + fc + ib;
        if (!(Math.abs(sum - 1) <= SUM_TOLERANCE))
            throw new IllegalArgumentException("--mix: shares must sum to 1, got " + shares + " (sum " + sum + ")");
        eth /= sum;
        fc /= sum;
        ib /= sum;
    }

    public static Mix parse(String text) {
        double[] share = new double[3];
        boolean[] seen = new boolean[3];
        double sum = 0;
        for (String item : text.split(",")) {
            String[] kv = item.trim().split("=");
            if (kv.length != 2) throw new IllegalArgumentException("--mix: '" + item.trim() + "' is not kind=share (e.g. eth=0.6,fc=0.3,ib=0.1)");
            double v;
            try {
                v = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mix: '" + item.trim() + "': '" + kv[1].trim() + "' is not a number");
            }
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("--mix: '" + item.trim() + "': a share must be in [0, 1]");
            int k = switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "eth" -> 0;
                case "fc" -> 1;
                case "ib" -> 2;
                default -> throw new IllegalArgumentException("--mix: unknown kind '" + kv[0].trim() + "' (eth, fc, ib)");
            };
            if (seen[k]) throw new IllegalArgumentException("--mix: '" + text + "' gives " + kv[0].trim() + " twice");
            seen[k] = true;
            share[k] = v;
            sum += v;
        }
        if (!(Math.abs(sum - 1) <= SUM_TOLERANCE))
            throw new IllegalArgumentException("--mix: the shares of '" + text + "' sum to " + sum + ", not 1 (a kind left out is 0)");
        return new Mix(share[0], share[1], share[2]);
    }

    public boolean ibOnly() { return eth == 0 && fc == 0; }

    @Override
    public String toString() { return String.format(Locale.ROOT, "eth=%.2f,fc=%.2f,ib=%.2f", eth, fc, ib); }
}
