package director.tb.run;

import director.harness.ModelBuild;
import director.rtl.params.DirectorParams;
import director.tb.check.FrameLog;
import director.tb.sim.Models;
import director.tb.stim.TrafficSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The profile-guided director models (DirectorModel, ModelBuild.Training): which models are trained, that the
 * training ran and its counts were compiled in, and that a trained model computes exactly what the same model built
 * without the training computes (a frame's every cycle).
 */
@Tag("system")
class DirectorModelTest {
    /** The small profile at 16 ports: two Verilator threads, so trained (DirectorSmallTest runs it too). */
    static final DirectorParams P16 = DirectorParams.fromSpec("small", Map.of("ports", "16"));

    @Test
    void modelsOfTwoThreadsAreTrainedAndNoOthers() {
        assertTrue(DirectorModel.trained(P16, false, false));
        assertFalse(DirectorModel.trained(P16, true, false), "a waves build is a debug build: not trained");
        assertFalse(DirectorModel.trained(P16, false, true), "a coverage build is not trained");
        assertFalse(DirectorModel.trained(DirectorParams.small(), false, false), "8 ports, one thread: not trained");
        assertTrue(DirectorModel.trained(DirectorParams.profile("vp780"), false, false));
    }

    @Test
    void theTrainingIsTheMainJobsTrafficWhereTheParametersAllowIt() {
        assertTrue(new DirectorModel.MainJob(DirectorParams.profile("vp780")).describe().contains("(balanced, load 1)"));
        assertTrue(new DirectorModel.MainJob(P16).describe().contains("(uniform, load 1)"), "no module ports: uniform");
        // module ports with no vNIC or vHBA to send to: no balanced plan, so uniform (a run with them is legal)
        DirectorParams bare = DirectorParams.fromSpec("vp780", Map.of("vnics", "1"));
        assertTrue(new DirectorModel.MainJob(bare).describe().contains("(uniform, load 1)"), new DirectorModel.MainJob(bare).describe());
    }

    @Test
    void theTrainingRanAndItsCountsWereCompiledIn() throws IOException, InterruptedException {
        Path lib = DirectorModel.library(P16, false);
        Path dir = lib.getParent();
        assertTrue(dir.getFileName().toString().startsWith("DirectorTop-pgo-"), dir.toString());
        String key = Files.readString(dir.resolve("cache-key.txt"));
        assertTrue(key.contains("training=" + new DirectorModel.MainJob(P16).describe() + "\n"), key);
        // every object of the model compiled with the merged counts (build-profiled.log: make's compile lines)
        String log = Files.readString(dir.resolve("build-profiled.log"));
        long compiles = log.lines().filter(l -> l.contains(" -c -o ")).count();
        long withCounts = log.lines().filter(l -> l.contains(" -c -o ") && l.contains("-fprofile-instr-use=")).count();
        assertTrue(compiles > 10, log.length() > 2000 ? log.substring(0, 2000) : log);
        assertEquals(compiles, withCounts, "every compile of the model reads the counts");
        // the counts: the model's functions, the busiest run at least once a cycle of the training
        Process p = new ProcessBuilder(ModelBuild.PROFDATA, "show", dir.resolve("pgo/train.profdata").toString())
                .redirectErrorStream(true).start();
        String show = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), show);
        assertTrue(number(show, "Total functions: (\\d+)") > 100, show);
        assertTrue(number(show, "Maximum function count: (\\d+)") >= DirectorModel.MainJob.CYCLES, show);
        assertTrue(Files.readString(dir.resolve("pgo/seconds.txt")).contains("compile with the counts"));
    }

    @Test
    void aTrainedModelComputesWhatTheUntrainedOneComputes() {
        Path trained = DirectorModel.library(P16, false);
        Path plain = Models.director(P16, false, false, null);
        assertNotEquals(trained, plain);
        RunConfig rc = RunConfig.of(P16, TrafficSpec.uniform(0.95).withCorrupt(0.03).withErrors(0.01, 0.01, 0.01), 12_000, 31);
        RunResult a = new DirectorEnv(rc, Testbench.source(rc), true, trained).run();
        RunResult b = new DirectorEnv(rc, Testbench.source(rc), true, plain).run();
        assertTrue(a.clean(), director.tb.report.RunReport.text(a));
        assertTrue(a.deliveredFrames() > 200, "frames delivered: " + a.deliveredFrames());
        assertEquals(cycles(b), cycles(a), "every frame's cycles, trained against untrained");
        assertArrayEquals(b.deliveredBytes(), a.deliveredBytes());
        assertEquals(b.dropsCounted(), a.dropsCounted());
        assertArrayEquals(b.latencyPercentiles(), a.latencyPercentiles());
    }

    /** Every frame's fate in id order: in, taken (first and last cycle), dropped why, out where and when. */
    private static List<String> cycles(RunResult r) {
        return r.frames().entries().stream().sorted(Comparator.comparingLong((FrameLog.Entry e) -> e.id))
                .map(e -> e.id + " " + e.inPort + " " + e.ingressFirst + "-" + e.ingressLast + " " + e.drop + " "
                        + Arrays.toString(e.egress.toArray()))
                .toList();
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in\n" + text);
        return Long.parseLong(m.group(1));
    }
}
