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

    public static ScheduledFrames of(List<TraceFrame> frames, SwitchConfig cfg, double speed, boolean lineRate, String description,
                                     List<Vnic> vnics, List<Vhba> vhbas) {
        if (!(speed > 0) || Double.isInfinite(speed)) throw new IllegalArgumentException("--speed: must be a positive number, got " + speed);
        if (frames.isEmpty()) throw new IllegalArgumentException(description + ": no frames to replay");
        List<Injection> out = new ArrayList<>(frames.size());
        Map<Long, String> origins = new HashMap<>();
        double[] nextFree = new double[cfg.ports()];
        long[] lastCycle = new long[cfg.ports()];
        String[] lastOrigin = new String[cfg.ports()];
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
                if (cycle < lastCycle[f.port()])
                    throw new InputError(f.origin(), "time goes backwards on port " + f.port() + ": cycle " + cycle + " after cycle "
                            + lastCycle[f.port()] + " (" + lastOrigin[f.port()] + ")");
            }
            lastCycle[f.port()] = cycle;
            lastOrigin[f.port()] = f.origin();
            out.add(new Injection(f.port(), i, cycle, f.wire()));
            origins.put((long) i, f.origin());
        }
        return new ScheduledFrames(out, description, origins, vnics, vhbas);
    }
}
