package director.tb.report;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import director.tb.cli.Main;
import director.tb.report.html.RunPage;
import director.tb.tools.RenderedReport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code director run --report DIR} on the gateway profile (every protocol), and the page it writes opened in a real
 * headless browser (Debian's chromium): every plot decoded, every section and chart there, the verdict and the reproduce
 * command on the page, nothing fetched from anywhere; the JSON beside it read back with Jackson.
 */
@Tag("system")
class RunReportBrowserTest {
    @TempDir static Path tmp;
    static Path reportDir;
    static String out;
    static final String[] ARGS = {"run", "--profile", "gateway", "--mix", "eth=0.4,fc=0.3,ib=0.3", "--load", "0.8",
            "--cycles", "20000", "--seed", "5", "--on-fail", "none"};

    @BeforeAll
    static void run() {
        reportDir = tmp.resolve("report");
        List<String> argv = new java.util.ArrayList<>(List.of(ARGS));
        argv.addAll(List.of("--report", reportDir.toString(), "--json", tmp.resolve("run.json").toString()));
        StringWriter o = new StringWriter(), e = new StringWriter();
        int code = Main.execute(new PrintWriter(o), new PrintWriter(e), argv.toArray(String[]::new));
        out = o.toString();
        System.out.print(out);
        assertEquals(Main.EXIT_PASS, code, out + e);
    }

    @Test
    void theRunPrintsWhereItsReportIs() {
        assertTrue(out.contains("report: " + reportDir.resolve("index.html") + "\n")
                || out.contains("report: " + reportDir.resolve("index.html") + System.lineSeparator()), out);
    }

    @Test
    void everyPlotRendersInAHeadlessBrowser() throws Exception {
        Path index = reportDir.resolve("index.html");
        Document dom = RenderedReport.open(index, tmp.resolve("chromium"));
        assertEquals(new TreeSet<>(Set.of(RunPage.PORTS, RunPage.WIRE, RunPage.THROUGHPUT, RunPage.LATENCY_VL, RunPage.LATENCY_PROTOCOL,
                RunPage.DROPS, RunPage.VL_SHARES)), RenderedReport.charts(dom));

        for (String section : new String[] {"verdict", "reproduce", "settings", "ports", "wire", "throughput", "latency", "drops", "vls",
                "gateway", "figures"}) RenderedReport.section(dom, section);
        // the charts sit in their sections
        assertNotNull(dom.selectFirst("#ports img#" + RunPage.PORTS));
        assertNotNull(dom.selectFirst("#throughput img#" + RunPage.THROUGHPUT));
        assertNotNull(dom.selectFirst("#wire img#" + RunPage.WIRE));
        assertEquals(8, dom.select("#wire table tbody tr").size(), "a row per port: wire Gb/s and work conservation");
        assertTrue(dom.selectFirst("#wire").text().contains("Aggregate, as the wires count it"), "the aggregate is stated");
        assertNotNull(dom.selectFirst("#latency img#" + RunPage.LATENCY_VL));
        assertNotNull(dom.selectFirst("#latency img#" + RunPage.LATENCY_PROTOCOL));
        assertNotNull(dom.selectFirst("#drops img#" + RunPage.DROPS));
        assertNotNull(dom.selectFirst("#vls img#" + RunPage.VL_SHARES));

        // verdict and reason
        String verdict = dom.getElementById("verdict").text();
        assertTrue(verdict.contains("RESULT: PASS"), verdict);
        // uniform random traffic at load 0.8 asks some outputs for a little more than their line in a 20,000-cycle
        // window: the reason says so (and that every frame was exact); admissible traffic would name the ideal switch
        assertTrue(verdict.contains("every frame exact") && verdict.contains("not admissible (output "), verdict);
        // the reproduce command: the command line as given, with the seed
        String reproduce = dom.selectFirst("#reproduce pre code").text();
        assertTrue(reproduce.startsWith("scripts/director run --profile gateway --mix eth=0.4,fc=0.3,ib=0.3 --load 0.8 --cycles 20000"), reproduce);
        assertTrue(reproduce.contains("--seed 5"), reproduce);
        assertTrue(reproduce.contains("--report " + reportDir), reproduce);

        // tables: one row per port and the total; every drop reason; the per-protocol latencies
        assertEquals(8 + 1, dom.select("#ports table tbody tr").size());
        assertEquals(director.tb.model.DropReason.values().length, dom.select("#drops table tbody tr").size());
        String latency = dom.getElementById("latency").text();
        for (String proto : new String[] {"ib:", "eoib:", "fcoib:", "eth:", "fc:"}) assertTrue(latency.contains(proto), proto + " in " + latency);
        String settings = dom.getElementById("settings").text();
        assertTrue(settings.contains("gateway") && settings.contains("20000 cycles") && settings.contains("mix=eth=0.40"), settings);
        // the figures table lists the JSON's scalars, a later figure with no change to the page
        String figures = dom.getElementById("figures").text();
        assertTrue(figures.contains("delivered_window_gbps") && figures.contains("latency_cycles.p99") && figures.contains("mismatches"), figures);
    }

    @Test
    void theJsonBesideTheReportHasTheRunsFigures() throws Exception {
        JsonNode j = new ObjectMapper().readTree(reportDir.resolve("report.json").toFile());
        assertEquals(Files.readString(tmp.resolve("run.json")), Files.readString(reportDir.resolve("report.json")), "the --json report");
        assertEquals("gateway", j.get("profile").textValue());
        assertEquals(5, j.get("seed").longValue());
        assertEquals(20000, j.get("cycles").longValue());
        assertTrue(j.get("pass").booleanValue());
        assertEquals(0, j.get("mismatches").longValue());
        assertEquals(0, j.get("lost").longValue());
        assertTrue(j.get("first_failure").isNull());
        assertEquals(8, j.get("ports").size());
        assertTrue(j.get("offered_gbps").doubleValue() > 40, j.toString());

        // per protocol: every protocol of the mix delivered, percentiles in order
        JsonNode byProto = j.get("latency_cycles_by_protocol");
        long framesByProto = 0;
        for (String p : new String[] {"ib", "eoib", "fcoib", "eth", "fc"}) {
            JsonNode l = byProto.get(p);
            assertNotNull(l, p + " in " + byProto);
            assertTrue(l.get("frames").longValue() > 0, p);
            assertTrue(l.get("p50").longValue() <= l.get("p99").longValue() && l.get("p99").longValue() <= l.get("max").longValue(), p);
            framesByProto += l.get("frames").longValue();
        }
        // per VL: the host ports' frames, on the data VLs (SL mod 8)
        JsonNode byVl = j.get("latency_cycles_by_vl");
        assertTrue(byVl.size() > 1, byVl.toString());
        long framesByVl = 0;
        for (var it = byVl.fieldNames(); it.hasNext(); ) {
            String vl = it.next();
            assertTrue(Integer.parseInt(vl) < 8, vl);
            framesByVl += byVl.get(vl).get("frames").longValue();
        }
        long toHosts = byProto.get("ib").get("frames").longValue() + byProto.get("eoib").get("frames").longValue()
                + byProto.get("fcoib").get("frames").longValue();
        assertEquals(toHosts, framesByVl, "every frame to a host port has its VL");
        assertTrue(framesByProto > 0 && framesByProto <= j.get("delivered_frames").longValue());

        // throughput over time: ~100 bins over the window, every port's bins add up to what it delivered
        JsonNode t = j.get("throughput_over_time");
        assertEquals(200, t.get("bin_cycles").longValue());
        assertEquals(20000, t.get("window_cycles").longValue());
        JsonNode perPort = t.get("delivered_bytes_per_port");
        assertEquals(8, perPort.size());
        for (int p = 0; p < 8; p++) {
            long sum = 0;
            for (JsonNode b : perPort.get(p)) sum += b.longValue();
            assertEquals(j.get("ports").get(p).get("delivered_bytes").longValue(), sum, "port " + p);
            assertTrue(perPort.get(p).size() >= 100, "port " + p);
        }
    }

    @Test
    void aReportPathThatIsAFileIsRefusedInOneLine() throws Exception {
        Path file = tmp.resolve("not-a-dir.txt");
        Files.writeString(file, "x");
        for (String cmd : new String[] {"run", "replay"}) {
            List<String> argv = new java.util.ArrayList<>(List.of(cmd, "--profile", "gateway", "--report", file.toString()));
            if (cmd.equals("replay")) argv.add("traces/csv/ib.csv");
            StringWriter o = new StringWriter(), e = new StringWriter();
            int code = Main.execute(new PrintWriter(o), new PrintWriter(e), argv.toArray(String[]::new));
            String err = e.toString().strip();
            assertEquals(Main.EXIT_BAD_INPUT, code, err);
            assertFalse(err.contains("\n"), "one line: " + err);
            assertTrue(err.startsWith("director: --report: '" + file + "' is not a directory"), err);
            assertEquals("", o.toString(), "nothing simulated");
        }
    }
}
