package director.tb.cli;

import director.harness.Progress;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * The progress line on stderr (director.harness.Progress): on by default for the commands that build or run a model,
 * off with {@code --no-progress} or {@code DIRECTOR_PROGRESS=0}. Main sets it up around each command.
 */
public final class ProgressOptions {
    static final String NAME = "--no-progress";

    @Option(names = NAME, description = "no progress line on stderr (also: DIRECTOR_PROGRESS=0); otherwise a model build or run "
            + "lasting more than a few seconds shows stage or cycles done, speed and time left: redrawn in place on a "
            + "terminal, a whole line every 10 s elsewhere; stdout is the same either way (default: ${DEFAULT-VALUE})")
    boolean noProgress;

    /**
     * The progress settings of a parsed command line: off when asked; on a terminal (only when {@code console}, i.e.
     * {@code err} is the process's own stderr) redrawn in place; otherwise whole lines to {@code err}.
     */
    static Progress.Settings settings(ParseResult parsed, PrintWriter err, boolean console) {
        ParseResult last = parsed;
        while (last.subcommand() != null) last = last.subcommand();
        if (last.hasMatchedOption(NAME) || Progress.disabledByEnvironment()) return Progress.off();
        if (console && Progress.stderrIsTerminal()) return Progress.terminal();
        return Progress.lines(line -> {
            err.println(line);
            err.flush();
        });
    }
}
