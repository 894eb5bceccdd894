package director.tb.stim;

import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.sim.DirectorSim.Injection;

import java.util.List;

/**
 * Where a run's frames come from (random traffic, a trace file, an imported capture): the run loop asks for every
 * frame whose earliest cycle (counted from the start of the window) is below a limit, in increasing limits; each
 * frame is returned once. Injection ids are unique within a run.
 */
public interface Source {
    List<Injection> until(long cycleLimit);

    /** One line for the report: what the frames are. */
    String describe();

    /** The vNIC table the frames need (a capture may bring its own MACs); the standard plan by default. */
    default List<Vnic> vnics(SwitchConfig cfg) { return VnicPlan.standard(cfg); }

    /** The vHBA table the frames need; the standard plan by default. */
    default List<Vhba> vhbas(SwitchConfig cfg) { return VnicPlan.vhbas(cfg); }

    /** A label of each frame for per-frame results (file and line of a trace row, frame number of a capture). */
    default String origin(long id) { return ""; }
}
