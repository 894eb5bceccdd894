package director.tb.cli;

import director.tb.run.RunConfig;
import picocli.CommandLine.Option;

/** The iSLIP iterations per cycle a run uses (run, bench; sweep takes a list of them instead). */
public final class IterationsOption {
    @Option(names = "--iterations", paramLabel = "K", defaultValue = "0", converter = Converters.NonNegativeInt.class,
            description = "iSLIP iterations per cycle, 1..islipIterations of the profile, written to SCHED_ITERS; "
                    + "0 leaves the hardware's reset value, islipIterations (default: ${DEFAULT-VALUE})")
    int iterations;

    /** The run with these iterations (RunConfig checks the upper bound against the profile). */
    public RunConfig applyTo(RunConfig rc) { return rc.withIterations(iterations); }
}
