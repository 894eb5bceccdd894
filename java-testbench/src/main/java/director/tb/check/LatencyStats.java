package director.tb.check;

import java.util.Arrays;

/** Latency samples in cycles; percentiles by exact sort (runs are at most a few million frames). */
public final class LatencyStats {
    private long[] samples = new long[1024];
    private int n;

    public void add(long cycles) {
        if (n == samples.length) samples = Arrays.copyOf(samples, n * 2);
        samples[n++] = cycles;
    }

    public int count() { return n; }

    /** The q-quantile (0..1) by nearest rank; 0 when empty. */
    public long percentile(double q) {
        if (n == 0) return 0;
        long[] s = Arrays.copyOf(samples, n);
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * n) - 1;
        return s[Math.max(0, Math.min(n - 1, rank))];
    }

    /** The samples in ascending order (a copy): a CDF's points. */
    public long[] sorted() {
        long[] s = Arrays.copyOf(samples, n);
        Arrays.sort(s);
        return s;
    }

    public double mean() {
        if (n == 0) return 0;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += samples[i];
        return sum / n;
    }
}
