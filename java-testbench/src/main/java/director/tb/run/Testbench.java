package director.tb.run;

import director.tb.model.SwitchConfig;
import director.tb.stim.Source;
import director.tb.stim.TrafficGenerator;

/** Entry points of a run: an environment ({@link DirectorEnv}) around a source of frames. */
public final class Testbench {
    private Testbench() {}

    /** Runs with frames from the run's traffic: random ({@link #generator}) or flows from a distribution. */
    public static RunResult run(RunConfig rc) {
        return run(rc, source(rc), false);
    }

    /** The frames of a run configuration: flows drawn from its --workload distribution, else random traffic. */
    public static Source source(RunConfig rc) {
        if (rc.traffic().workload() == null) return generator(rc);
        try {
            return director.tb.stim.workload.WorkloadSource.of(SwitchConfig.of(rc.params()), rc.traffic(), rc.cycles(), rc.seed());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
