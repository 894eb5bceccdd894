package director.tb.stim;

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

    /** A label of each frame for per-frame results (file and line of a trace row, frame number of a capture). */
    default String origin(long id) { return ""; }
}
