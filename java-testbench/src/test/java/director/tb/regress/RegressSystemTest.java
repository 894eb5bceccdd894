package director.tb.regress;

import director.tb.cli.Main;
import director.tb.tools.Chromium;
import director.tb.tools.RequiredTools;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code director regress} on the real model: a plan of a passing test and a test on a model built with a deliberate
 * bug, two seeds each, two jobs. The bug's runs fail with one signature (one bucket), each left waves from its debug
 * re-run; the same run seed repeats the same seeds and outcomes; the summary opens in chromium.
 */
@Tag("system")
class RegressSystemTest {
    /** Also the plan of RegressSlurmTest (the same plan, through --slurm). */
    static final String PLAN = """
            plan: tiny
            timeout_s: 600
            tests:
              - name: clean
                command: run
                args: [--profile, small, --cycles, 4000, --pattern, uniform, --load, 0.5]
                seeds: 2
                covers: [ib-forwarding]
              - name: corrupted-header
                command: run
                args: [--profile, small, --set, faultInject=egress-header, --cycles, 6000, --waves-before, 300, --waves-after, 50]
                seeds: 2
                covers: [debug-flow]
            """;

    record Result(int code, String out, String err) {}

    static Result regress(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    static List<CSVRecord> rows(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            return p.getRecords();
        }
    }

    @Test
    void aPlanRunsInParallelFailuresAreBucketedWithWavesAndTheSeedRepeatsIt(@TempDir Path dir) throws Exception {
        RequiredTools.chromium();
        Path plan = dir.resolve("tiny.yaml");
        Files.writeString(plan, PLAN);
        Path out1 = dir.resolve("one"), out2 = dir.resolve("two");
        Result r = regress("regress", "--plan", plan.toString(), "--out", out1.toString(), "--jobs", "2", "--seed", "5");
        assertEquals(Main.EXIT_FAIL, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("regress: plan tiny, 2 tests, 4 runs, run seed 5, 2 jobs (local)"), r.out() + r.err());
        assertTrue(r.out().contains("regress: 2 of 4 runs passed, 2 failed, 1 failure bucket(s)"), r.out());
        assertTrue(r.out().contains("RESULT: FAIL"), r.out());

        List<CSVRecord> rows = rows(out1.resolve("results.csv"));
        assertEquals(4, rows.size());
        for (CSVRecord row : rows) {
            long seed = Long.parseLong(row.get("seed"));
            assertEquals(Seeds.of(5, row.get("test"), Integer.parseInt(row.get("index"))), seed);
            if (row.get("test").equals("clean")) {
                assertEquals("PASS", row.get("status"), row.toString());
                continue;
            }
            assertEquals("FAIL", row.get("status"), row.toString());
            assertEquals("frame differs from expected id N (input N)", row.get("signature"), row.toString());
            // the run's own command, as every command prints it (Reproduce): the debug re-run's window options left out
            assertEquals("scripts/director run --profile small --set faultInject=egress-header --cycles 6000 --seed " + seed, row.get("reproduce"));
            // the failing seed ran again with waves, into its own folder
            Path waves = Path.of(row.get("waves"));
            assertEquals(out1.resolve("runs/corrupted-header/seed-" + seed + "/waves.fst"), waves);
            assertTrue(Files.size(waves) > 0, waves.toString());
            assertTrue(Files.exists(Path.of(row.get("gtkw"))), row.get("gtkw"));
            assertTrue(row.get("reproduce_with_waves").contains("--waves " + waves), row.get("reproduce_with_waves"));
        }
        assertTrue(r.out().contains("  reproduce: scripts/director run --profile small --set faultInject=egress-header"), r.out());

        // functional coverage: every run counted its cover points, merged into coverage/ with the holes first
        java.util.regex.Matcher cov = java.util.regex.Pattern.compile("coverage: (\\d+) of (\\d+) cover points hit \\([0-9.]+%\\) over 4 runs")
                .matcher(r.out());
        assertTrue(cov.find(), r.out());
        int hit = Integer.parseInt(cov.group(1)), total = Integer.parseInt(cov.group(2));
        assertTrue(hit > 10 && hit < total, hit + " of " + total);
        for (CSVRecord row : rows) assertTrue(Files.size(out1.resolve("runs/" + row.get("test") + "/seed-" + row.get("seed") + "/coverage.dat")) > 0);
        List<CSVRecord> points = rows(out1.resolve("coverage/coverage.csv"));
        assertEquals(total, points.size());
        assertEquals("true", points.get(0).get("hole"), "holes first");
        assertTrue(points.stream().anyMatch(p -> p.get("point").equals("match_iteration1") && Long.parseLong(p.get("count")) > 0), "iSLIP matched");
        assertTrue(points.stream().anyMatch(p -> p.get("point").equals("drop_p0_runt") && p.get("hole").equals("true")), "no runts in this plan");
        // the testbench's bins beside them: the IB path hit, the ones of a profile without module ports not declared
        assertTrue(r.out().contains(", testbench bins "), r.out());
        assertTrue(points.stream().anyMatch(p -> p.get("where").equals("TB.path") && p.get("point").equals("ib_from_host_to_host")
                && Long.parseLong(p.get("count")) > 0), "IB frames delivered");
        assertTrue(points.stream().noneMatch(p -> p.get("point").startsWith("fcoib_")), "no FC path on the small profile");
        assertTrue(points.stream().anyMatch(p -> p.get("where").equals("TB.settings") && p.get("point").equals("sl2vl_random") && p.get("hole").equals("true")));

        // the same run seed: the same seeds and the same outcomes
        Result again = regress("regress", "--plan", plan.toString(), "--out", out2.toString(), "--jobs", "2", "--seed", "5");
        assertEquals(Main.EXIT_FAIL, again.code());
        List<CSVRecord> rows2 = rows(out2.resolve("results.csv"));
        for (int i = 0; i < rows.size(); i++)
            for (String col : List.of("test", "seed", "status", "first_failure", "signature", "reproduce"))
                assertEquals(rows.get(i).get(col), rows2.get(i).get(col), col + " of row " + i);

        // the JUnit XML names the seeds; the summary opens in a browser with the bucket and links to the waves
        String xml = Files.readString(out1.resolve("junit.xml"));
        assertTrue(xml.contains("<testcase classname=\"regress.tiny.corrupted-header\" name=\"seed " + rows.get(2).get("seed") + "\""), xml);
        Document page = Jsoup.parse(Chromium.dumpDom(out1.resolve("index.html"), dir.resolve("chromium")));
        assertTrue(page.select(".banner").text().startsWith("FAIL: 2 of 4 runs passed"), page.select(".banner").text());
        assertTrue(page.text().contains("2 run(s): frame differs from expected id N (input N)"), page.text());
        assertEquals(2, page.select("a[href$=waves.fst]").size());
        for (var a : page.select("a[href]:not([href^=#])")) assertTrue(Files.exists(out1.resolve(a.attr("href"))), a.attr("href"));
    }

    @Test
    void reseedDrawsANewRunSeedAndPrintsIt(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("one.yaml");
        Files.writeString(plan, "plan: one\ntests:\n  - {name: clean, command: run, args: [--profile, small, --cycles, 2000]}\n");
        Result r = regress("regress", "--plan", plan.toString(), "--out", dir.resolve("o").toString(), "--reseed");
        assertEquals(Main.EXIT_PASS, r.code(), r.out() + r.err());
        String line = r.out().lines().filter(l -> l.startsWith("run seed ")).findFirst().orElseThrow();
        assertTrue(line.matches("run seed \\d+ \\(drawn by --reseed\\); the same seeds again: scripts/director regress --plan \\S+ --out \\S+ --seed \\d+"), line);
        Result bad = regress("regress", "--plan", plan.toString(), "--out", dir.resolve("o").toString(), "--reseed", "--seed", "3");
        assertEquals(Main.EXIT_BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("--seed and --reseed: give one of them"), bad.err());
        Result only = regress("regress", "--plan", plan.toString(), "--out", dir.resolve("o").toString(), "--only", "nosuch");
        assertEquals(Main.EXIT_BAD_INPUT, only.code());
        assertTrue(only.err().contains("--only nosuch: no such test in plan one (clean)"), only.err());
    }
}
