package director.tb.sched;

import java.util.Arrays;

/**
 * An N x N input-queued cell switch: a virtual output queue per (input, output) holding each cell's arrival slot,
 * the request rows they make (a non-empty VOQ requests its output), and departures by a matching, one cell per
 * matched pair and slot. Keeps the delay of the cells that arrive inside the measurement window.
 *
 * <p>Delay convention: a cell that arrives in slot t and crosses the crossbar in slot t' has delay t' - t + 1
 * slots, so a cell that finds the switch idle counts 1 (its own cell time), as in McKeown's latency figures,
 * whose curves start at 1 cell at low load.
 */
final class CellSwitch {
    /** Batches of the window (by arrival slot) for the batch-means confidence interval. */
    static final int BATCHES = 20;

    private final int n;
    private final long windowStart, windowEnd; // [start, end) slots whose arrivals are measured
    private final int[][] ring;               // per VOQ (i*n+j) arrival slots, a growable ring
    private final int[] head, size;
    private final long[] rows;
    private long taggedLeft;                  // measured cells still queued
    private long arrivals, departures;         // inside the window (slots), any cell
    final DelayStats delay;

    CellSwitch(int n, long windowStart, long windowEnd) {
        this.n = n;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.ring = new int[n * n][16];
        this.head = new int[n * n];
        this.size = new int[n * n];
        this.rows = new long[n];
        this.delay = new DelayStats(windowStart, windowEnd, BATCHES);
    }

    boolean inWindow(long slot) { return slot >= windowStart && slot < windowEnd; }

    /** A cell arrives at input i for output j in slot t. */
    void arrive(int i, int j, int t) {
        int q = i * n + j;
        int[] r = ring[q];
        if (size[q] == r.length) {
            int[] g = new int[r.length * 2];
            for (int k = 0; k < size[q]; k++) g[k] = r[(head[q] + k) % r.length];
            ring[q] = r = g;
            head[q] = 0;
        }
        r[(head[q] + size[q]) % r.length] = t;
        size[q]++;
        rows[i] |= 1L << j;
        if (inWindow(t)) {
            arrivals++;
            taggedLeft++;
        }
    }

    /** This slot's request rows (row i bit j: VOQ (i, j) is not empty); valid until the next arrive or depart. */
    long[] rows() { return rows; }

    /**
     * The matched cells leave in slot t. Returns null, or what is wrong with the matching (a pair that did not
     * request, an output matched twice).
     */
    String depart(int[] match, int t) {
        long outs = 0;
        for (int i = 0; i < n; i++) {
            int j = match[i];
            if (j < 0) continue;
            if (j >= n) return "input " + i + " matched to output " + j + ", not a port of this " + n + "-port switch";
            if ((outs >>> j & 1) != 0) return "output " + j + " matched to two inputs";
            outs |= 1L << j;
            int q = i * n + j;
            if (size[q] == 0) return "input " + i + " matched to output " + j + ", which it did not request";
            int[] r = ring[q];
            int a = r[head[q]];
            head[q] = (head[q] + 1) % r.length;
            if (--size[q] == 0) rows[i] &= ~(1L << j);
            if (inWindow(a)) {
                taggedLeft--;
                delay.add(a, t - a + 1L);
            }
            if (inWindow(t)) departures++;
        }
        return null;
    }

    /** Measured cells not yet departed. */
    long taggedLeft() { return taggedLeft; }

    /** Cells that arrived inside the window. */
    long arrivals() { return arrivals; }

    /** Cells that left inside the window (whenever they arrived). */
    long departures() { return departures; }

    /** Cells queued now. */
    long queued() { return Arrays.stream(size).asLongStream().sum(); }
}
