package director.tb.cli;

import director.tb.run.RunConfig;
import picocli.CommandLine.Option;

/** Whether a run is checked: the golden model and the scoreboard (run, sweep; bench runs both ways itself). */
public final class CheckOption {
    @Option(names = "--no-check", description = "skip the golden model and the scoreboard (speed measurements only) (default: ${DEFAULT-VALUE})")
    boolean noCheck;

    public RunConfig applyTo(RunConfig rc) { return rc.withCheck(!noCheck); }
}
