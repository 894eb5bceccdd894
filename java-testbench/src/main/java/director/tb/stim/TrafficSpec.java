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
                          double unknownFraction, double runtFraction, double oversizeFraction, double corruptFraction, Mix mix) {

    public enum Pattern { UNIFORM, PERMUTATION, HOTSPOT }

    public TrafficSpec {
        if (!(load > 0 && load <= 1.0)) throw new IllegalArgumentException("--load: must be in (0, 1], got " + load);
        for (double f : new double[] {hotspotFraction, unknownFraction, runtFraction, oversizeFraction, corruptFraction})
            if (!(f >= 0 && f <= 1)) throw new IllegalArgumentException("traffic fractions must be in [0, 1], got " + f);
        if (unknownFraction + runtFraction + oversizeFraction + corruptFraction > 1)
            throw new IllegalArgumentException("--unknown + --runt + --oversize + --corrupt fractions exceed 1");
    }

    public static TrafficSpec uniform(double load) {
        return new TrafficSpec(Pattern.UNIFORM, load, SizeDist.parse("uniform"), 0, 0.0, 0, 0, 0, 0, Mix.IB_ONLY);
    }

    public TrafficSpec withPattern(Pattern p) { return new TrafficSpec(p, load, sizes, hotspotPort, hotspotFraction, unknownFraction, runtFraction, oversizeFraction, corruptFraction, mix); }
    public TrafficSpec withSizes(SizeDist s) { return new TrafficSpec(pattern, load, s, hotspotPort, hotspotFraction, unknownFraction, runtFraction, oversizeFraction, corruptFraction, mix); }
    public TrafficSpec withHotspot(int port, double fraction) { return new TrafficSpec(Pattern.HOTSPOT, load, sizes, port, fraction, unknownFraction, runtFraction, oversizeFraction, corruptFraction, mix); }
    public TrafficSpec withErrors(double unknown, double runt, double oversize) { return new TrafficSpec(pattern, load, sizes, hotspotPort, hotspotFraction, unknown, runt, oversize, corruptFraction, mix); }

    public TrafficSpec withCorrupt(double f) { return new TrafficSpec(pattern, load, sizes, hotspotPort, hotspotFraction, unknownFraction, runtFraction, oversizeFraction, f, mix); }

    public TrafficSpec withMix(Mix m) { return new TrafficSpec(pattern, load, sizes, hotspotPort, hotspotFraction, unknownFraction, runtFraction, oversizeFraction, corruptFraction, m); }

    public static Pattern parsePattern(String s) {
        try {
            return Pattern.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--pattern: unknown pattern '" + s + "' (uniform, permutation, hotspot)");
        }
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s load=%.3f sizes=%s%s%s", pattern.name().toLowerCase(Locale.ROOT), load, sizes,
                pattern == Pattern.HOTSPOT ? String.format(Locale.ROOT, " hotspot=%d:%.2f", hotspotPort, hotspotFraction) : "",
                unknownFraction + runtFraction + oversizeFraction + corruptFraction > 0
                        ? String.format(Locale.ROOT, " errors(unknown=%.3f runt=%.3f oversize=%.3f corrupt=%.3f)", unknownFraction, runtFraction,
                            oversizeFraction, corruptFraction) : "") + (mix.ibOnly() ? "" : " mix=" + mix);
    }
}
