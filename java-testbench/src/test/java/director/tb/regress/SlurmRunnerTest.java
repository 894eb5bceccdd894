package director.tb.regress;

import director.tb.io.InputError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Slurm runner without a cluster: shards, the time limit, the sbatch script, the manifest, a shard run by a
 * stand-in CLI (a shell script per test, as in LocalRunnerTest) whose records give the same outcomes as the local
 * runner's, squeue's lines, the one-line errors. The real cluster: RegressSlurmTest.
 */
@Tag("fast")
class SlurmRunnerTest {
    private static LocalRunner.Launcher shell() { return LocalRunnerTest.shell(); }

    private static final String JSON = LocalRunnerTest.JSON;

    private static List<RunSpec> runs(Path out) {
        List<String[]> tests = List.of(
                new String[]{"pass", "echo RESULT: PASS; echo '{\"first_failure\":null}' > $json; exit 0"},
                new String[]{"fail", "echo '{\"first_failure\":\"cycle 1200, port 3: frame 17 lost\",\"reproduce_with_waves\":\"w\","
                        + "\"waves\":\"d/w.fst\",\"gtkw\":\"d/w.gtkw\"}' > $json; exit 1"},
                new String[]{"crash", "echo 'director: --cycles: 0 is not > 0'; exit 2"},
                new String[]{"hang", "sleep 30"});
        List<RunSpec> runs = new ArrayList<>();
        for (String[] t : tests) {
            Plan.Test pt = new Plan.Test(t[0], JSON + t[1], List.of("--profile", "small"), 1, List.of("x"), t[0].equals("hang") ? 1 : 30);
            runs.add(new RunSpec(pt, 0, 7, RunSpec.dirOf(out, t[0], 7), false));
        }
        return runs;
    }

    @Test
    void runsAreDealtToShardsInTurnAndTheLimitAddsUpATasksRuns(@TempDir Path out) {
        assertEquals(List.of(List.of(0, 2, 4), List.of(1, 3)), SlurmRunner.shards(5, 2));
        assertEquals(3, SlurmRunner.shards(3, 64).size(), "never more tasks than runs");
        assertEquals(64, SlurmRunner.defaultShards(1000));
        assertEquals(4, SlurmRunner.defaultShards(4));
        assertEquals(1, SlurmRunner.defaultShards(0));
        List<RunSpec> r = runs(out);  // limits 30, 30, 30, 1 s
        // 2 tasks: {30, 30} and {30, 1} s, each run +30 s, the task +120 s: 240 s = 4 min
        assertEquals(4, SlurmRunner.timeLimitMinutes(r, SlurmRunner.shards(4, 2)));
        assertEquals(3, SlurmRunner.timeLimitMinutes(r, SlurmRunner.shards(4, 4)));
        assertThrows(IllegalArgumentException.class, () -> new SlurmRunner.Settings(0, null, null, null));
    }

    @Test
    void theScriptIsAnArrayOfShardCommandsInTheSameJvm(@TempDir Path tmp) {
        Path out = tmp.resolve("my out"), root = tmp.resolve("repo");
        LocalRunner.Launcher jvm = args -> {
            List<String> c = new ArrayList<>(List.of("/jdk/bin/java", "-Xss8m", "-cp", "/a b/c.jar:/d.jar", "director.tb.cli.Main"));
            c.addAll(args);
            return c;
        };
        SlurmRunner s = new SlurmRunner(jvm, root, out, new SlurmRunner.Settings(2, 1, "long", List.of("--mem=2G", "--account=hw")), Map.of(),
                new PrintWriter(new StringWriter()));
        assertEquals("slurm", s.name());
        assertEquals(1, s.jobs());
        Path manifest = SlurmRunner.dir(out).resolve("manifest.json");
        String script = s.script(manifest, SlurmRunner.shards(4, 2), runs(out));
        List<String> lines = script.lines().toList();
        assertEquals("#!/bin/bash", lines.get(0));
        assertTrue(lines.contains("#SBATCH --array=0-1%1"), script);
        assertTrue(lines.contains("#SBATCH \"--output=" + out.resolve("slurm/task-%a.log") + "\""), script);
        assertTrue(lines.contains("#SBATCH --time=4"), script);
        assertTrue(lines.contains("#SBATCH --chdir=" + root), script);
        assertTrue(lines.contains("#SBATCH --partition=long"), script);
        assertTrue(lines.contains("#SBATCH --mem=2G") && lines.contains("#SBATCH --account=hw"), script);
        assertEquals("exec /jdk/bin/java -Xss8m -cp '/a b/c.jar:/d.jar' director.tb.cli.Main regress-shard --manifest '" + manifest
                + "' --shard \"$SLURM_ARRAY_TASK_ID\"", lines.get(lines.size() - 1));
        assertEquals(2, new SlurmRunner(jvm, root, out, new SlurmRunner.Settings(2, null, null, null), Map.of(), null).jobs(),
                "no throttle: a job per task");
    }

    @Test
    void aShardsRecordsGiveTheOutcomesTheLocalRunnerGives(@TempDir Path tmp) throws Exception {
        // the local runner on its own folder
        List<RunSpec> local = runs(tmp.resolve("local"));
        List<Outcome> expected = new LocalRunner(shell(), 2, tmp).run(local, o -> {});

        // the same runs through a manifest, two shards run as array tasks would, then the records read back
        Path out = tmp.resolve("slurm");
        List<RunSpec> runs = runs(out);
        Path dir = SlurmRunner.dir(out), manifest = dir.resolve("manifest.json");
        SlurmRunner.Manifest.of(tmp, runs, SlurmRunner.shards(runs.size(), 2)).write(manifest);
        StringWriter taskLog = new StringWriter();
        SlurmRunner.runShard(manifest, 0, shell(), new PrintWriter(taskLog));
        assertTrue(Files.exists(dir.resolve("ended/0.json")) && Files.exists(dir.resolve("ended/2.json")));
        assertFalse(Files.exists(dir.resolve("ended/1.json")), "shard 1's runs are not shard 0's");
        SlurmRunner.runShard(manifest, 1, shell(), new PrintWriter(taskLog));
        assertTrue(taskLog.toString().startsWith("regress-shard 0 of 2 on "), taskLog.toString());
        assertTrue(taskLog.toString().contains("again: scripts/director regress-shard --manifest " + manifest + " --shard 1"), taskLog.toString());

        Outcome[] got = new Outcome[runs.size()];
        List<Outcome> heard = new ArrayList<>();
        assertEquals(4, SlurmRunner.collect(got, runs, dir, heard::add));
        assertEquals(0, SlurmRunner.collect(got, runs, dir, heard::add), "each record once");
        assertEquals(4, heard.size());
        for (int i = 0; i < runs.size(); i++) {
            Outcome e = expected.get(i), o = got[i];
            assertEquals(runs.get(i), o.run());
            assertEquals(e.status(), o.status(), o.run().id());
            assertEquals(e.exitCode(), o.exitCode(), o.run().id());
            assertEquals(e.firstFailure(), o.firstFailure(), o.run().id());
            assertEquals(e.signature(), o.signature(), o.run().id());
            assertEquals(e.reproduce(), o.reproduce(), o.run().id());
            assertEquals(e.waves(), o.waves(), o.run().id());
        }
        assertEquals(List.of(Outcome.Status.PASS, Outcome.Status.FAIL, Outcome.Status.ERROR, Outcome.Status.TIMEOUT),
                List.of(got).stream().map(Outcome::status).toList());
        assertEquals("exit 2: director: --cycles: 0 is not > 0", got[2].detail());
    }

    @Test
    void aRunThatCouldNotStartOrLeftNoRecordIsAnErrorSayingWhy(@TempDir Path out) throws Exception {
        List<RunSpec> runs = runs(out);
        Path dir = SlurmRunner.dir(out), manifest = dir.resolve("manifest.json");
        SlurmRunner.Manifest.of(out.resolve("no such folder"), runs.subList(0, 1), List.of(List.of(0))).write(manifest);
        SlurmRunner.runShard(manifest, 0, shell(), new PrintWriter(new StringWriter()));
        Outcome o = SlurmRunner.outcome(runs.get(0), dir.resolve("ended/0.json"));
        assertEquals(Outcome.Status.ERROR, o.status());
        assertTrue(o.detail().startsWith("array task 0 on ") && o.detail().contains("could not run it: run pass/seed-7: "), o.detail());
        Outcome lost = Outcome.lost(runs.get(1), "no result: array task 3 of slurm job 812 ended FAILED before this run reported; "
                + "the task's log: /o/slurm/task-3.log");
        assertEquals(Outcome.Status.ERROR, lost.status());
        assertEquals("error: no result: array task N of slurm job N ended FAILED before this run reported; the task's log: "
                + "/o/slurm/task-N.log", lost.signature());
        assertEquals(runs.get(1).reproduce(), lost.reproduce(), "the run's own command, as for any outcome");
    }

    @Test
    void squeuesLinesSayWhichTasksAreOver() {
        SlurmRunner.Queue q = SlurmRunner.parseQueue("""
                2-4%2|PENDING|JobArrayTaskLimit
                1|RUNNING|None
                0|COMPLETED|None
                """);
        assertFalse(q.over());
        assertEquals(Map.of(0, "COMPLETED", 1, "RUNNING"), q.tasks());
        SlurmRunner.Queue done = SlurmRunner.parseQueue("4|COMPLETED|None\n3|FAILED|NonZeroExitCode\n2|TIMEOUT|TimeLimit\n");
        assertTrue(done.over());
        assertEquals("FAILED (NonZeroExitCode)", done.tasks().get(3));
        assertTrue(SlurmRunner.parseQueue("").over(), "no lines: the job has left the queue");
    }

    @Test
    void noSbatchOrABadManifestIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        SlurmRunner.SlurmError e = assertThrows(SlurmRunner.SlurmError.class, () -> SlurmRunner.check(Map.of("PATH", dir.toString())));
        assertEquals("slurm: sbatch not found on PATH; install slurm-wlm (scripts/ensure-tools) and start a cluster (or point SLURM_CONF "
                + "at one), or run without --slurm", e.getMessage());
        Path m = dir.resolve("manifest.json");
        InputError none = assertThrows(InputError.class, () -> SlurmRunner.runShard(m, 0, shell(), new PrintWriter(new StringWriter())));
        assertEquals(m + ": no such file", none.getMessage());
        Files.writeString(m, "{\"work_dir\": \"/\", \"shards\": [[0, 5]], \"runs\": []}");
        InputError bad = assertThrows(InputError.class, () -> SlurmRunner.runShard(m, 0, shell(), new PrintWriter(new StringWriter())));
        assertEquals(m + ": field shards: run 0 is not one of the 0 runs", bad.getMessage());
        SlurmRunner.Manifest.of(dir, runs(dir), List.of(List.of(0, 1, 2, 3))).write(m);
        InputError shard = assertThrows(InputError.class, () -> SlurmRunner.runShard(m, 1, shell(), new PrintWriter(new StringWriter())));
        assertEquals(m + ": no shard 1 (shards 0..0)", shard.getMessage());
        Files.writeString(m, "not json");
        InputError junk = assertThrows(InputError.class, () -> SlurmRunner.runShard(m, 0, shell(), new PrintWriter(new StringWriter())));
        assertTrue(junk.getMessage().startsWith(m + ": Unrecognized token 'not'"), junk.getMessage());
    }
}
