package director.tb.stim.trace;

import director.tb.io.InputError;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.sim.DirectorSim.Injection;
import director.tb.stim.ScheduledFrames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns trace frames into a schedule of injections: each frame at its timestamp (nanoseconds are converted to core
 * cycles at the profile's clock; {@code speed} scales time: 2 replays twice as fast), or, with {@code lineRate},
 * each port's frames back to back at its line rate in trace order (timestamps ignored). Frame ids are the frames'
 * positions in the trace (0, 1, ...), and each frame's origin (file:line, file#frame) labels it in the per-frame
 * results. Every frame is checked against the profile before the first cycle: its port exists, and a frame does
 * not go back in time on its port.
 */
public final class TraceSchedule {
    private TraceSchedule() {}

    /**
     * Cycles a skipped idle gap keeps after the director is surely quiet again (10 us at 250 MHz): the latency of the
     * last frame through the switch is well inside it.
     */
    public static final long QUIET_SLACK_CYCLES = 2500;

    /**
     * @param keepGaps keep idle gaps as they are; otherwise a gap in which the director is surely idle is shortened
     *                 (captures of real networks are mostly silence: a minute of capture is 15 billion cycles). Surely
     *                 idle: after every frame offered so far could have left through one output at line rate (as if
     *                 they all went to the same port, the worst case), plus {@link #QUIET_SLACK_CYCLES}. Only time in
     *                 which nothing can happen is removed; the order and spacing of frames within a busy period stay.
     */
    public static ScheduledFrames of(List<TraceFrame> frames, SwitchConfig cfg, double speed, boolean lineRate, boolean keepGaps,
                                     String description, List<Vnic> vnics, List<Vhba> vhbas) {
        if (!(speed > 0) || Double.isInfinite(speed)) throw new IllegalArgumentException("--speed: must be a positive number, got " + speed);
        if (frames.isEmpty()) throw new IllegalArgumentException(description + ": no frames to replay");
        List<Injection> out = new ArrayList<>(frames.size());
        Map<Long, String> origins = new HashMap<>();
        double[] nextFree = new double[cfg.ports()];
        long[] lastCycle = new long[cfg.ports()];
        String[] lastOrigin = new String[cfg.ports()];
        double quietAt = 0;   // cycle by which everything offered so far has surely left
        long skipped = 0;     // idle cycles removed so far
        for (int i = 0; i < frames.size(); i++) {
            TraceFrame f = frames.get(i);
            if (f.port() < 0 || f.port() >= cfg.ports())
                throw new InputError(f.origin(), "port " + f.port() + " does not exist (profile '" + cfg.profile() + "' has ports 0.." + (cfg.ports() - 1) + ")");
            if (f.wire().length == 0) throw new InputError(f.origin(), "an empty frame");
            long cycle;
            if (lineRate) {
                cycle = (long) Math.ceil(nextFree[f.port()]);
                nextFree[f.port()] = cycle + (f.wire().length + cfg.wireOverhead(f.port())) / cfg.lineBytesPerCycle();
            } else {
                double c = f.base() == TraceFrame.TimeBase.NS ? f.time() / cfg.nsPerCycle() : f.time();
                cycle = Math.round(c / speed);
                if (cycle < 0) throw new InputError(f.origin(), "time " + f.time() + " is negative");
                cycle -= skipped;
                if (cycle < lastCycle[f.port()])
                    throw new InputError(f.origin(), "time goes backwards on port " + f.port() + ": cycle " + (cycle + skipped)
                            + " after cycle " + (lastCycle[f.port()] + skipped) + " (" + lastOrigin[f.port()] + ")");
                long idleFrom = (long) Math.ceil(quietAt) + QUIET_SLACK_CYCLES;
                if (!keepGaps && i > 0 && cycle > idleFrom) {
                    skipped += cycle - idleFrom;
                    cycle = idleFrom;
                }
                quietAt = Math.max(quietAt, cycle) + (f.wire().length + cfg.wireOverhead(f.port())) / cfg.lineBytesPerCycle();
            }
            lastCycle[f.port()] = cycle;
            lastOrigin[f.port()] = f.origin();
            out.add(new Injection(f.port(), i, cycle, f.wire()));
            origins.put((long) i, f.origin());
        }
        String desc = description + (skipped > 0 ? String.format(java.util.Locale.ROOT,
                "; idle gaps shortened by %.3f ms in all (the director was surely idle; --keep-gaps keeps them)",
                skipped * cfg.nsPerCycle() / 1e6) : "");
        return new ScheduledFrames(out, desc, origins, vnics, vhbas);
    }
}
