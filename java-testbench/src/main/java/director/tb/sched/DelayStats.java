package director.tb.sched;

/**
 * Mean, maximum and a 95% confidence half-width (batch means: the window cut into equal batches by arrival slot)
 * of the delays of the cells that arrived inside a window.
 */
final class DelayStats {
    /** Student's t, 97.5% quantile, 19 degrees of freedom (20 batches). */
    private static final double T_975_19 = 2.093;

    private final long start, end;
    private final long[] batchSum, batchCount;
    private long count, sum, max;

    DelayStats(long start, long end, int batches) {
        if (batches != 20) throw new IllegalArgumentException("batches = " + batches + ": the t quantile is for 20");
        this.start = start;
        this.end = end;
        this.batchSum = new long[batches];
        this.batchCount = new long[batches];
    }

    /** A cell that arrived in slot {@code arrival} (inside the window) had this delay. */
    void add(long arrival, long delay) {
        int b = (int) ((arrival - start) * batchSum.length / (end - start));
        batchSum[b] += delay;
        batchCount[b]++;
        count++;
        sum += delay;
        if (delay > max) max = delay;
    }

    long count() { return count; }

    long max() { return max; }

    double mean() { return count == 0 ? Double.NaN : (double) sum / count; }

    /** Half-width of the 95% interval of the mean, from the batch means (NaN when a batch is empty). */
    double ci95() {
        int b = batchSum.length;
        double[] m = new double[b];
        double avg = 0;
        for (int k = 0; k < b; k++) {
            if (batchCount[k] == 0) return Double.NaN;
            m[k] = (double) batchSum[k] / batchCount[k];
            avg += m[k] / b;
        }
        double var = 0;
        for (double x : m) var += (x - avg) * (x - avg) / (b - 1);
        return T_975_19 * Math.sqrt(var / b);
    }
}
