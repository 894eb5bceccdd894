package director.tb.stim;

import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.sim.DirectorSim.Injection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A source whose frames are all known before the run (a trace, an imported capture, a benchmark's pre-drawn traffic):
 * handed out in order of their earliest cycle, batch by batch, exactly as the run loop asks.
 */
public final class ScheduledFrames implements Source {
    private final List<Injection> sorted;
    private final String description;
    private final Map<Long, String> origins;
    private final List<Vnic> vnics;
    private final List<Vhba> vhbas;
    private int next;

    /**
     * @param frames  the frames (any order; sorted here, stable)
     * @param origins a label per frame id (file:line, file#frame), may be empty
     * @param vnics   the vNIC table the frames need, or null for the standard plan (likewise vhbas)
     */
    public ScheduledFrames(List<Injection> frames, String description, Map<Long, String> origins, List<Vnic> vnics, List<Vhba> vhbas) {
        this.sorted = new ArrayList<>(frames);
        this.sorted.sort(Comparator.comparingLong(Injection::earliestCycle));
        this.description = description;
        this.origins = origins == null ? Map.of() : new HashMap<>(origins);
        this.vnics = vnics;
        this.vhbas = vhbas;
    }

    public ScheduledFrames(List<Injection> frames, String description) { this(frames, description, null, null, null); }

    @Override
    public List<Injection> until(long limit) {
        List<Injection> out = new ArrayList<>();
        while (next < sorted.size() && sorted.get(next).earliestCycle() < limit) out.add(sorted.get(next++));
        return out;
    }

    /** Every frame, in schedule order. */
    public List<Injection> frames() { return List.copyOf(sorted); }

    /** The cycle after the last frame's earliest cycle (0 when empty). */
    public long lastCycle() { return sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).earliestCycle() + 1; }

    @Override public String describe() { return description; }
    @Override public String origin(long id) { return origins.getOrDefault(id, ""); }
    @Override public List<Vnic> vnics(SwitchConfig cfg) { return vnics != null ? vnics : Source.super.vnics(cfg); }
    @Override public List<Vhba> vhbas(SwitchConfig cfg) { return vhbas != null ? vhbas : Source.super.vhbas(cfg); }
}
