package director.tb.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import director.tb.sched.Matcher;
import director.tb.sched.ModelMatcher;
import director.tb.sched.SchedStudyReport;
import director.tb.tools.RenderedReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code director sched-study}: bad options are one line naming the option (exit 2); a short study prints its
 * tables and writes JSON, CSV and a self-contained HTML report whose plots render in headless chromium; the same seed
 * gives the same figures; a lockstep disagreement fails (exit 1) with a command that reproduces it, in the report too.
 */
@Tag("rtl")
class SchedStudyCliTest {
    private static CliOutcome execute(String... argv) { return CliOutcome.execute(argv); }

    private static String usageError(String... argv) {
        String[] all = new String[argv.length + 1];
        all[0] = "sched-study";
        System.arraycopy(argv, 0, all, 1, argv.length);
        String e = CliOutcome.usageError(all);
        assertEquals("", execute(all).out(), "nothing ran");
        return e;
    }

    @Test
    void badOptionsAreOneLineNamingTheOption() {
        assertTrue(usageError("--ports", "1").contains("--ports: must be 2..64, got 1"));
        assertTrue(usageError("--ports", "65").contains("--ports: must be 2..64, got 65"));
        assertTrue(usageError("--loads", "1.5").contains("--loads: 1.5 is not in (0, 1)"));
        assertTrue(usageError("--loads", "0.1..1").contains("--loads: 1 is not in (0, 1)"));
        assertTrue(usageError("--loads", "0.5,x").contains("--loads: 'x' is not a number"));
        assertTrue(usageError("--loads", "0.9..0.1").contains("--loads: range 0.9..0.1 is empty"));
        assertTrue(usageError("--iterations", "0..9").contains("--iterations: 0 is out of range 1..4"));
        assertTrue(usageError("--iterations", "1..9").contains("--iterations: 9 is out of range 1..4"));
        assertTrue(usageError("--iterations", "1,,2").contains("--iterations: '1,,2' has an empty entry"));
        assertTrue(usageError("--load-step", "0").contains("--load-step: must be in (0, 1), got 0"));
        assertTrue(usageError("--points", "1").contains("--points: must be 2..1000, got 1"));
        assertTrue(usageError("--loads", "0.1,0.5", "--points", "3").contains("--points: only with a range in --loads"));
        assertTrue(usageError("--loads", "0.1..0.5", "--points", "3", "--load-step", "0.1").contains("--load-step and --points"));
        assertTrue(usageError("--slots", "0").contains("--slots: must be at least 20"));
        assertTrue(usageError("--slots", "10").contains("--slots: must be at least 20 (the 95% interval is made of 20 batches), got 10"));
        assertTrue(usageError("--warmup", "soon").contains("--warmup: 'soon' is not an integer"));
        assertTrue(usageError("--seed", "-3").contains("--seed: must not be negative, got -3"));
    }

    @Test
    void rangesAndListsGiveTheLoadsAndIterationsRun(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("s.json");
        CliOutcome o = execute("sched-study", "--ports", "8", "--iterations", "2..3", "--loads", "0.2..0.5", "--points", "4",
                "--slots", "200", "--warmup", "0", "--seed", "1", "--json", json.toString());
        assertEquals(Main.EXIT_PASS, o.code(), o.out() + o.err());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals("[0.2,0.3,0.4,0.5]", j.get("loads").toString());
        assertEquals("[2,3]", j.get("iterations").toString());
        o = execute("sched-study", "--ports", "8", "--iterations", "4,1", "--loads", "0.1..0.99", "--load-step", "0.2",
                "--slots", "200", "--warmup", "0", "--seed", "1", "--json", json.toString());
        assertEquals(Main.EXIT_PASS, o.code(), o.out() + o.err());
        j = new ObjectMapper().readTree(json.toFile());
        assertEquals("[0.1,0.3,0.5,0.7,0.9,0.99]", j.get("loads").toString());
        assertEquals("[1,4]", j.get("iterations").toString());
    }

    @Test
    void aShortStudyPrintsItsTablesAndWritesJsonCsvAndASelfContainedReport(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("study.json"), csv = dir.resolve("study.csv"), report = dir.resolve("report");
        String[] argv = {"sched-study", "--ports", "16", "--iterations", "1,2", "--loads", "0.3,0.8", "--slots", "5000",
                "--warmup", "2000", "--seed", "42", "--json", json.toString(), "--csv", csv.toString(), "--report", report.toString()};
        CliOutcome o = execute(argv);
        assertEquals(Main.EXIT_PASS, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("seed 42"), o.out());
        assertTrue(o.out().contains("lockstep: RTL and model matched alike in all "), o.out());
        assertTrue(o.out().contains("McKeown 1999: iSLIP with a single iteration achieves 100% throughput"), o.out());
        assertTrue(o.out().strip().endsWith("RESULT: PASS"), o.out());
        // the load x iterations table: a row per load
        assertTrue(o.out().lines().anyMatch(l -> l.matches("\\s+0\\.3 \\|\\s+[0-9.]+\\s+[0-9.]+ \\|\\s+[0-9.]+\\s+[0-9.]+ \\|\\s+1\\.201")), o.out());

        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(42, j.get("seed").asLong());
        assertEquals(4, j.get("points").size());
        assertTrue(j.get("lockstep").get("failure").isNull());
        for (JsonNode p : j.get("points")) {
            assertEquals(p.get("rtl").get("mean_delay").asDouble(), p.get("model").get("mean_delay").asDouble(), 0.0);
            assertEquals(p.get("slots_run").asLong(), p.get("lockstep_slots").asLong());
            assertTrue(p.get("output_queued").get("formula_delay").asDouble() > 1);
        }

        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(csv, java.nio.charset.StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            rows = parser.getRecords();
            assertTrue(parser.getHeaderNames().containsAll(List.of("iterations", "load", "throughput", "departures_per_port_slot",
                    "rtl_mean_delay", "model_mean_delay", "oq_formula_delay")));
        }
        assertEquals(4, rows.size());
        assertEquals("0.3", rows.get(0).get("load"));
        assertEquals("1", rows.get(0).get("iterations"));
        assertEquals("2", rows.get(3).get("iterations"));

        Path html = report.resolve("sched-study.html");
        assertTrue(o.out().contains("report: " + html), o.out());
        Document doc = Jsoup.parse(html.toFile(), "UTF-8");
        List<Element> imgs = doc.select("img");
        assertEquals(2, imgs.size());
        for (Element img : imgs) assertTrue(img.attr("src").startsWith("data:image/png;base64,"), img.attr("src").substring(0, 40));
        assertTrue(doc.select("link, script[src], [src^=http], [href^=http]").isEmpty(), "self-contained");
        assertFalse(doc.select("head style").isEmpty(), "inline CSS");
        assertTrue(doc.getElementById(SchedStudyReport.REFERENCES).text().contains("McKeown"), doc.text());
        assertEquals(2, doc.select("#" + SchedStudyReport.RESULTS + " table thead tr").size(), "two header rows");
        assertEquals(2, doc.select("#" + SchedStudyReport.RESULTS + " table tbody tr").size(), "a row per load");
        assertEquals("0.3", doc.selectFirst("#" + SchedStudyReport.RESULTS + " tbody tr td").text());
        assertTrue(doc.selectFirst(".banner.good").text().contains("matched alike in every one of"), doc.text());
        String reproduce = doc.selectFirst("#" + SchedStudyReport.REPRODUCE + " pre code").text();
        assertEquals("scripts/director sched-study --ports 16 --iterations 1,2 --loads 0.3,0.8 --slots 5000 --warmup 2000 --seed 42", reproduce);

        // the same seed: the same figures (the run time aside)
        Path json2 = dir.resolve("again.json");
        String[] again = argv.clone();
        again[Arrays.asList(again).indexOf("--json") + 1] = json2.toString();
        assertEquals(Main.EXIT_PASS, execute(again).code());
        JsonNode j2 = new ObjectMapper().readTree(json2.toFile());
        for (int i = 0; i < 4; i++) {
            com.fasterxml.jackson.databind.node.ObjectNode a = (com.fasterxml.jackson.databind.node.ObjectNode) j.get("points").get(i).deepCopy();
            com.fasterxml.jackson.databind.node.ObjectNode b = (com.fasterxml.jackson.databind.node.ObjectNode) j2.get("points").get(i).deepCopy();
            a.remove("seconds");
            b.remove("seconds");
            assertEquals(a, b);
        }
    }

    @Test
    void everyPlotOfTheReportRendersInAHeadlessBrowser(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        CliOutcome o = execute("sched-study", "--ports", "8", "--iterations", "1,2", "--loads", "0.5,0.9", "--slots", "400",
                "--warmup", "0", "--seed", "3", "--report", report.toString());
        assertEquals(Main.EXIT_PASS, o.code(), o.out() + o.err());
        Document dom = RenderedReport.open(report.resolve(SchedStudyReport.FILE), dir.resolve("chromium"));
        assertEquals(new TreeSet<>(Set.of(SchedStudyReport.DELAY_CHART, SchedStudyReport.THROUGHPUT_CHART)), RenderedReport.charts(dom));
        for (String section : new String[] {SchedStudyReport.SETTINGS, SchedStudyReport.REPRODUCE, SchedStudyReport.DELAY,
                SchedStudyReport.THROUGHPUT, SchedStudyReport.RESULTS, SchedStudyReport.REFERENCES}) RenderedReport.section(dom, section);
        assertNotNull(dom.selectFirst("#" + SchedStudyReport.DELAY + " img#" + SchedStudyReport.DELAY_CHART));
        assertNotNull(dom.selectFirst("#" + SchedStudyReport.THROUGHPUT + " img#" + SchedStudyReport.THROUGHPUT_CHART));
        assertTrue(dom.getElementById(SchedStudyReport.SETTINGS).text().contains("Seed 3 "), dom.text());
        assertTrue(dom.selectFirst("#" + SchedStudyReport.REPRODUCE + " pre code").text().endsWith(" --seed 3"), dom.text());
    }

    @Test
    void aDisagreementFailsWithACommandThatReproducesIt(@TempDir Path dir) throws Exception {
        // the Java side made wrong on purpose in slot 777 of every point with 2 iterations
        SchedStudyCommand.modelFactory = (n, k) -> k != 2 ? new ModelMatcher(n, k) : new Matcher() {
            private final ModelMatcher m = new ModelMatcher(n, k);
            private int slot;
            @Override public int[] match(long[] rows) {
                int[] r = m.match(rows).clone();
                if (slot++ == 777) r[n - 1] = r[n - 1] < 0 ? 0 : -1;
                return r;
            }
            @Override public void reset() { m.reset(); slot = 0; }
        };
        try {
            CliOutcome o = execute("sched-study", "--ports", "8", "--iterations", "1..2", "--loads", "0.5,0.9", "--slots", "1000",
                    "--warmup", "500", "--seed", "9", "--report", dir.toString());
            assertEquals(Main.EXIT_FAIL, o.code(), o.out() + o.err());
            String fail = o.out().lines().filter(l -> l.startsWith("FAIL: ")).findFirst().orElseThrow();
            assertTrue(fail.startsWith("FAIL: lockstep failure at slot 777 (load 0.5, 2 iterations, 8 ports): RTL and model match differently at input 7 (RTL "), fail);
            assertTrue(fail.contains("RTL matches [") && fail.contains("model matches ["), fail);
            String repro = o.out().lines().filter(l -> l.startsWith("reproduce: ")).findFirst().orElseThrow();
            assertEquals("reproduce: scripts/director sched-study --ports 8 --iterations 2 --loads 0.5 --slots 1000 --warmup 500 --seed 9", repro);
            assertTrue(o.out().strip().endsWith("RESULT: FAIL"));
            // the report says so too
            Document page = Jsoup.parse(dir.resolve(SchedStudyReport.FILE).toFile(), "UTF-8");
            assertTrue(page.select(".banner.good").isEmpty(), page.text());
            assertEquals("Lockstep FAILED " + fail.substring("FAIL: ".length()), page.selectFirst(".banner.bad").text());
            // the printed command fails the same way
            List<String> argv = new ArrayList<>(Arrays.asList(repro.substring("reproduce: scripts/director ".length()).split(" ")));
            CliOutcome again = execute(argv.toArray(String[]::new));
            assertEquals(Main.EXIT_FAIL, again.code());
            assertTrue(again.out().contains(fail), again.out());
        } finally {
            SchedStudyCommand.modelFactory = ModelMatcher::new;
        }
    }
}
