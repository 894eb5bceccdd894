package director.tb.sim;

/**
 * Run-time settings of the harness (the bus-functional models), not of the RTL.
 *
 * @param seed          seed of the harness's own random choices (egress stalls)
 * @param lineMbps      port line rate used for pacing ingress and egress
 * @param coreMHz       core clock, to convert the line rate into bytes per cycle
 * @param egressMode    how egress link partners take beats
 * @param stallPpm      with {@link EgressMode#LINE_STALLS}: chance per cycle (per million) of holding ready low
 * @param watchdogCycles cycles without any beat moving, while work is pending, before the run is stopped
 * @param breakSopPort  for testing the testbench only: this ingress port (-1: none) drives one frame without sop,
 *                      at the first frame start at or after {@code breakSopCycle}, which the RTL must catch
 */
public record SimOptions(long seed, long lineMbps, long coreMHz, EgressMode egressMode, long stallPpm, long watchdogCycles,
                         int breakSopPort, long breakSopCycle) {
    public enum EgressMode { LINE, LINE_STALLS, UNPACED }

    public SimOptions {
        if (lineMbps <= 0) throw new IllegalArgumentException("lineMbps must be positive, got " + lineMbps);
        if (coreMHz <= 0) throw new IllegalArgumentException("coreMHz must be positive, got " + coreMHz);
        if (stallPpm < 0 || stallPpm > 1_000_000) throw new IllegalArgumentException("stallPpm must be 0..1000000, got " + stallPpm);
        if (watchdogCycles <= 0) throw new IllegalArgumentException("watchdogCycles must be positive, got " + watchdogCycles);
    }

    public SimOptions(long seed, long lineMbps, long coreMHz, EgressMode egressMode, long stallPpm, long watchdogCycles) {
        this(seed, lineMbps, coreMHz, egressMode, stallPpm, watchdogCycles, -1, 0);
    }

    public SimOptions withBrokenSop(int port, long cycle) {
        return new SimOptions(seed, lineMbps, coreMHz, egressMode, stallPpm, watchdogCycles, port, cycle);
    }

    long[] toCfg() {
        return new long[] {seed, lineMbps, coreMHz, egressMode.ordinal(), stallPpm, watchdogCycles, breakSopPort, breakSopCycle};
    }
}
