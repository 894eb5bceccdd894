package director.tb.sim;

import director.harness.HarnessSetting;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Run-time settings of the harness (the bus-functional models), not of the RTL. They reach the harness by name
 * ({@link #settings()}, {@link HarnessSetting}), never by position.
 *
 * @param seed          seed of the harness's own random choices (egress stalls)
 * @param lineMbps      port line rate used for pacing ingress and egress
 * @param coreMHz       core clock, to convert the line rate into bytes per cycle
 * @param egressMode    how egress link partners take beats
 * @param stallPpm      with {@link EgressMode#LINE_STALLS}: chance per cycle (per million) of holding ready low
 * @param watchdogCycles cycles without any beat moving, while work is pending, before the run is stopped
 * @param breakSopPort  for testing the testbench only: this ingress port (-1: none) drives one frame without sop,
 *                      at the first frame start at or after {@code breakSopCycle}, which the RTL must catch
 * @param partnerBlocks each egress link partner's receive buffer per data VL in 64-byte blocks (its credits)
 * @param fcDelay       cycles from a partner consuming blocks to the switch seeing the credit
 */
public record SimOptions(long seed, long lineMbps, long coreMHz, EgressMode egressMode, long stallPpm, long watchdogCycles,
                         int breakSopPort, long breakSopCycle, long partnerBlocks, long fcDelay) {
    public static final long DEFAULT_PARTNER_BLOCKS = HarnessSetting.Defaults.PARTNER_BLOCKS;
    public static final long DEFAULT_FC_DELAY = HarnessSetting.Defaults.FC_DELAY;

    /** The harness's egress modes, by name: {@link HarnessSetting#EGRESS_MODE}'s choices (a test checks they agree). */
    public enum EgressMode {
        LINE, LINE_STALLS, UNPACED;

        /** The name the harness knows this mode by. */
        public String key() { return name().toLowerCase(Locale.ROOT); }
    }

    public SimOptions {
        if (lineMbps <= 0) throw new IllegalArgumentException("lineMbps must be positive, got " + lineMbps);
        if (coreMHz <= 0) throw new IllegalArgumentException("coreMHz must be positive, got " + coreMHz);
        if (stallPpm < 0 || stallPpm > 1_000_000) throw new IllegalArgumentException("stallPpm must be 0..1000000, got " + stallPpm);
        if (watchdogCycles <= 0) throw new IllegalArgumentException("watchdogCycles must be positive, got " + watchdogCycles);
        checkCredits(partnerBlocks, fcDelay);
    }

    /**
     * The largest partner buffer per VL, in blocks: credits are counted modulo 4096 (the 12-bit FCCL and FCTBS), so
     * a limit can run at most half the counter's range ahead of what was sent.
     */
    public static final long MAX_PARTNER_BLOCKS = 2048;

    /** The least partner buffer per VL that takes a packet of {@code maxPacketBytes}: below it the link stalls for ever. */
    public static long minPartnerBlocks(int maxPacketBytes) { return (maxPacketBytes + 63) / 64; }

    /** The bounds of the link partners' credit settings (also checked where a run is configured). */
    public static void checkCredits(long partnerBlocks, long fcDelay) {
        if (partnerBlocks < 1 || partnerBlocks > MAX_PARTNER_BLOCKS)
            throw new IllegalArgumentException("partnerBlocks (--partner-blocks, the link partners' credits per VL) must be 1.." + MAX_PARTNER_BLOCKS + " blocks, got " + partnerBlocks);
        if (fcDelay < 1 || fcDelay > 1_000_000)
            throw new IllegalArgumentException("fcDelay (--fc-delay) must be 1..1000000 cycles, got " + fcDelay);
    }

    public SimOptions(long seed, long lineMbps, long coreMHz, EgressMode egressMode, long stallPpm, long watchdogCycles) {
        this(seed, lineMbps, coreMHz, egressMode, stallPpm, watchdogCycles, -1, 0, DEFAULT_PARTNER_BLOCKS, DEFAULT_FC_DELAY);
    }

    public SimOptions withBrokenSop(int port, long cycle) {
        return new SimOptions(seed, lineMbps, coreMHz, egressMode, stallPpm, watchdogCycles, port, cycle, partnerBlocks, fcDelay);
    }

    public SimOptions withCredits(long blocks, long delay) {
        return new SimOptions(seed, lineMbps, coreMHz, egressMode, stallPpm, watchdogCycles, breakSopPort, breakSopCycle, blocks, delay);
    }

    /** Every harness setting's value, by name (a choice by its name). */
    public Map<HarnessSetting, String> settings() {
        Map<HarnessSetting, String> m = new EnumMap<>(HarnessSetting.class);
        m.put(HarnessSetting.SEED, Long.toString(seed));
        m.put(HarnessSetting.LINE_MBPS, Long.toString(lineMbps));
        m.put(HarnessSetting.CORE_MHZ, Long.toString(coreMHz));
        m.put(HarnessSetting.EGRESS_MODE, egressMode.key());
        m.put(HarnessSetting.EGRESS_STALL_PPM, Long.toString(stallPpm));
        m.put(HarnessSetting.WATCHDOG, Long.toString(watchdogCycles));
        m.put(HarnessSetting.BREAK_PORT, Integer.toString(breakSopPort));
        m.put(HarnessSetting.BREAK_CYCLE, Long.toString(breakSopCycle));
        m.put(HarnessSetting.PARTNER_BLOCKS, Long.toString(partnerBlocks));
        m.put(HarnessSetting.FC_DELAY, Long.toString(fcDelay));
        return m;
    }

    /** What the harness's {@code dir_model_create} takes: a "name=value" line per setting (every one given). */
    public String settingsText() { return HarnessSetting.text(settings()); }
}
