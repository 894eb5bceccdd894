package director.tb.run;

import director.rtl.params.DirectorParams;
import director.tb.sim.SimOptions;
import director.tb.stim.TrafficSpec;

import java.nio.file.Path;

/**
 * One simulation run.
 *
 * @param cycles      cycles of offered traffic (the measurement window); a drain follows
 * @param check       golden model + scoreboard on (off only to measure their cost)
 * @param batch       cycles per call into the model
 * @param waves       FST file for a tracing run, or null; cycles [wavesFrom, wavesTo] are recorded
 * @param maxDrain    cycles allowed after the window for every frame to come out
 * @param iterations  iSLIP iterations written to SCHED_ITERS before traffic (0: the hardware's reset value)
 * @param capture     folder for per-port egress captures (ERF, InfiniBand records), or null
 * @param sl2vl       how the SL-to-VL tables are programmed before traffic
 * @param links       VL arbitration tables, link partners' credits and their scheduled changes
 * @param schedPeriod the scheduler matches one cycle in this many (SCHED_PERIOD; 1, every cycle, is the hardware's
 *                    reset value; more is a lazy scheduler, for showing that the work-conservation check bites)
 */
public record RunConfig(DirectorParams params, TrafficSpec traffic, long cycles, long seed, boolean check, int batch,
                        SimOptions.EgressMode egressMode, long stallPpm, Path waves, long wavesFrom, long wavesTo,
                        long maxDrain, long watchdog, int iterations, Path capture, Sl2VlPlan sl2vl, Links links, Scenario scenario,
                        int schedPeriod, Path coverage) {
    /** SL-to-VL programming: none written (every SL to VL0), SL to VL = SL mod dataVls, or random per (in, out) from the seed. */
    public enum Sl2VlPlan { ZERO, MOD8, RANDOM }

    public RunConfig {
        if (cycles <= 0) throw new IllegalArgumentException("--cycles: must be positive, got " + cycles);
        if (batch <= 0) throw new IllegalArgumentException("--batch: must be positive, got " + batch);
        if (iterations < 0 || iterations > params.islipIterations())
            throw new IllegalArgumentException("--iterations: must be 1.." + params.islipIterations() + " for this profile, got " + iterations);
        if (schedPeriod < 1 || schedPeriod > director.rtl.csr.CsrMap.SchedPeriodMax())
            throw new IllegalArgumentException("--sched-period: must be 1.." + director.rtl.csr.CsrMap.SchedPeriodMax() + ", got " + schedPeriod);
        long least = SimOptions.minPartnerBlocks(params.maxPacketBytes());
        if (links.partnerBlocks() < least)
            throw new IllegalArgumentException("--partner-blocks " + links.partnerBlocks() + ": a link partner's buffer per VL must take the largest packet, "
                    + params.maxPacketBytes() + " bytes (maxPacketBytes) = " + least + " blocks of 64 bytes; a smaller one never has credit for it and the link stalls");
        if (waves != null && wavesTo < wavesFrom) throw new IllegalArgumentException("--to (" + wavesTo + ") is before --from (" + wavesFrom + ")");
    }

    /** Cycles at the start of the window left out of the wire meters (the switch filling up): a quarter, at most 5,000. */
    public long warmup() { return Math.min(cycles / 4, 5_000); }

    public static RunConfig of(DirectorParams p, TrafficSpec t, long cycles, long seed) {
        return new RunConfig(p, t, cycles, seed, true, 1024, SimOptions.EgressMode.LINE, 0, null, 0, 0, 2_000_000, 100_000, 0, null, Sl2VlPlan.ZERO, Links.defaults(), Scenario.NONE, 1, null);
    }

    public RunConfig withCycles(long n) { return new RunConfig(params, traffic, n, seed, check, batch, egressMode, stallPpm, waves, wavesFrom, wavesTo, maxDrain, watchdog, iterations, capture, sl2vl, links, scenario, schedPeriod, coverage); }
    public RunConfig withCheck(boolean c) { return new RunConfig(params, traffic, cycles, seed, c, batch, egressMode, stallPpm, waves, wavesFrom, wavesTo, maxDrain, watchdog, iterations, capture, sl2vl, links, scenario, schedPeriod, coverage); }
    public RunConfig withEgress(SimOptions.EgressMode m, long ppm) { return new RunConfig(params, traffic, cycles, seed, check, batch, m, ppm, waves, wavesFrom, wavesTo, maxDrain, watchdog, iterations, capture, sl2vl, links, scenario, schedPeriod, coverage); }
    public RunConfig withWaves(Path f, long from, long to) { return new RunConfig(params, traffic, cycles, seed, check, batch, egressMode, stallPpm, f, from, to, maxDrain, watchdog, iterations, capture, sl2vl, links, scenario, schedPeriod, coverage); }
    public RunConfig withIterations(int k) { return new RunConfig(params, traffic, cycles, seed, check, batch, egressMode, stallPpm, waves, wavesFrom, wavesTo, maxDrain, watchdog, k, capture, sl2vl, links, scenario, schedPeriod, coverage); }
    public RunConfig withSeed(long s) { return new RunConfig(params, traffic, cycles, s, check, batch, egressMode, stallPpm, waves, wavesFrom, wavesTo, maxDrain, watchdog, iterations, capture, sl2vl, links, scenario, schedPeriod, coverage); }
    public RunConfig withCapture(Path dir) { return new RunConfig(params, traffic, cycles, seed, check, batch, egressMode, stallPpm, waves, wavesFrom, wavesTo, maxDrain, watchdog, iterations, dir, sl2vl, links, scenario, schedPeriod, coverage); }
    public RunConfig withSl2Vl(Sl2VlPlan plan) { return new RunConfig(params, traffic, cycles, seed, check, batch, egressMode, stallPpm, waves, wavesFrom, wavesTo, maxDrain, watchdog, iterations, capture, plan, links, scenario, schedPeriod, coverage); }
    public RunConfig withLinks(Links l) { return new RunConfig(params, traffic, cycles, seed, check, batch, egressMode, stallPpm, waves, wavesFrom, wavesTo, maxDrain, watchdog, iterations, capture, sl2vl, l, scenario, schedPeriod, coverage); }
    public RunConfig withDrain(long d) { return new RunConfig(params, traffic, cycles, seed, check, batch, egressMode, stallPpm, waves, wavesFrom, wavesTo, d, watchdog, iterations, capture, sl2vl, links, scenario, schedPeriod, coverage); }
    public RunConfig withScenario(Scenario sc) { return new RunConfig(params, traffic, cycles, seed, check, batch, egressMode, stallPpm, waves, wavesFrom, wavesTo, maxDrain, watchdog, iterations, capture, sl2vl, links, sc, schedPeriod, coverage); }
    public RunConfig withSchedPeriod(int n) { return new RunConfig(params, traffic, cycles, seed, check, batch, egressMode, stallPpm, waves, wavesFrom, wavesTo, maxDrain, watchdog, iterations, capture, sl2vl, links, scenario, n, coverage); }
    /** Count the RTL's cover points (a coverage build of the model) and write them to {@code file} after the run. */
    public RunConfig withCoverage(Path file) { return new RunConfig(params, traffic, cycles, seed, check, batch, egressMode, stallPpm, waves, wavesFrom, wavesTo, maxDrain, watchdog, iterations, capture, sl2vl, links, scenario, schedPeriod, file); }
    public RunConfig withWatchdog(long w) { return new RunConfig(params, traffic, cycles, seed, check, batch, egressMode, stallPpm, waves, wavesFrom, wavesTo, maxDrain, w, iterations, capture, sl2vl, links, scenario, schedPeriod, coverage); }
}
