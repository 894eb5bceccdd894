package director.tb.regress;

import director.tb.cli.Main;
import director.tb.tools.LocalSlurm;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code director regress --slurm} against a single-node Slurm on localhost that the test starts and stops
 * ({@link LocalSlurm}): RegressSystemTest's plan (a passing test and a test on a model with a deliberate bug, two seeds
 * each) run here and through the job array with the same run seed gives the same rows and the same JUnit testcases,
 * and the failing seeds' waves; a task that dies leaves ERRORs naming its log; an interrupt cancels the array; no
 * sbatch or no controller is one line, exit 2.
 */
@Tag("system")
class RegressSlurmTest {
    private static LocalSlurm slurm;

    @BeforeAll
    static void startSlurm() {
        slurm = LocalSlurm.start();
    }

    @AfterAll
    static void stopSlurm() {
        if (slurm != null) slurm.close();
    }

    @Test
    void thePlanThroughSlurmGivesTheSameResultsAsHere(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("tiny.yaml");
        Files.writeString(plan, RegressSystemTest.PLAN);
        Path here = dir.resolve("here"), there = dir.resolve("slurm");
        RegressSystemTest.Result local = RegressSystemTest.regress("regress", "--plan", plan.toString(), "--out", here.toString(),
                "--jobs", "2", "--seed", "5");
        assertEquals(Main.EXIT_FAIL, local.code(), local.out() + local.err());
        assertTrue(Files.exists(here.resolve("results.csv")), "no results.csv: " + local.out() + local.err());
        // two array tasks of two runs each: the shard's runs one after another
        RegressSystemTest.Result viaSlurm = RegressSystemTest.regress("regress", "--plan", plan.toString(), "--out", there.toString(),
                "--seed", "5", "--slurm", "--slurm-conf", slurm.conf().toString(), "--shards", "2", "--partition", LocalSlurm.PARTITION);
        String said = viaSlurm.out() + viaSlurm.err();
        assertEquals(Main.EXIT_FAIL, viaSlurm.code(), said);
        assertTrue(viaSlurm.out().contains("regress: plan tiny, 2 tests, 4 runs, run seed 5, 2 jobs (slurm)"), said);
        assertTrue(viaSlurm.out().matches("(?s).*slurm: job \\d+: 2 array task\\(s\\) for 4 runs, the runs of a task one after another, "
                + "up to \\d+ min each.*"), said);
        assertTrue(viaSlurm.out().contains("regress: 2 of 4 runs passed, 2 failed, 1 failure bucket(s)"), said);
        assertTrue(viaSlurm.out().contains("again, the same seeds: scripts/director regress --plan " + plan + " --out " + there
                + " --seed 5 --slurm --shards 2 --partition debug --slurm-conf " + slurm.conf()), said);

        List<CSVRecord> a = RegressSystemTest.rows(here.resolve("results.csv")), b = RegressSystemTest.rows(there.resolve("results.csv"));
        assertEquals(4, b.size());
        for (int i = 0; i < a.size(); i++)
            for (String col : List.of("test", "index", "seed", "status", "exit_code", "first_failure", "signature", "reproduce"))
                assertEquals(a.get(i).get(col), b.get(i).get(col), col + " of row " + i + ": here " + a.get(i).toMap() + ", through slurm " + b.get(i).toMap());
        for (CSVRecord row : b) {
            assertTrue(row.get("log").startsWith(there.resolve("runs").toString()), row.get("log"));
            if (row.get("status").equals("PASS")) continue;
            Path waves = Path.of(row.get("waves"));
            assertEquals(there.resolve("runs/corrupted-header/seed-" + row.get("seed") + "/waves.fst"), waves);
            assertTrue(Files.size(waves) > 0, waves.toString());
            assertTrue(Files.exists(Path.of(row.get("gtkw"))), row.get("gtkw"));
        }
        assertEquals(testcases(here.resolve("junit.xml")), testcases(there.resolve("junit.xml")));
        for (String count : List.of("tests", "failures", "errors"))
            assertEquals(root(here.resolve("junit.xml")).getAttribute(count), root(there.resolve("junit.xml")).getAttribute(count), count);

        // each task's log: which shard, and how each of its runs ended
        for (int t = 0; t < 2; t++) {
            String log = Files.readString(there.resolve("slurm/task-" + t + ".log"));
            assertTrue(log.startsWith("regress-shard " + t + " of 2 on localhost: 2 run(s)"), log);
            assertEquals(2, log.lines().filter(l -> l.startsWith("run ")).count(), log);
        }
        assertEquals(List.of(), slurm.queue(), "the array is over");
    }

    /** A testcase: its suite, its name (the seed), and failure or error with its type if any. */
    private static List<String> testcases(Path junit) throws Exception {
        NodeList cases = root(junit).getElementsByTagName("testcase");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String verdict = "pass";
            for (String tag : List.of("failure", "error"))
                if (c.getElementsByTagName(tag).getLength() > 0) verdict = tag + " " + ((Element) c.getElementsByTagName(tag).item(0)).getAttribute("type");
            out.add(c.getAttribute("classname") + " | " + c.getAttribute("name") + " | " + verdict);
        }
        return out;
    }

    private static Element root(Path xml) throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        return d.getDocumentElement();
    }

    private static List<RunSpec> someRuns(Path out, int n) {
        Plan.Test t = new Plan.Test("any", "run", List.of("--profile", "small"), n, List.of(), 60);
        List<RunSpec> runs = new ArrayList<>();
        for (int k = 0; k < n; k++) runs.add(new RunSpec(t, k, 100 + k, RunSpec.dirOf(out, "any", 100 + k), false));
        return runs;
    }

    @Test
    void aTaskThatDiesLeavesErrorsNamingItsLogAndAnInterruptCancelsTheArray(@TempDir Path out) throws Exception {
        // every array task dies at once: none of its runs reports
        StringWriter said = new StringWriter();
        SlurmRunner dying = new SlurmRunner(args -> List.of("bash", "-c", "echo 'the task dies'; kill -9 $$"), out, out,
                new SlurmRunner.Settings(2, null, null, null), slurm.env(), new PrintWriter(said)).timing(200, 2000);
        List<RunSpec> runs = someRuns(out, 3);
        List<Outcome> heard = new ArrayList<>();
        List<Outcome> o = dying.run(runs, heard::add);
        assertEquals(3, o.size());
        assertEquals(3, heard.size(), "every run is told, none silently missing");
        for (int i = 0; i < 3; i++) {
            int task = i % 2;
            Path log = out.resolve("slurm/task-" + task + ".log");
            assertEquals(runs.get(i), o.get(i).run());
            assertEquals(Outcome.Status.ERROR, o.get(i).status());
            assertTrue(o.get(i).detail().matches("no result: array task " + task + " of slurm job \\d+ ended FAILED.* before this run reported; "
                    + "the task's log: " + java.util.regex.Pattern.quote(log.toString())), o.get(i).detail());
            assertTrue(o.get(i).signature().startsWith("error: no result: array task N of slurm job N ended FAILED"), o.get(i).signature());
            assertTrue(Files.readString(log).contains("the task dies"), log.toString());
        }

        // an interrupted regression takes its array with it
        Path out2 = out.resolve("again");
        SlurmRunner sleeping = new SlurmRunner(args -> List.of("sleep", "300"), out2, out2, new SlurmRunner.Settings(2, null, null, null),
                slurm.env(), new PrintWriter(new StringWriter())).timing(200, 2000);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                sleeping.run(someRuns(out2, 2), x -> {});
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (slurm.queue().stream().filter(l -> l.endsWith("|RUNNING")).count() < 2 && System.nanoTime() < end) Thread.sleep(100);
        assertEquals(2, slurm.queue().stream().filter(l -> l.endsWith("|RUNNING")).count(), "both tasks run: " + slurm.queue());
        t.interrupt();
        t.join(30_000);
        assertFalse(t.isAlive());
        assertTrue(thrown.get() instanceof IllegalStateException && thrown.get().getMessage().startsWith("regression interrupted"), String.valueOf(thrown.get()));
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!slurm.queue().isEmpty() && System.nanoTime() < end) Thread.sleep(100);
        assertEquals(List.of(), slurm.queue(), "scancel took the array");
    }

    @Test
    void noSbatchOrNoControllerIsOneLineExit2(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("one.yaml");
        Files.writeString(plan, "plan: one\ntests:\n  - {name: clean, command: run, args: [--profile, small, --cycles, 2000]}\n");
        // a copy of the cluster's slurm.conf whose controller port nobody listens on
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("slurm.conf");
        Files.writeString(conf, Files.readString(slurm.conf()).replaceAll("(?m)^SlurmctldPort=\\d+$", "SlurmctldPort=" + port));
        RegressSystemTest.Result r = RegressSystemTest.regress("regress", "--plan", plan.toString(), "--out", dir.resolve("o").toString(),
                "--slurm", "--slurm-conf", conf.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("director: slurm: no controller answers (scontrol ping: "), r.err());
        assertTrue(r.err().strip().endsWith("start slurmctld, or point SLURM_CONF (--slurm-conf) at the cluster's slurm.conf (now " + conf + ")"), r.err());
        assertFalse(r.out().contains("model(s)"), "nothing was built: " + r.out());

        // the command line with no sbatch on PATH (a JVM of its own, so PATH can differ)
        List<String> cmd = LocalRunner.sameJvm().command(List.of("regress", "--plan", plan.toString(), "--out", dir.resolve("o").toString(), "--slurm"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(Path.of("").toAbsolutePath().toFile());
        pb.environment().put("PATH", dir.toString());
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(Main.EXIT_BAD_INPUT, p.exitValue(), text);
        assertEquals("director: slurm: sbatch not found on PATH; install slurm-wlm (scripts/ensure-tools) and start a cluster "
                + "(or point SLURM_CONF at one), or run without --slurm", text.strip());
        assertEquals(List.of(), slurm.queue());
        assertFalse(r.out().contains("slurm: job"));
        assertEquals(Main.EXIT_BAD_INPUT, RegressSystemTest.regress("regress", "--plan", plan.toString(), "--out", dir.toString(),
                "--shards", "2").code(), "--shards without --slurm");
    }
}
