package director.tb.sim;

import director.tb.run.DirectorModel;
import org.junit.jupiter.api.Tag;
import director.rtl.params.DirectorParams;
import director.tb.report.RunReport;
import director.tb.run.DirectorEnv;
import director.tb.run.RunConfig;
import director.tb.run.RunResult;
import director.tb.run.Testbench;
import director.tb.stim.TrafficSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** A debug run with waves over a window: the FST exists, has named signals, and covers only that window. */
@Tag("system")
class WavesTest {
    @Test
    void tracingRunWritesAnFstOfTheWindowWithScalaNames(@TempDir Path dir) throws Exception {
        Path fst = dir.resolve("window.fst");
        RunConfig rc = RunConfig.of(DirectorParams.small(), TrafficSpec.uniform(0.7), 4_000, 21).withWaves(fst, 1_000, 1_400);
        RunResult r = Testbench.run(rc);
        System.out.print(RunReport.text(r));
        assertTrue(r.clean(), "the tracing build checks as clean as the fast one");
        assertTrue(Files.size(fst) > 1000, "FST written");
        byte[] head = Files.readAllBytes(fst);
        assertTrue(head.length > 0);
        // when GTKWave's converter is installed, read the waves back as a tool nobody here wrote would
        if (new ProcessBuilder("sh", "-c", "command -v fst2vcd").start().waitFor() == 0) {
            Path vcd = dir.resolve("window.vcd");
            Process p = new ProcessBuilder("fst2vcd", "-f", fst.toString(), "-o", vcd.toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "fst2vcd reads the file");
            String text = Files.readString(vcd, StandardCharsets.ISO_8859_1);
            for (String name : new String[] {"freshNext", "nonEmpty_0", "grantPtr_0", "ingress_0_valid", "egress_0_ready"})
                assertTrue(text.contains(" " + name + " ") || text.contains(" " + name + " ["), "signal " + name + " in the waves");
            long first = Long.MAX_VALUE, last = 0;
            Matcher m = Pattern.compile("(?m)^#(\\d+)$").matcher(text);
            while (m.find()) { long t = Long.parseLong(m.group(1)); first = Math.min(first, t); last = Math.max(last, t); }
            long period = 4000; // ps at 250 MHz
            long cyclesTraced = (last - first) / period;
            assertTrue(cyclesTraced >= 390 && cyclesTraced <= 410, "about 400 cycles traced, got " + cyclesTraced);
            assertTrue(first >= 1_000 * period && first < 1_001 * period, "the window starts at model cycle 1000: " + first + " ps");
        } else {
            System.out.println("fst2vcd not installed: FST content not cross-checked (apt-get install gtkwave)");
        }
    }

    @Test
    void askingAFastBuildForWavesIsAClearError() {
        RunConfig rc = RunConfig.of(DirectorParams.small(), TrafficSpec.uniform(0.5), 100, 1);
        try (DirectorSim sim = DirectorSim.create(DirectorModel.library(DirectorParams.small(), false), DirectorEnv.simOptions(rc))) {
            SimException e = assertThrows(SimException.class, () -> sim.waves(Path.of("x.fst"), 0, 10));
            assertTrue(e.getMessage().contains("without tracing"), e.getMessage());
        }
    }
}
