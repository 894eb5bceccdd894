package director.tb.run;

import director.tb.check.Scoreboard;
import director.tb.model.DropReason;
import director.tb.sim.SimFault;

import java.util.List;
import java.util.Map;

/** Everything a run measured; the report prints it and writes it as JSON. */
public record RunResult(
        RunConfig config,
        String profileDescription,
        double nsPerCycle,
        long baseCycle,           // model cycle at which traffic starts (after reset and register set-up)
        long[] offeredBytes,      // per input, bytes the source's schedule puts on the line within the window
        long[] acceptedBytes,     // per input, bytes the RTL took within the window (beat-exact)
        long[] expectedBytes,     // per output, bytes the golden model sends there (all offered frames)
        long[] idealWindowBytes,  // per output, what an ideal output-queued switch delivers within the window
        long[] deliveredWindowBytes, // per output, delivered within the window (beat-exact)
        long[] deliveredBytes,    // per output, delivered in all (window + drain)
        long offeredFrames, long deliveredFrames,
        Map<DropReason, Long> dropsPredicted,
        Map<DropReason, Long> dropsCounted, // read from the RTL's counters
        long mismatches, List<Scoreboard.Mismatch> firstMismatches,
        long lost, List<String> lostExamples,
        long[] latencyPercentiles, double latencyMean, // cycles: p50, p90, p99, p99.9, max
        long drainCycles, double wallSeconds, double cyclesPerSecond, double windowSeconds, double modelSeconds,
        double buildSeconds, SimFault fault, String modelLibrary,
        VlStats vl,
        GatewayStats gateway,          // null without module ports
        String source,                 // what the frames were (random traffic, a trace, a capture)
        director.tb.check.FrameLog frames, // every frame's fate, or null when not asked for
        director.tb.check.Failure firstLost, // the earliest lost frame, or null
        ThroughputSeries throughput,   // per output, delivered bytes over time (~100 bins over the window, then the drain's)
        director.tb.check.LatencyGroups latencyGroups, // latency samples by egress VL and by delivered protocol
        WindowMeters meters, // the harness's wire meters over the window after its warm-up, or null (a fault)
        List<long[]> setupWrites) { // the set-up's register writes in order, {address, value} (the C++ bench driver replays them)

    public static final double[] PERCENTILES = {0.50, 0.90, 0.99, 0.999, 1.0};

    public double gbps(long bytes) { return bytes * 8.0 / (config.cycles() * nsPerCycle); }

    public static long sum(long[] a) { long s = 0; for (long x : a) s += x; return s; }

    /**
     * The first thing that went wrong, by model cycle: a model fault, a mismatch (a frame that differs, is out of order
     * or unexpected; a counter that disagrees, at the cycle it was read) or a lost frame (at the cycle its first beat
     * went in). Null for a clean run. Drops that differ from the prediction show as counter mismatches.
     */
    public director.tb.check.Failure firstFailure() {
        java.util.List<director.tb.check.Failure> c = new java.util.ArrayList<>();
        if (fault != null) c.add(new director.tb.check.Failure(fault.cycle(), fault.port().orElse(-1), "model fault: " + fault.getMessage()));
        for (Scoreboard.Mismatch m : firstMismatches) c.add(new director.tb.check.Failure(m.cycle(), m.port(), m.what()));
        if (firstLost != null) c.add(firstLost);
        if (c.isEmpty() && !clean()) c.add(new director.tb.check.Failure(baseCycle + config.cycles() + drainCycles, -1,
                "drops counted by the RTL differ from the golden model's prediction"));
        return c.stream().min(java.util.Comparator.comparingLong(director.tb.check.Failure::cycle)).orElse(null);
    }

    /** Passed: no fault, no mismatch, nothing lost, every drop predicted and counted alike. */
    public boolean clean() {
        return fault == null && mismatches == 0 && lost == 0 && dropsPredicted.equals(dropsCounted);
    }
}
