package director.tb.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The progress line of a run: on stderr only (whole lines when stderr is not a terminal), with cycles done of the
 * total and cycles/s; stdout is the same with and without it; --no-progress switches it off.
 */
@Tag("system")
class ProgressCliTest {
    private static CliOutcome execute(String... argv) { return CliOutcome.execute(argv); }

    /** The run's report without its one wall-clock line (seconds and cycles/s of this machine at this moment). */
    private static String withoutTiming(String report) {
        return report.replaceAll("(?m)^simulation: [0-9.]+ s wall, [0-9]+ cycles/s; ", "simulation: ");
    }

    @Test
    void aRunShowsCyclesAndSpeedOnStderrAndLeavesStdoutAlone() {
        String[] run = {"run", "--profile", "small", "--load", "0.5", "--cycles", "10000", "--seed", "3"};
        CliOutcome quiet = execute(concat(run, "--no-progress"));
        assertEquals(Main.EXIT_PASS, quiet.code(), quiet.err());
        assertEquals("", quiet.err(), "--no-progress: nothing on stderr");

        CliOutcome shown;
        String before = System.getProperty("director.progress.quietMs");
        System.setProperty("director.progress.quietMs", "0");  // this run is shorter than the usual quiet time
        try {
            shown = execute(run);
        } finally {
            if (before == null) System.clearProperty("director.progress.quietMs");
            else System.setProperty("director.progress.quietMs", before);
        }
        assertEquals(Main.EXIT_PASS, shown.code(), shown.err());
        assertFalse(shown.err().isEmpty(), "a progress line");
        String[] lines = shown.err().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("run 100%") && last.contains("10000/10000 cycles") && last.contains(" cycles/s")
                && last.contains("0 mismatches") && last.contains("frames checked"), last);
        assertFalse(shown.err().contains("\r"), "stderr is no terminal here: whole lines, no carriage returns");
        assertEquals(withoutTiming(quiet.out()), withoutTiming(shown.out()), "stdout is the same with progress on");
        assertFalse(shown.out().contains("cycles/s ") || shown.out().contains("100%"), "nothing of the progress line on stdout");
    }

    @Test
    void aShortRunShowsNothingWithTheUsualQuietTime() {
        execute("run", "--profile", "small", "--load", "0.3", "--cycles", "100", "--no-progress");  // the model built, if it was not
        CliOutcome o = execute("run", "--profile", "small", "--load", "0.3", "--cycles", "2000", "--seed", "5");
        assertEquals(Main.EXIT_PASS, o.code(), o.err());
        assertEquals("", o.err(), "a run of well under 3 s (with the model cached) prints no progress");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
