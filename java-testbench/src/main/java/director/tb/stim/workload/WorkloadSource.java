package director.tb.stim.workload;

import director.tb.model.SwitchConfig;
import director.tb.stim.ScheduledFrames;
import director.tb.stim.TrafficSpec;
import director.tb.stim.VnicPlan;
import director.tb.stim.trace.FrameFactory;
import director.tb.stim.trace.TraceFrame;
import director.tb.stim.trace.TraceSchedule;

import java.io.IOException;
import java.util.List;

/**
 * {@code run --workload FILE.cdf}: the flows {@code trace gen} would write for the run's window (WorkloadTrace: sizes
 * from the distribution, Poisson arrivals per port at the load, frames back to back at line rate, the protocol mix),
 * made into frames and scheduled as a replay is, without a file in between.
 */
public final class WorkloadSource {
    private WorkloadSource() {}

    public static ScheduledFrames of(SwitchConfig cfg, TrafficSpec t, long cycles, long seed) throws IOException {
        FlowSizeCdf sizes = FlowSizeCdf.read(t.workload());
        long ns = (long) Math.floor(cycles * cfg.nsPerCycle());
        var rows = WorkloadTrace.generate(cfg, sizes, t.mix(), t.load(), ns, seed);
        var vnics = VnicPlan.standard(cfg);
        var vhbas = VnicPlan.vhbas(cfg);
        List<TraceFrame> frames = FrameFactory.frames(rows, new FrameFactory(cfg, vnics, vhbas));
        return TraceSchedule.of(frames, cfg, 1.0, false, true, WorkloadTrace.describe(cfg, sizes, t.mix(), t.load(), ns, seed), vnics, vhbas);
    }
}
