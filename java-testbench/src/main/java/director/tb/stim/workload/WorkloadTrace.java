package director.tb.stim.workload;

import director.tb.model.SwitchConfig;
import director.tb.stim.Mix;
import director.tb.stim.trace.TraceFrame;
import director.tb.stim.trace.TraceRow;
import director.tb.stim.trace.TraceRow.Protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A trace of flows drawn from a flow-size distribution: trace rows ({@link TraceRow}) a trace file can hold.
 *
 * <ul>
 *   <li>Every port that has someone to send to ({@link FlowEndpoints}) is a source. Its flows start as a Poisson
 *       process of rate {@code load x line bytes/s / mean flow size}, so that on average its flows' bytes take
 *       {@code load} of the line rate. The load counts flow bytes (L3 payload, IB payload, FC data); headers,
 *       FCS, padding and the wire's framing come on top (2.5% for full Ethernet frames).</li>
 *   <li>A flow's size is drawn from the {@link FlowSizeCdf} (at least 1 byte); its protocol and endpoints by
 *       {@link FlowEndpoints}; it is cut into frames of at most {@link FlowFraming#maxChunk} bytes (the last one
 *       shorter), sent back to back at line rate from the flow's start: frame i at {@code start + i x} the wire time
 *       of a full frame ({@link FlowFraming#wireBytes} at {@code lineGbps}). Flows of one port overlap freely: the
 *       rows are the frames of all of them merged by time (the port's wire may then be oversubscribed for a while,
 *       as a real host's NIC queue would be).</li>
 *   <li>The trace starts in steady state: flows are drawn from as far before time 0 as the longest possible flow
 *       lasts, and only their frames from time 0 on are kept, so the first microseconds carry the same load as the
 *       rest (starting idle, a 2 ms trace would carry only about 56% of the load with hadoop.cdf and 25% with
 *       websearch.cdf, whose flows last longer than the trace). Frames at or after the duration are cut.</li>
 *   <li>Rows: time in nanoseconds (floor of the exact time), sorted by time, ties by port, then in the order the
 *       port made them; payload null and a per-row seed drawn from the port's random stream; file
 *       {@code workload:NAME.cdf} and line numbers from 2 (as in a written file, the header being line 1).</li>
 *   <li>Each port has its own random stream split from the seed: the same arguments give the same rows.</li>
 * </ul>
 */
public final class WorkloadTrace {
    private WorkloadTrace() {}

    /** A frame before it has its row number. */
    private record Pending(long time, int port, FlowEndpoints.Flow flow, int size, long seed) {}

    /**
     * The rows of a trace.
     *
     * @param load       share of each source port's line rate its flows offer, in (0, 1]
     * @param durationNs length of the trace, &gt; 0: every row's time is in [0, durationNs)
     * @throws IllegalArgumentException for a load or duration out of range, or a mix share for a protocol the
     *                                  profile has no module ports for (as the random traffic)
     */
    public static List<TraceRow> generate(SwitchConfig cfg, FlowSizeCdf sizes, Mix mix, double load, long durationNs,
                                          long seed) {
        check(cfg, mix, load, durationNs);
        FlowEndpoints ends = new FlowEndpoints(cfg, mix);
        double bytesPerNs = cfg.lineGbps() / 8.0;
        double flowsPerNs = load * bytesPerNs / Math.max(1.0, sizes.mean());
        SplittableRandom root = new SplittableRandom(seed);
        List<Pending> frames = new ArrayList<>();
        for (int p = 0; p < cfg.ports(); p++) {
            SplittableRandom r = root.split();
            if (!ends.sends(p)) continue;
            double warmup = 0;
            for (Protocol proto : ends.protocols(p))
                for (boolean tagged : new boolean[] {false, true})
                    warmup = Math.max(warmup, flowNs(cfg, proto, tagged, (long) Math.ceil(sizes.max()), bytesPerNs));
            double t = -warmup;
            while (true) {
                t += -Math.log(1.0 - r.nextDouble()) / flowsPerNs;     // exponential gap: Poisson arrivals
                if (t >= durationNs) break;
                FlowEndpoints.Flow f = ends.pick(p, r);
                long bytes = Math.max(1, sizes.sample(r));
                addFrames(cfg, p, f, bytes, t, durationNs, bytesPerNs, r, frames);
            }
        }
        frames.sort(Comparator.comparingLong(Pending::time).thenComparingInt(Pending::port));   // stable: port order kept
        String file = "workload:" + sizes.name();
        List<TraceRow> rows = new ArrayList<>(frames.size());
        long line = 2;
        for (Pending x : frames) {
            FlowEndpoints.Flow f = x.flow();
            rows.add(new TraceRow(file, line++, x.time(), TraceFrame.TimeBase.NS, x.port(), f.protocol(), f.dlid(), f.sl(),
                    f.qp(), f.dstMac(), f.srcMac(), f.vlan(), f.dId(), f.sId(), x.size(), null, x.seed()));
        }
        return rows;
    }

    /** The frames of one flow that fall in [0, durationNs). */
    private static void addFrames(SwitchConfig cfg, int port, FlowEndpoints.Flow f, long bytes, double start,
                                  long durationNs, double bytesPerNs, SplittableRandom r, List<Pending> out) {
        int chunk = FlowFraming.maxChunk(cfg, f.protocol(), f.tagged());
        long n = (bytes + chunk - 1) / chunk;
        double frameNs = FlowFraming.wireBytes(f.protocol(), FlowFraming.rowSize(f.protocol(), chunk, f.tagged())) / bytesPerNs;
        long first = start >= 0 ? 0 : (long) Math.ceil(-start / frameNs);
        for (long i = first; i < n; i++) {
            double t = start + i * frameNs;
            if (t < 0) continue;                       // rounding at the boundary
            if (t >= durationNs) break;
            int c = (int) (i == n - 1 ? bytes - (n - 1) * chunk : chunk);
            out.add(new Pending((long) Math.floor(t), port, f, FlowFraming.rowSize(f.protocol(), c, f.tagged()), r.nextLong()));
        }
    }

    /** How long a flow of {@code bytes} lasts at line rate (its frames back to back). */
    private static double flowNs(SwitchConfig cfg, Protocol p, boolean tagged, long bytes, double bytesPerNs) {
        int chunk = FlowFraming.maxChunk(cfg, p, tagged);
        long n = Math.max(1, (bytes + chunk - 1) / chunk);
        return n * FlowFraming.wireBytes(p, FlowFraming.rowSize(p, chunk, tagged)) / bytesPerNs;
    }

    private static void check(SwitchConfig cfg, Mix mix, double load, long durationNs) {
        if (!(load > 0 && load <= 1.0)) throw new IllegalArgumentException("--load: must be in (0, 1], got " + load);
        if (durationNs <= 0) throw new IllegalArgumentException("duration: must be > 0 ns, got " + durationNs);
        boolean anyEth = false, anyFc = false;
        for (int p = 0; p < cfg.ports(); p++) { anyEth |= cfg.isEth(p); anyFc |= cfg.isFc(p); }
        if (mix.fc() > 0 && !anyFc)
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--mix: fc share %.2f but profile '%s' has no FC ports (try --profile gateway)", mix.fc(), cfg.profile()));
        if (mix.eth() > 0 && !anyEth)
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--mix: eth share %.2f but profile '%s' has no 10GbE ports (try --profile gateway)", mix.eth(), cfg.profile()));
    }

    /**
     * One line for reports: {@code workload hadoop.cdf (20 points, 0..10000000 B, mean 120421 B), load 0.50 of 10
     * Gb/s per source port (6 of 8 ports), mix eth=0.60,fc=0.30,ib=0.10 at host ports, 2000000 ns, seed 1}.
     */
    public static String describe(SwitchConfig cfg, FlowSizeCdf sizes, Mix mix, double load, long durationNs, long seed) {
        FlowEndpoints ends = new FlowEndpoints(cfg, mix);
        int sources = 0;
        for (int p = 0; p < cfg.ports(); p++) if (ends.sends(p)) sources++;
        return String.format(Locale.ROOT, "workload %s, load %.2f of %s Gb/s per source port (%d of %d ports), mix %s at host ports, %d ns, seed %d",
                sizes, load, new java.math.BigDecimal(Double.toString(cfg.lineGbps())).stripTrailingZeros().toPlainString(),
                sources, cfg.ports(), mix, durationNs, seed);
    }
}
