package director.tb.stim;

import java.util.Locale;

/**
 * What traffic to offer. Parsed from command-line words with errors that name the option and the value.
 *
 * @param pattern         destination choice per frame
 * @param load            offered load per input as a fraction of line rate, (0, 1]
 * @param sizes           payload size distribution
 * @param hotspotPort     with HOTSPOT: the hot output
 * @param hotspotFraction with HOTSPOT: share of each input's frames sent to the hot output
 * @param unknownFraction share of frames addressed to a DLID with no route (dropped, counted)
 * @param runtFraction    share of frames shorter than the LRH (dropped, counted)
 * @param oversizeFraction share of frames longer than maxPacketBytes (dropped, counted)
 * @param corruptFraction share of frames that fail one link check (bad VCRC, ICRC, LVer, LNH, PktLen, VL15 or
 *                        MTU length), the kind chosen at random (dropped, counted)
 * @param mix             protocols a host port offers (docs/gateway.md); module ports offer their own
 */
public record TrafficSpec(Pattern pattern, double load, SizeDist sizes, int hotspotPort, double hotspotFraction,
                          double unknownFraction, double runtFraction, double oversizeFraction, double corruptFraction, Mix mix,
                          double burstMean, int incastSenders, java.nio.file.Path workload) {

    public enum Pattern { UNIFORM, PERMUTATION, HOTSPOT, BALANCED, BURSTY, INCAST, WORKLOAD }

    /** Frames in a burst on average with {@code --pattern bursty}. */
    public static final double DEFAULT_BURST_MEAN = 16;

    public TrafficSpec {
        if (!(load > 0 && load <= 1.0)) throw new IllegalArgumentException("--load: must be in (0, 1], got " + load);
        for (double f : new double[] {hotspotFraction, unknownFraction, runtFraction, oversizeFraction, corruptFraction})
            if (!(f >= 0 && f <= 1)) throw new IllegalArgumentException("traffic fractions must be in [0, 1], got " + f);
        if (unknownFraction + runtFraction + oversizeFraction + corruptFraction > 1)
            throw new IllegalArgumentException("--unknown + --runt + --oversize + --corrupt fractions exceed 1");
        if (!(burstMean >= 1)) throw new IllegalArgumentException("--burst: mean frames per burst must be at least 1, got " + burstMean);
        if (incastSenders < 0) throw new IllegalArgumentException("--incast: senders must be at least 1, got " + incastSenders);
    }

    public static TrafficSpec uniform(double load) {
        return new TrafficSpec(Pattern.UNIFORM, load, SizeDist.parse("uniform"), 0, 0.0, 0, 0, 0, 0, Mix.IB_ONLY, DEFAULT_BURST_MEAN, 0, null);
    }

    public TrafficSpec withPattern(Pattern p) { return new TrafficSpec(p, load, sizes, hotspotPort, hotspotFraction, unknownFraction, runtFraction, oversizeFraction, corruptFraction, mix, burstMean, incastSenders, workload); }
    public TrafficSpec withSizes(SizeDist s) { return new TrafficSpec(pattern, load, s, hotspotPort, hotspotFraction, unknownFraction, runtFraction, oversizeFraction, corruptFraction, mix, burstMean, incastSenders, workload); }
    public TrafficSpec withHotspot(int port, double fraction) { return new TrafficSpec(Pattern.HOTSPOT, load, sizes, port, fraction, unknownFraction, runtFraction, oversizeFraction, corruptFraction, mix, burstMean, incastSenders, workload); }
    public TrafficSpec withErrors(double unknown, double runt, double oversize) { return new TrafficSpec(pattern, load, sizes, hotspotPort, hotspotFraction, unknown, runt, oversize, corruptFraction, mix, burstMean, incastSenders, workload); }

    public TrafficSpec withCorrupt(double f) { return new TrafficSpec(pattern, load, sizes, hotspotPort, hotspotFraction, unknownFraction, runtFraction, oversizeFraction, f, mix, burstMean, incastSenders, workload); }

    public TrafficSpec withMix(Mix m) { return new TrafficSpec(pattern, load, sizes, hotspotPort, hotspotFraction, unknownFraction, runtFraction, oversizeFraction, corruptFraction, m, burstMean, incastSenders, workload); }

    public TrafficSpec withBursts(double mean) { return new TrafficSpec(Pattern.BURSTY, load, sizes, hotspotPort, hotspotFraction, unknownFraction, runtFraction, oversizeFraction, corruptFraction, mix, mean, incastSenders, workload); }

    /** {@code senders} host ports (those after {@code target}, round the hosts) send everything to {@code target}. */
    public TrafficSpec withIncast(int target, int senders) { return new TrafficSpec(Pattern.INCAST, load, sizes, target, 1.0, unknownFraction, runtFraction, oversizeFraction, corruptFraction, mix, burstMean, senders, workload); }

    /** Flows drawn from the flow-size distribution in {@code cdf} (a .cdf file as in ../shared/workloads). */
    public TrafficSpec withWorkload(java.nio.file.Path cdf) { return new TrafficSpec(Pattern.WORKLOAD, load, sizes, hotspotPort, hotspotFraction, unknownFraction, runtFraction, oversizeFraction, corruptFraction, mix, burstMean, incastSenders, cdf); }

    public static Pattern parsePattern(String s) {
        try {
            return Pattern.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--pattern: unknown pattern '" + s + "' (balanced, uniform, permutation, hotspot, bursty, incast; flows from a distribution: --workload FILE.cdf)");
        }
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s load=%.3f sizes=%s%s%s", pattern.name().toLowerCase(Locale.ROOT), load, sizes,
                pattern == Pattern.HOTSPOT ? String.format(Locale.ROOT, " hotspot=%d:%.2f", hotspotPort, hotspotFraction)
                        : pattern == Pattern.BURSTY ? String.format(Locale.ROOT, " burst=%.1f", burstMean)
                        : pattern == Pattern.INCAST ? String.format(Locale.ROOT, " incast=%d:%d", hotspotPort, incastSenders)
                        : pattern == Pattern.WORKLOAD ? " workload=" + workload : "",
                unknownFraction + runtFraction + oversizeFraction + corruptFraction > 0
                        ? String.format(Locale.ROOT, " errors(unknown=%.3f runt=%.3f oversize=%.3f corrupt=%.3f)", unknownFraction, runtFraction,
                            oversizeFraction, corruptFraction) : "") + (mix.ibOnly() ? "" : " mix=" + mix);
    }
}
