package director.tb.regress;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The three result files, read back by the readers CI servers and spreadsheets use: a DOM parser, Commons CSV, jsoup. */
@Tag("fast")
class RegressReportTest {
    private static Outcome outcome(Path out, String test, long seed, Outcome.Status st, String first, Path waves) {
        Plan.Test t = new Plan.Test(test, "run", List.of("--profile", "small", "--load", "0.5"), 2, List.of("islip", "credits"), 60);
        RunSpec r = new RunSpec(t, 0, seed, RunSpec.dirOf(out, test, seed), false);
        return new Outcome(r, st, 3.25, st == Outcome.Status.PASS ? 0 : 1, first, first == null ? (st == Outcome.Status.PASS ? null : "timeout")
                : Outcome.signature(first), r.reproduce(), first == null ? null : r.reproduce() + " --waves w.fst", waves, null,
                st == Outcome.Status.TIMEOUT ? "killed at its limit of 60 s" : null);
    }

    @Test
    void junitCsvAndHtmlSayTheSame(@TempDir Path out) throws Exception {
        Path waves = out.resolve("runs/b/seed-22/waves.fst");
        List<Outcome> os = List.of(
                outcome(out, "a", 11, Outcome.Status.PASS, null, null),
                outcome(out, "a", 12, Outcome.Status.FAIL, "cycle 900, port 2: frame 5 lost", null),
                outcome(out, "b", 22, Outcome.Status.FAIL, "cycle 40, port 7: frame 9 lost", waves),
                outcome(out, "b", 23, Outcome.Status.TIMEOUT, null, null));
        RegressReport.Summary s = new RegressReport.Summary("demo", 1, "scripts/director regress --plan demo --out o --seed 1", os, 9.5, 2, "local", "5 of 7 cover points hit (71.4%) over 4 runs");
        List<Path> files = RegressReport.write(s, out);
        assertEquals(List.of(out.resolve("junit.xml"), out.resolve("results.csv"), out.resolve("index.html")), files);

        // JUnit XML: one suite per test, one case per seed, failures with the seed and the reproduce command
        org.w3c.dom.Document x = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile());
        Element root = x.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("4", root.getAttribute("tests"));
        assertEquals("2", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        assertEquals("regress.demo.a", ((Element) suites.item(0)).getAttribute("name"));
        NodeList cases = root.getElementsByTagName("testcase");
        assertEquals(4, cases.getLength());
        assertEquals("seed 12", ((Element) cases.item(1)).getAttribute("name"));
        Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertEquals("FAIL (seed 12): cycle 900, port 2: frame 5 lost; reproduce: scripts/director run --profile small --load 0.5 --seed 12",
                failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("signature: frame N lost"), failure.getTextContent());
        Element timeout = (Element) ((Element) cases.item(3)).getElementsByTagName("error").item(0);
        assertTrue(timeout.getAttribute("message").startsWith("TIMEOUT (seed 23): killed at its limit of 60 s; reproduce: "), timeout.getAttribute("message"));
        assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("failure").getLength());

        // CSV: a row per run, the header as documented
        try (Reader r = Files.newBufferedReader(out.resolve("results.csv"));
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            assertEquals(RegressReport.CSV_COLUMNS, p.getHeaderNames());
            List<CSVRecord> rows = p.getRecords();
            assertEquals(4, rows.size());
            assertEquals("12", rows.get(1).get("seed"));
            assertEquals("FAIL", rows.get(1).get("status"));
            assertEquals("frame N lost", rows.get(1).get("signature"));
            assertEquals("islip credits", rows.get(1).get("covers"));
            assertEquals(waves.toString(), rows.get(2).get("waves"));
        }

        // HTML: the verdict, the by-test table, one bucket for the two lost frames, links to the waves that open from disk
        Document h = Jsoup.parse(out.resolve("index.html").toFile());
        assertTrue(h.select(".banner.bad").text().startsWith("FAIL: 1 of 4 runs passed"), h.select(".banner").text());
        assertTrue(h.text().contains("2 run(s): frame N lost"), h.text());
        assertTrue(h.text().contains("1 run(s): timeout"), h.text());
        assertEquals("runs/b/seed-22/waves.fst", h.select("a[href$=waves.fst]").attr("href"));
        assertEquals(4, h.select("a:containsOwn(log)").size());
        assertEquals(3, h.select("td.fail").stream().filter(td -> !td.text().matches("\\d+")).count());
        assertTrue(h.select("pre").text().contains("scripts/director regress --plan demo --out o --seed 1"));
    }

    @Test
    void bucketsBySignatureBiggestFirst(@TempDir Path out) {
        List<Outcome> os = List.of(
                outcome(out, "a", 1, Outcome.Status.FAIL, "cycle 1: x 5", null),
                outcome(out, "b", 2, Outcome.Status.FAIL, "cycle 2, port 1: y 6", null),
                outcome(out, "c", 3, Outcome.Status.FAIL, "cycle 3: y 7", null),
                outcome(out, "c", 4, Outcome.Status.PASS, null, null));
        List<Buckets.Bucket> b = Buckets.of(os);
        assertEquals(List.of("y N", "x N"), b.stream().map(Buckets.Bucket::signature).toList());
        assertEquals(2, b.get(0).runs().size());
        assertEquals(2, b.get(0).first().run().seed());
        assertEquals("mismatch at byte N: got H, want H", Outcome.signature("cycle 77, port 3: mismatch at byte 12: got 0xff, want 0x0a"));
    }
}
