package director.tb.cli;

import director.tb.run.RunConfig;
import picocli.CommandLine.Option;

/** The iSLIP iterations per cycle a run uses (run, bench; sweep takes a list of them instead). */
public final class IterationsOption {
    @Option(names = "--iterations", paramLabel = "K", defaultValue = "0", converter = Converters.NonNegativeInt.class,
            description = "iSLIP iterations per cycle, 1..islipIterations of the profile, written to SCHED_ITERS; "
                    + "0 leaves the hardware's reset value, islipIterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--sched-period", paramLabel = "N", defaultValue = "1", converter = Converters.NonNegativeInt.class,
            description = "the scheduler matches one cycle in N, 1..64, written to SCHED_PERIOD: above 1 a lazy scheduler "
                    + "that loses no packet, only line time, which the work-conservation check must catch "
                    + "(docs/work-conservation.md) (default: ${DEFAULT-VALUE}, every cycle)")
    int schedPeriod;

    /** The run with these iterations and period (RunConfig checks the bounds against the profile). */
    public RunConfig applyTo(RunConfig rc) { return rc.withIterations(iterations).withSchedPeriod(schedPeriod); }
}
