package director.tb.sched;

/**
 * The reference the study is set against: an ideal output-queued N x N switch (every arriving cell goes straight to
 * its output's FIFO, one cell leaves each output per slot), simulated on the same arrivals, and its mean delay in
 * closed form.
 */
public final class OutputQueued {
    private final long[] backlog;  // per output: cells left from earlier slots
    private final int[] arriving;  // per output: cells arriving this slot
    final DelayStats delay;

    OutputQueued(int n, long windowStart, long windowEnd) {
        this.backlog = new long[n];
        this.arriving = new int[n];
        this.delay = new DelayStats(windowStart, windowEnd, CellSwitch.BATCHES);
    }

    /** A cell for output j arrives this slot. */
    void arrive(int j) { arriving[j]++; }

    /** Ends slot t: this slot's cells join their outputs' queues (in input order) and one cell leaves each. */
    void endSlot(int t, boolean measured) {
        for (int j = 0; j < backlog.length; j++) {
            int a = arriving[j];
            if (measured)
                for (int k = 0; k < a; k++) delay.add(t, backlog[j] + k + 1);  // same convention: idle = 1 slot
            backlog[j] = Math.max(backlog[j] + a - 1, 0);
            arriving[j] = 0;
        }
    }

    /**
     * Mean cell delay of an N x N output-queued switch under uniform i.i.d. Bernoulli arrivals of load p, in slots,
     * with the study's convention (a cell that finds its output idle counts 1): 1 + W with the mean queueing delay
     * W = (N-1)/N * p / (2(1-p)) (Karol, Hluchyj and Morgan, IEEE Trans. Commun. 35(12), 1987): the output's
     * arrivals per slot are Binomial(N, p/N), served one per slot, W = E[A(A-1)] / (2 p (1-p)).
     */
    public static double meanDelay(int n, double p) {
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("load = " + p + " out of range (0, 1)");
        return 1 + (n - 1.0) / n * p / (2 * (1 - p));
    }
}
