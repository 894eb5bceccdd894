package director.tb.run;

import director.tb.model.SwitchConfig;
import director.tb.stim.Source;
import director.tb.stim.TrafficGenerator;

/** Entry points of a run: an environment ({@link DirectorEnv}) around a source of frames. */
public final class Testbench {
    private Testbench() {}

    /** Runs with frames from the traffic generator. */
    public static RunResult run(RunConfig rc) {
        return run(rc, generator(rc), false);
    }

    /** The random traffic of a run configuration. */
    public static TrafficGenerator generator(RunConfig rc) {
        TrafficGenerator gen = new TrafficGenerator(SwitchConfig.of(rc.params()), rc.traffic(), rc.seed());
        if (!rc.scenario().migrations().isEmpty()) gen.forMigration();
        return gen;
    }

    /** Runs with frames from any source; {@code logFrames}: keep every frame's fate (RunResult.frames). */
    public static RunResult run(RunConfig rc, Source source, boolean logFrames) {
        return new DirectorEnv(rc, source, logFrames).run();
    }
}
