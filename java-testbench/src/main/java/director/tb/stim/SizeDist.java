package director.tb.stim;

import java.util.SplittableRandom;

/**
 * IB payload sizes in bytes: {@code uniform} (0..4096, minimum to MTU), {@code uniform:A-B}, {@code fixed:N},
 * {@code min} (0) or {@code mtu} (4096).
 */
public final class SizeDist {
    public static final int MTU = 4096;
    private final String text;
    private final int lo, hi;

    private SizeDist(String text, int lo, int hi) {
        this.text = text;
        this.lo = lo;
        this.hi = hi;
    }

    public static SizeDist parse(String s) {
        String t = s.trim();
        try {
            if (t.equals("uniform")) return new SizeDist(t, 0, MTU);
            if (t.equals("min")) return new SizeDist(t, 0, 0);
            if (t.equals("mtu")) return new SizeDist(t, MTU, MTU);
            if (t.startsWith("fixed:")) {
                int n = Integer.parseInt(t.substring(6));
                return checked(t, n, n);
            }
            if (t.startsWith("uniform:")) {
                String[] ab = t.substring(8).split("-");
                if (ab.length != 2) throw new NumberFormatException();
                return checked(t, Integer.parseInt(ab[0]), Integer.parseInt(ab[1]));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sizes: cannot read '" + s + "' (uniform, uniform:A-B, fixed:N, min, mtu)");
        }
        throw new IllegalArgumentException("--sizes: unknown size distribution '" + s + "' (uniform, uniform:A-B, fixed:N, min, mtu)");
    }

    private static SizeDist checked(String t, int lo, int hi) {
        if (lo < 0 || hi > MTU || lo > hi)
            throw new IllegalArgumentException("--sizes: '" + t + "': payload sizes must satisfy 0 <= A <= B <= " + MTU);
        return new SizeDist(t, lo, hi);
    }

    public int next(SplittableRandom rng) { return lo == hi ? lo : lo + rng.nextInt(hi - lo + 1); }

    public double mean() { return (lo + hi) / 2.0; }

    @Override
    public String toString() { return text; }
}
