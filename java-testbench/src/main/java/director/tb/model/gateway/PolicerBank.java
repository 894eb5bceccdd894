package director.tb.model.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * One host port's two-rate policers, one per vNIC, in the RTL's integer arithmetic (qos/TwoRatePolicer.scala;
 * RFC 2698, colour blind): tokens in 2^-24 bytes, an increment per cycle of (kbps x M) >> 16 with
 * M = round(125 x 2^40 / (coreMHz x 10^6)), refilled when a frame is decided over at most 2^31 - 1 cycles, capped
 * at the burst; both buckets full before the first frame. Red (peak bucket short): dropped, nothing taken; yellow
 * (committed bucket short): taken from the peak bucket; green: taken from both.
 */
public final class PolicerBank {
    private static final int FRAC = 24;
    private static final long MAX_ELAPSED = (1L << 31) - 1;
    private final long m;
    private final Map<Integer, long[]> state = new HashMap<>();  // vnic -> {tc, tp, last}

    public PolicerBank(int coreMHz) { this.m = multiplier(coreMHz); }

    public static long multiplier(int coreMHz) { return Math.round(125.0 * Math.pow(2, 40) / (coreMHz * 1e6)); }

    private long refill(long tokens, long kbps, long burst, long elapsed, boolean seen) {
        long cap = (burst & 0xFFFFFF) << FRAC;
        long inc = (((kbps & 0xFFFFFF) * m) >>> 16) & ((1L << 28) - 1);
        long sum = (tokens & ((1L << 48) - 1)) + elapsed * inc;
        return !seen || sum > cap ? cap : sum;
    }

    /** The frame of {@code bytes} (as on the LAN, FCS included) for {@code vnic}, decided in cycle {@code now}: red? */
    public boolean red(int vnic, Policer cfg, int bytes, long now) {
        if (!cfg.enabled()) return false;
        long[] s = state.get(vnic);
        boolean seen = s != null;
        if (s == null) state.put(vnic, s = new long[3]);
        long elapsed = Math.min(now - s[2], MAX_ELAPSED);
        long tc = refill(s[0], cfg.cirKbps(), cfg.cbsBytes(), elapsed, seen);
        long tp = refill(s[1], cfg.pirKbps(), cfg.pbsBytes(), elapsed, seen);
        long need = ((long) bytes << FRAC) & ((1L << 48) - 1);
        boolean red = tp < need;
        boolean yellow = !red && tc < need;
        s[1] = red ? tp : tp - need;
        s[0] = red || yellow ? tc : tc - need;
        s[2] = now;
        return red;
    }
}
