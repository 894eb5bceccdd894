package director.tb.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code director run --settings random} on the gateway profile: the settings drawn from the seed are printed, applied
 * (drawn policers drop frames, every drop predicted by the golden model and counted alike by the RTL), the run passes,
 * the same seed draws and runs the same again, and {@code --coverage} writes the testbench's bins (the settings' ranges
 * among them) beside the RTL's points.
 */
@Tag("system")
class RandomSettingsSystemTest {
    @Test
    void drawnSettingsAreAppliedCheckedCoveredAndRepeatable(@TempDir Path dir) throws Exception {
        long policed = 0;
        for (long seed : new long[] {7, 8}) {
            Path dat = dir.resolve("run-" + seed + ".dat");
            String[] argv = {"run", "--profile", "gateway", "--cycles", "20000", "--settings", "random", "--seed", Long.toString(seed),
                    "--coverage", dat.toString(), "--no-progress", "--on-fail", "none"};
            CliOutcome o = CliOutcome.execute(argv);
            assertEquals(0, o.code(), o.out() + o.err());
            assertTrue(o.out().contains("RESULT: PASS"), o.out());
            assertTrue(o.out().contains("settings drawn from the seed: VL arbitration: High ["), o.out());
            assertTrue(o.out().contains("settings drawn from the seed: vNIC policers"), o.out());
            assertTrue(o.out().contains("settings drawn from the seed: vHBA shapers"), o.out());
            Matcher m = Pattern.compile("policed (\\d+)/(\\d+)").matcher(o.out());
            assertTrue(m.find(), o.out());
            assertEquals(m.group(1), m.group(2), "policed drops predicted / counted");
            policed += Long.parseLong(m.group(1));
            String cov = Files.readString(dat, StandardCharsets.ISO_8859_1);
            assertTrue(cov.contains("TB.settings.cov_sl2vl_random' 1"), "the random SL-to-VL plan is counted");
            assertTrue(cov.contains("TB.settings.cov_sl2vl_zero' 0"));
            assertTrue(cov.contains("TB.path.cov_fcoib_from_fc_to_host"));
            assertTrue(cov.contains("cover___05Fcov_"), "the RTL's points are in the same file");
            // the same seed: the same settings and the same figures
            CliOutcome again = CliOutcome.execute(argv);
            assertEquals(strip(o.out()), strip(again.out()));
        }
        assertTrue(policed > 0, "the drawn policers of two seeds dropped no frame");
    }

    /** The output without the lines that measure the host (wall time, cycles/s). */
    private static String strip(String out) {
        return out.lines().filter(l -> !l.startsWith("simulation:")).reduce("", (a, b) -> a + b + "\n");
    }
}
