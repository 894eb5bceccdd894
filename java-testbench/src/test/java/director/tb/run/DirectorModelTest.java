package director.tb.run;

import director.harness.ModelBuild;
import director.rtl.params.DirectorParams;
import director.tb.stim.TrafficSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The profile-guided director models (DirectorModel, ModelBuild.Training): which models are trained, that the
 * training ran and its counts were compiled in, that a trained model computes exactly what the counting build of the
 * same Verilator output computed in the training (a frame's every cycle), and that it passes every check on faulty
 * frames.
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
    void theTrainedModelComputesWhatTheCountingBuildComputed() {
        // the same Verilator output compiled twice: at -O0 to count (the training ran on it and kept every frame's fate)
        // and at -O1 with the counts; the training's job repeated on the model gives every frame the same cycles
        Path trained = DirectorModel.library(P16, false);
        String counting = ModelBuild.trainingRun(trained);
        assertNotNull(counting, "the training's run is kept with the model: " + trained.getParent().resolve("pgo"));
        List<String> expected = counting.lines().toList();
        assertTrue(expected.size() > 200, "frames in the training run: " + expected.size());
        assertTrue(expected.stream().anyMatch(l -> l.contains("Egress[port=15,")), "frames out of the last port");
        assertIterableEquals(expected, new DirectorModel.MainJob(P16).repeat(trained).lines().toList(),
                "every frame's fate, the trained model against the counting build it was trained on");
    }

    @Test
    void aTrainedModelPassesEveryCheckOnFaultyFrames() {
        Path trained = DirectorModel.library(P16, false);
        RunConfig rc = RunConfig.of(P16, TrafficSpec.uniform(0.95).withCorrupt(0.03).withErrors(0.01, 0.01, 0.01), 12_000, 31);
        RunResult a = new DirectorEnv(rc, Testbench.source(rc), false, trained).run();
        assertTrue(a.clean(), director.tb.report.RunReport.text(a));
        assertTrue(a.deliveredFrames() > 200, "frames delivered: " + a.deliveredFrames());
        assertTrue(a.dropsCounted().values().stream().mapToLong(Long::longValue).sum() > 10, "faulty frames dropped: " + a.dropsCounted());
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in\n" + text);
        return Long.parseLong(m.group(1));
    }
}
