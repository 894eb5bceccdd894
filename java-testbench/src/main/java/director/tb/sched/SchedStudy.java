package director.tb.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The scheduler study (issue 11): an N x N input-queued switch in cell mode, a VOQ per (input, output) kept here,
 * scheduled by the RTL iSLIP unit and by the Java iSLIP model in lockstep, under uniform i.i.d. Bernoulli arrivals
 * (each slot each input receives a cell with probability = load, its output drawn uniformly), one cell per matched
 * pair and slot, every slot a fresh matching (no packet mode). Per (load, iterations) point it measures mean cell
 * delay and throughput after a warm-up, next to an ideal output-queued switch fed the same arrivals.
 *
 * <p>Both schedulers see the same request matrix every slot (their switches are checked to request alike) and their
 * matchings must agree exactly; the first disagreement stops the study with a {@link LockstepMismatch}.
 *
 * <p>Reproducible: a point's arrivals come from {@link #pointSeed(long, double)}, which depends on the study's seed and
 * the load only, so every iteration count at a load sees the same arrivals and a point re-run alone (same seed,
 * slots and warm-up) repeats exactly.
 */
public final class SchedStudy {
    /** Makes one side of the lockstep for (ports, iterations). */
    @FunctionalInterface
    public interface MatcherFactory {
        Matcher create(int ports, int iterations);
    }

    /** {@link Config#warmup()}: each point's warm-up from its load, {@link #autoWarmup(int, double)}. */
    public static final long AUTO_WARMUP = -1;

    /**
     * What to run: per point {@code slots} measured slots after a warm-up of {@code warmup} slots
     * ({@link #AUTO_WARMUP}: by load).
     */
    public record Config(int ports, List<Integer> iterations, List<Double> loads, long slots, long warmup, long seed) {
        public Config {
            if (ports < 2 || ports > 64) throw new IllegalArgumentException("ports = " + ports + " out of range 2..64");
            if (slots < CellSwitch.BATCHES) throw new IllegalArgumentException("slots = " + slots + ": at least " + CellSwitch.BATCHES);
            if (warmup < 0 && warmup != AUTO_WARMUP) throw new IllegalArgumentException("warmup = " + warmup + " is negative");
            for (double p : loads) if (!(p > 0 && p < 1)) throw new IllegalArgumentException("load = " + p + " out of range (0, 1)");
            for (int k : iterations) if (k < 1 || k > RtlMatcher.MAX_ITERATIONS)
                throw new IllegalArgumentException("iterations = " + k + " out of range 1.." + RtlMatcher.MAX_ITERATIONS);
            iterations = List.copyOf(iterations);
            loads = List.copyOf(loads);
            for (double p : loads)
                if (warmupFor(ports, warmup, p) + slots + drainLimit(slots) > Integer.MAX_VALUE)
                    throw new IllegalArgumentException("warm-up + slots = " + (warmupFor(ports, warmup, p) + slots) + " slots at load " + p + " is too many");
        }

        /** The warm-up of the point at this load. */
        public long warmupAt(double load) { return warmupFor(ports, warmup, load); }
    }

    private static long warmupFor(int ports, long warmup, double load) {
        return warmup == AUTO_WARMUP ? autoWarmup(ports, load) : warmup;
    }

    /**
     * The warm-up {@code --warmup auto} gives a point: max(20,000, 6 N / (1 - load)^2) slots. The queues of an
     * iSLIP switch need a time of that order to fill from empty near saturation: with 16 ports at load 0.99 and one
     * iteration the mean delay measured after 200,000 slots was 1,122 slots, after 1, 3 and 6 million 1,511, 1,468
     * and 1,538; 6 N / (1 - 0.99)^2 = 960,000.
     */
    public static long autoWarmup(int ports, double load) {
        return Math.max(20_000, Math.round(6.0 * ports / ((1 - load) * (1 - load))));
    }

    private final MatcherFactory rtl, model;

    /** A study of {@code rtl} against {@code model} (normally {@link RtlMatcher} and {@link ModelMatcher}). */
    public SchedStudy(MatcherFactory rtl, MatcherFactory model) {
        this.rtl = rtl;
        this.model = model;
    }

    /** The seed of a point's arrivals: the study's seed and the load (not the iterations, not the other points). */
    public static long pointSeed(long seed, double load) {
        long z = seed * 0x9E3779B97F4A7C15L + Math.round(load * 1e9);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Runs every point, loads outer, iterations inner; {@code onPoint} sees each as it is done. */
    public List<StudyPoint> run(Config c, Consumer<StudyPoint> onPoint) {
        List<StudyPoint> points = new ArrayList<>();
        for (double load : c.loads())
            for (int k : c.iterations()) {
                try (Matcher r = rtl.create(c.ports(), k); Matcher m = model.create(c.ports(), k)) {
                    StudyPoint p = runPoint(c.ports(), k, load, c.slots(), c.warmupAt(load), pointSeed(c.seed(), load), r, m);
                    points.add(p);
                    onPoint.accept(p);
                }
            }
        return points;
    }

    /** The most slots the drain of the measured cells may take, after the window. */
    static long drainLimit(long slots) { return Math.max(100_000, 10 * slots); }

    /** One point: warm-up, window, then the drain of the window's cells (arrivals go on meanwhile). */
    static StudyPoint runPoint(int n, int k, double load, long slots, long warmup, long seed, Matcher rtl, Matcher model) {
        long t0 = System.nanoTime();
        rtl.reset();
        model.reset();
        SplittableRandom rng = new SplittableRandom(seed);
        long end = warmup + slots;
        CellSwitch swR = new CellSwitch(n, warmup, end), swM = new CellSwitch(n, warmup, end);
        OutputQueued oq = new OutputQueued(n, warmup, end);
        long limit = end + drainLimit(slots);
        int t = 0;
        for (; t < end || swR.taggedLeft() > 0; t++) {
            if (t >= limit)
                throw new IllegalStateException("load " + load + ", " + k + " iterations: " + swR.taggedLeft()
                        + " measured cells still queued " + drainLimit(slots) + " slots after the window (seed " + seed + ")");
            for (int i = 0; i < n; i++) {
                if (rng.nextDouble() < load) {
                    int j = rng.nextInt(n);
                    swR.arrive(i, j, t);
                    swM.arrive(i, j, t);
                    oq.arrive(j);
                }
            }
            oq.endSlot(t, swR.inWindow(t));
            long[] rows = swR.rows();
            long[] rowsM = swM.rows();
            for (int i = 0; i < n; i++)
                if (rows[i] != rowsM[i]) throw mismatch(n, k, load, t, rows, null, null, "the two switches request differently at input " + i);
            long[] req = rows.clone();
            int[] mr = rtl.match(req).clone();
            int[] mm = model.match(req).clone();
            if (!java.util.Arrays.equals(mr, mm)) throw mismatch(n, k, load, t, req, mr, mm, null);
            String bad = swR.depart(mr, t);
            if (bad == null) bad = swM.depart(mm, t);
            if (bad != null) throw mismatch(n, k, load, t, req, mr, mm, bad);
        }
        return new StudyPoint(n, k, load, slots, warmup, seed, swR.arrivals(), swR.departures(), swR.delay.count(),
                swR.delay.mean(), swR.delay.ci95(), swR.delay.max(), swM.delay.mean(), swM.delay.ci95(),
                oq.delay.mean(), OutputQueued.meanDelay(n, load), t, t, (System.nanoTime() - t0) / 1e9);
    }

    private static LockstepMismatch mismatch(int n, int k, double load, int t, long[] req, int[] rtl, int[] model, String what) {
        StringBuilder sb = new StringBuilder();
        sb.append("lockstep failure at slot ").append(t).append(" (load ").append(load).append(", ").append(k)
                .append(k == 1 ? " iteration" : " iterations").append(", ").append(n).append(" ports): ");
        if (what != null) sb.append(what);
        else {
            sb.append("RTL and model match differently at");
            for (int i = 0; i < n; i++)
                if (rtl[i] != model[i]) sb.append(" input ").append(i).append(" (RTL ").append(out(rtl[i])).append(", model ").append(out(model[i])).append(')');
        }
        if (rtl != null) sb.append("; RTL matches ").append(matches(rtl)).append("; model matches ").append(matches(model));
        sb.append("; requests");
        for (int i = 0; i < n; i++) if (req[i] != 0) sb.append(' ').append(i).append("->").append(bits(req[i], n));
        return new LockstepMismatch(k, load, t, sb.toString());
    }

    private static String out(int j) { return j < 0 ? "none" : "output " + j; }

    /** "[0->3, 2->1]": the matched pairs, input->output. */
    static String matches(int[] m) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length; i++)
            if (m[i] >= 0) sb.append(sb.length() > 1 ? ", " : "").append(i).append("->").append(m[i]);
        return sb.append(']').toString();
    }

    private static String bits(long row, int n) {
        StringBuilder sb = new StringBuilder("{");
        for (int j = 0; j < n; j++) if ((row >>> j & 1) != 0) sb.append(sb.length() > 1 ? "," : "").append(j);
        return sb.append('}').toString();
    }
}
