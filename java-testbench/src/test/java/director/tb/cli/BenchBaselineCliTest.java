package director.tb.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** bench --baseline on the command line: what the other side gets, and the errors given before anything runs. */
@Tag("fast")
class BenchBaselineCliTest {
    private static ParseResult bench(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.commandLine().parseArgs(all).subcommand();
    }

    @Test
    void theOtherSideGetsEveryOptionGivenButTheComparisonsOwn() {
        List<String> args = BenchCommand.passThrough(bench("--profile", "small", "--cycles", "5000", "--repetitions", "3",
                "--baseline", "00fb208", "--seed", "7", "--load", "0.8", "--pattern", "uniform", "--sizes", "fixed:256",
                "--set", "islipIterations=2", "--set", "vlArbEntries=8", "--json", "out.json", "--no-progress", "--iterations", "1"));
        assertEquals(List.of("--profile", "small", "--cycles", "5000", "--load", "0.8", "--pattern", "uniform", "--sizes", "fixed:256",
                "--set", "islipIterations=2", "--set", "vlArbEntries=8", "--iterations", "1"), args);
        // a value as given, not as converted (200_000 stays 200_000); defaults are not passed (each side has its own)
        assertEquals(List.of("--cycles", "200_000"), BenchCommand.passThrough(bench("--cycles", "200_000", "--baseline", "x")));
        assertEquals(List.of("--profile", "small", "--set", "islipIterations=2", "--set", "vlArbEntries=8"),
                BenchCommand.modelOptions(args));
    }

    @Test
    void anUnknownRevisionIsOneLineAndExit2() {
        CliOutcome o = CliOutcome.execute("bench", "--profile", "small", "--cycles", "1000", "--baseline", "no-such-revision-4711");
        assertEquals(Main.EXIT_BAD_INPUT, o.code(), o.toString());
        String e = o.err().strip();
        assertTrue(e.startsWith("director: --baseline: unknown revision 'no-such-revision-4711'"), e);
        assertFalse(e.contains("\n"), e);
    }

    @Test
    void recordingIsNotPartOfAComparison() {
        String e = CliOutcome.usageError("bench", "--profile", "small", "--baseline", "HEAD", "--capture", "caps");
        assertTrue(e.contains("--baseline: leave out --capture and --waves"), e);
    }
}
