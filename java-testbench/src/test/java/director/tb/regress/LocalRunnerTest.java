package director.tb.regress;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The runner's process handling, with a stand-in for the testbench's CLI (a shell script per test): exit codes to
 * statuses, the JSON report read, a hang killed at its limit with its children, a crash failing alone, runs in parallel.
 */
@Tag("fast")
class LocalRunnerTest {
    /** Each test's "command" is a shell script; the run's words follow as $1.. (--json FILE among them). */
    static LocalRunner.Launcher shell() {
        return args -> {
            List<String> c = new ArrayList<>(List.of("bash", "-c", args.get(0) + "\n", "stand-in"));
            c.addAll(args.subList(1, args.size()));
            return c;
        };
    }

    /** The value after --json in the run's words, for the script: json=... */
    static final String JSON = "for ((i=1;i<=$#;i++)); do [[ ${!i} == --json ]] && { j=$((i+1)); json=${!j}; }; done; ";

    private static RunSpec spec(Path out, String name, String script, int timeout) {
        Plan.Test t = new Plan.Test(name, JSON + script, List.of(), 1, List.of(), timeout);
        return new RunSpec(t, 0, 7, RunSpec.dirOf(out, name, 7), false);
    }

    @Test
    void statusesFromExitCodesAndTheJsonReport(@TempDir Path out) throws Exception {
        LocalRunner r = new LocalRunner(shell(), 2, out);
        List<RunSpec> runs = List.of(
                spec(out, "pass", "echo RESULT: PASS; echo '{\"first_failure\":null}' > $json; exit 0", 30),
                spec(out, "fail", "echo '{\"first_failure\":\"cycle 1200, port 3: frame 17 lost\",\"reproduce_with_waves\":\"w\","
                        + "\"waves\":\"d/w.fst\",\"gtkw\":\"d/w.gtkw\"}' > $json; exit 1", 30),
                spec(out, "short", "echo '{\"first_failure\":null,\"verdict\":\"RESULT: FAIL (aggregate 159.8 Gb/s below 99.9% of 160 Gb/s)\"}' > $json; exit 1", 30),
                spec(out, "crash", "echo 'director: --cycles: 0 is not > 0'; exit 2", 30),
                spec(out, "segv", "kill -SEGV $$", 30));
        List<Outcome> o = r.run(runs, x -> {});
        assertEquals(List.of(Outcome.Status.PASS, Outcome.Status.FAIL, Outcome.Status.FAIL, Outcome.Status.ERROR, Outcome.Status.ERROR),
                o.stream().map(Outcome::status).toList());
        Outcome fail = o.get(1);
        assertEquals("cycle 1200, port 3: frame 17 lost", fail.firstFailure());
        assertEquals("frame N lost", fail.signature());
        assertEquals(Path.of("d/w.fst"), fail.waves());
        assertEquals("w", fail.reproduceWithWaves());
        assertEquals("verdict: RESULT: FAIL (aggregate N Gb/s below N% of N Gb/s)", o.get(2).signature());
        assertEquals("exit 2: director: --cycles: 0 is not > 0", o.get(3).detail());
        assertEquals("error: exit N: director: --cycles: N is not > N", o.get(3).signature());
        assertTrue(o.get(4).exitCode() > 128 || o.get(4).exitCode() < 0, "killed by SIGSEGV: " + o.get(4).exitCode());
        assertEquals("echo RESULT: PASS", "echo " + Files.readString(runs.get(0).log()).strip());
    }

    @Test
    void aHangIsKilledAtItsLimitWithItsChildrenAndTheOthersGoOn(@TempDir Path out) throws Exception {
        LocalRunner r = new LocalRunner(shell(), 2, out);
        Path pidFile = out.resolve("child.pid");
        List<RunSpec> runs = List.of(
                spec(out, "hang", "sleep 300 & echo $! > " + pidFile + "; wait", 2),
                spec(out, "ok", "exit 0", 30));
        long t0 = System.nanoTime();
        List<Outcome> o = r.run(runs, x -> {});
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(Outcome.Status.TIMEOUT, o.get(0).status());
        assertEquals("timeout", o.get(0).signature());
        assertEquals("killed at its limit of 2 s", o.get(0).detail());
        assertEquals(Outcome.Status.PASS, o.get(1).status());
        assertTrue(s < 20, "the runner waited " + s + " s");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        for (int i = 0; i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) Thread.sleep(100);
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the hung run's child " + child + " still runs");
    }

    @Test
    void runsGoInParallelUpToJobs(@TempDir Path out) {
        List<RunSpec> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) runs.add(spec(out, "t" + i, "sleep 1", 30));
        long t0 = System.nanoTime();
        new LocalRunner(shell(), 4, out).run(runs, x -> {});
        double parallel = (System.nanoTime() - t0) / 1e9;
        assertTrue(parallel < 3.5, "4 runs of 1 s with 4 jobs took " + parallel + " s");
        assertThrows(IllegalArgumentException.class, () -> new LocalRunner(shell(), 0, out));
    }

    @Test
    void aRunOfATwoThreadModelTakesTwoJobs(@TempDir Path out) throws Exception {
        // each run appends "start NAME" and "end NAME" to one file: a two-thread run ("wide") never overlaps another
        // run on two jobs
        Path log = out.resolve("order.log");
        List<RunSpec> runs = new ArrayList<>();
        for (String n : List.of("wide1", "narrow1", "narrow2", "wide2"))
            runs.add(spec(out, n, "echo start " + n + " >> " + log + "; sleep 0.4; echo end " + n + " >> " + log, 30));
        new LocalRunner(shell(), 2, out, r -> r.test().name().startsWith("wide") ? 2 : 1).run(runs, x -> {});
        List<String> lines = java.nio.file.Files.readAllLines(log);
        assertEquals(8, lines.size(), lines.toString());
        java.util.Set<String> open = new java.util.HashSet<>();
        int most = 0;
        for (String l : lines) {
            String name = l.substring(l.indexOf(' ') + 1);
            if (l.startsWith("start ")) {
                open.add(name);
                if (open.stream().anyMatch(x -> x.startsWith("wide")) && open.size() > 1) fail("a two-thread run overlapped another: " + lines);
                most = Math.max(most, open.size());
            } else open.remove(name);
        }
        assertTrue(most <= 2, "never more runs than jobs: " + lines);
    }
}
