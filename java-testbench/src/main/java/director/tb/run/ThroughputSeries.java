package director.tb.run;

import java.util.Arrays;

/**
 * Delivered bytes per output port over time, cycles counted from the start of the window: each delivered frame's bytes
 * spread evenly over the cycles from its first beat to its last (the time it was on the wire; counting it whole in the
 * bin of its last beat would show a 4 KB frame, 820 cycles long at 10 Gb/s, as a spike in a bin shorter than it), in
 * integers (a frame's remainder in its last bin), so every port's bins add up to the bytes it delivered. Bins are
 * {@code binCycles} long, {@link #WINDOW_BINS} of them covering the window; the drain's frames fall in the bins after it.
 *
 * @param binCycles    cycles per bin
 * @param windowCycles the measurement window, cycles
 * @param spanCycles   window + drain: the last bin may cover less than {@code binCycles} of the run
 * @param bytes        [port][bin] delivered bytes
 */
public record ThroughputSeries(long binCycles, long windowCycles, long spanCycles, long[][] bytes) {
    /** About this many bins across the window. */
    public static final int WINDOW_BINS = 100;

    public static ThroughputSeries empty(int ports, long windowCycles) {
        return new Builder(ports, windowCycles).build(windowCycles);
    }

    public int ports() { return bytes.length; }

    public int bins() { return bytes.length == 0 ? 0 : bytes[0].length; }

    /** True when no frame was seen frame by frame (a run without the checker and captures counts only totals). */
    public boolean isEmpty() {
        for (long[] p : bytes) for (long b : p) if (b != 0) return false;
        return true;
    }

    /** Cycles of the run bin {@code bin} covers (the last one may be cut short by the end of the run). */
    public long binSpan(int bin) {
        return Math.max(1, Math.min(binCycles, spanCycles - bin * binCycles));
    }

    /** Port {@code port}'s delivered rate in bin {@code bin}, Gb/s. */
    public double gbps(int port, int bin, double nsPerCycle) {
        return bytes[port][bin] * 8.0 / (binSpan(bin) * nsPerCycle);
    }

    /** The middle of bin {@code bin}, microseconds from the window's start. */
    public double midMicros(int bin, double nsPerCycle) {
        return (bin * binCycles + binSpan(bin) / 2.0) * nsPerCycle / 1000;
    }

    /** Collects frames as they leave (the monitors' thread); {@link #build} once at the end. */
    public static final class Builder {
        private final long binCycles, windowCycles;
        private long[][] bytes;

        public Builder(int ports, long windowCycles) {
            this.windowCycles = windowCycles;
            this.binCycles = Math.max(1, (windowCycles + WINDOW_BINS - 1) / WINDOW_BINS);
            this.bytes = new long[ports][(int) ((windowCycles + binCycles - 1) / binCycles)];
        }

        /**
         * A frame of {@code len} bytes that left port {@code port} with its first beat at cycle {@code first} and its last
         * at {@code last} (cycles from the window's start).
         */
        public void add(int port, long first, long last, int len) {
            if (port < 0 || port >= bytes.length) return;
            long from = Math.max(0, first), to = Math.max(from, last);  // inclusive
            long lastBin = to / binCycles;
            if (lastBin >= bytes[port].length) {
                int n = (int) Math.max(lastBin + 1, bytes[port].length * 3L / 2);
                for (int p = 0; p < bytes.length; p++) bytes[p] = Arrays.copyOf(bytes[p], n);
            }
            long span = to - from + 1, given = 0;
            for (long b = from / binCycles; b < lastBin; b++) {
                long overlap = (b + 1) * binCycles - Math.max(from, b * binCycles);
                long share = len * overlap / span;
                bytes[port][(int) b] += share;
                given += share;
            }
            bytes[port][(int) lastBin] += len - given;
        }

        /** The series of a run that lasted {@code spanCycles} (window + drain): bins up to its end. */
        public ThroughputSeries build(long spanCycles) {
            int bins = (int) Math.max(1, (Math.max(spanCycles, windowCycles) + binCycles - 1) / binCycles);
            for (long[] p : bytes) bins = Math.max(bins, lastUsed(p) + 1);  // a frame after the given span: keep it
            long[][] out = new long[bytes.length][];
            for (int p = 0; p < bytes.length; p++) out[p] = Arrays.copyOf(bytes[p], bins);
            return new ThroughputSeries(binCycles, windowCycles, Math.max(spanCycles, (bins - 1) * binCycles + 1), out);
        }

        private static int lastUsed(long[] a) {
            for (int i = a.length - 1; i >= 0; i--) if (a[i] != 0) return i;
            return -1;
        }
    }
}
