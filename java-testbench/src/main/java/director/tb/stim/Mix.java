package director.tb.stim;

import java.util.Locale;

/**
 * The protocol mix a host port offers (docs/gateway.md): the share of its frames that are Ethernet over IB to a
 * vNIC (eth), Fibre Channel over IB to a vHBA (fc) and plain InfiniBand to another host (ib). Module ports offer
 * their own protocol. Parsed from {@code --mix eth=0.6,fc=0.3,ib=0.1}; the shares are normalised to sum to 1.
 */
public record Mix(double eth, double fc, double ib) {
    public static final Mix IB_ONLY = new Mix(0, 0, 1);

    public Mix {
        for (double f : new double[] {eth, fc, ib})
            if (!(f >= 0 && f <= 1e9)) throw new IllegalArgumentException("--mix: shares must be >= 0, got " + f);
        double sum = eth + fc + ib;
        if (!(sum > 0)) throw new IllegalArgumentException("--mix: the shares sum to 0");
        eth /= sum;
        fc /= sum;
        ib /= sum;
    }

    public static Mix parse(String text) {
        double eth = 0, fc = 0, ib = 0;
        for (String item : text.split(",")) {
            String[] kv = item.trim().split("=");
            if (kv.length != 2) throw new IllegalArgumentException("--mix: '" + item.trim() + "' is not kind=share (e.g. eth=0.6,fc=0.3,ib=0.1)");
            double v;
            try {
                v = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mix: '" + item.trim() + "': '" + kv[1].trim() + "' is not a number");
            }
            if (v < 0) throw new IllegalArgumentException("--mix: '" + item.trim() + "': a share cannot be negative");
            switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "eth" -> eth = v;
                case "fc" -> fc = v;
                case "ib" -> ib = v;
                default -> throw new IllegalArgumentException("--mix: unknown kind '" + kv[0].trim() + "' (eth, fc, ib)");
            }
        }
        return new Mix(eth, fc, ib);
    }

    public boolean ibOnly() { return eth == 0 && fc == 0; }

    @Override
    public String toString() { return String.format(Locale.ROOT, "eth=%.2f,fc=%.2f,ib=%.2f", eth, fc, ib); }
}
