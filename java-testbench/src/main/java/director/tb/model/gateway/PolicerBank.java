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

    /** A decision's colour, coded as the RTL's probe shows it (0..3): NONE when the vNIC is not policed. */
    public enum Colour { NONE, GREEN, YELLOW, RED }

    /** A frame's decision and the vNIC's buckets brought up to date before its bytes were taken (2^-24 bytes). */
    public record Decision(Colour colour, long committedNow, long peakNow) {}

    /** The frame of {@code bytes} (as on the LAN, FCS included) for {@code vnic}, decided in cycle {@code now}: red? */
    public boolean red(int vnic, Policer cfg, int bytes, long now) {
        return decide(vnic, cfg, bytes, now).colour() == Colour.RED;
    }

    /** The frame of {@code bytes} for {@code vnic}, decided in cycle {@code now}: its colour, the buckets taken from. */
    public Decision decide(int vnic, Policer cfg, int bytes, long now) { return decide(vnic, cfg, bytes, now, true); }

    /** What {@link #decide} would answer for this frame now, the state left as it is. */
    public Decision preview(int vnic, Policer cfg, int bytes, long now) { return decide(vnic, cfg, bytes, now, false); }

    private Decision decide(int vnic, Policer cfg, int bytes, long now, boolean commit) {
        if (!cfg.enabled()) return new Decision(Colour.NONE, 0, 0);
        long[] s = state.get(vnic);
        boolean seen = s != null;
        if (s == null) s = new long[3];
        if (commit && !seen) state.put(vnic, s);
        long elapsed = Math.min(now - s[2], MAX_ELAPSED);
        long tc = refill(s[0], cfg.cirKbps(), cfg.cbsBytes(), elapsed, seen);
        long tp = refill(s[1], cfg.pirKbps(), cfg.pbsBytes(), elapsed, seen);
        long need = ((long) bytes << FRAC) & ((1L << 48) - 1);
        boolean red = tp < need;
        boolean yellow = !red && tc < need;
        if (commit) {
            s[1] = red ? tp : tp - need;
            s[0] = red || yellow ? tc : tc - need;
            s[2] = now;
        }
        return new Decision(red ? Colour.RED : yellow ? Colour.YELLOW : Colour.GREEN, tc, tp);
    }

    /** Whether {@code vnic} has been metered (a frame decided while it was policed); before that its buckets are full. */
    public boolean seen(int vnic) { return state.containsKey(vnic); }

    /** {@code vnic}'s committed bucket as of its last decision, in 2^-24 bytes (only when {@link #seen}). */
    public long committed(int vnic) { return stateOf(vnic)[0]; }

    /** {@code vnic}'s peak bucket as of its last decision, in 2^-24 bytes (only when {@link #seen}). */
    public long peak(int vnic) { return stateOf(vnic)[1]; }

    /** The cycle of {@code vnic}'s last decision (only when {@link #seen}). */
    public long last(int vnic) { return stateOf(vnic)[2]; }

    private long[] stateOf(int vnic) {
        long[] s = state.get(vnic);
        if (s == null) throw new IllegalStateException("vNIC " + vnic + " has not been metered");
        return s;
    }
}
