package director.tb.regress;

import director.tb.tools.RequiredTools;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Coverage databases as Verilator writes them (the key's fields split by \001 and \002), merged by verilator_coverage
 * and reported: counts added across runs and across models (the same point on another source line), holes first,
 * the runs that hit each point, a malformed file named with its line.
 */
@Tag("fast")
class FunctionalCoverageTest {
    private static String entry(String file, int line, String module, String hier, long count) {
        return "C '\u0001f\u0002" + file + "\u0001l\u0002" + line + "\u0001n\u000238\u0001page\u0002v_user/" + module
                + "\u0001o\u0002" + hier.substring(hier.lastIndexOf('.') + 1) + "\u0001h\u0002" + hier + "' " + count + "\n";
    }

    private static Path dat(Path dir, String name, String... entries) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "# SystemC::Coverage-3\n" + String.join("", entries), StandardCharsets.ISO_8859_1);
        return p;
    }

    @Test
    void mergedAcrossRunsAndModelsHolesFirst(@TempDir Path dir) throws Exception {
        RequiredTools.onPath("verilator_coverage");
        String lane0 = "TOP.DirectorTop.core.inputs_*.cover___05Fcov_voq_lane0_nonempty";
        String limit = "TOP.DirectorTop.core.outputs_*.arb.cover___05Fcov_high_limit_reached";
        String runt = "TOP.DirectorTop.core.cover___05Fcov_drop_p3_runt";
        // run 1 and run 2 of one model; run 3 of another model (the same points on other lines)
        Path a = dat(dir, "a.dat", entry("DirectorTop.sv", 10, "InputBuffer", lane0, 5), entry("DirectorTop.sv", 20, "VlArbiter", limit, 0),
                entry("DirectorTop.sv", 30, "Director", runt, 0));
        Path b = dat(dir, "b.dat", entry("DirectorTop.sv", 10, "InputBuffer", lane0, 7), entry("DirectorTop.sv", 20, "VlArbiter", limit, 0),
                entry("DirectorTop.sv", 30, "Director", runt, 0));
        Path c = dat(dir, "c.dat", entry("DirectorTop.sv", 110, "InputBuffer", lane0, 1), entry("DirectorTop.sv", 120, "VlArbiter", limit, 2),
                entry("DirectorTop.sv", 130, "Director", runt, 0));
        FunctionalCoverage.Result r = FunctionalCoverage.merge(List.of(a, b, c, dir.resolve("missing.dat")), dir.resolve("cov"));
        assertEquals(3, r.total());
        assertEquals(2, r.hit());
        assertEquals("2 of 3 cover points hit (66.7%) over 3 runs: RTL 2 of 3, testbench bins 0 of 0", r.summary());
        FunctionalCoverage.Point first = r.points().get(0);
        assertEquals(new FunctionalCoverage.Point("TOP.DirectorTop.core", "drop_p3_runt", "Director", 0, 0), first);
        assertEquals(new FunctionalCoverage.Point("TOP.DirectorTop.core.outputs_*.arb", "high_limit_reached", "VlArbiter", 2, 1), r.points().get(1));
        assertEquals(new FunctionalCoverage.Point("TOP.DirectorTop.core.inputs_*", "voq_lane0_nonempty", "InputBuffer", 13, 3), r.points().get(2));
        assertTrue(Files.size(r.merged()) > 0);

        Plan plan = new Plan("p", "", 60, List.of(new Plan.Test("t", "run", List.of(), 1, List.of("islip", "credits"), 60)), Path.of("p.yaml"));
        List<Path> files = FunctionalCoverage.write(r, plan, dir.resolve("cov"));
        try (Reader rd = Files.newBufferedReader(files.get(0));
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(rd)) {
            assertEquals(FunctionalCoverage.CSV_COLUMNS, p.getHeaderNames());
            List<CSVRecord> rows = p.getRecords();
            assertEquals(List.of("drop_p3_runt", "high_limit_reached", "voq_lane0_nonempty"), rows.stream().map(x -> x.get("point")).toList());
            assertEquals("true", rows.get(0).get("hole"));
        }
        Document h = Jsoup.parse(files.get(1).toFile());
        assertTrue(h.select(".banner").text().startsWith("2 of 3 cover points hit"), h.select(".banner").text());
        assertEquals("drop_p3_runt", h.select("#holes table td").first().text());
        assertTrue(h.text().contains("credits"), "the plan's features listed");
    }

    @Test
    void aMalformedDatabaseIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.dat");
        Files.writeString(bad, "# SystemC::Coverage-3\nC 'x' 12\nnonsense\n");
        IOException e = assertThrows(IOException.class, () -> FunctionalCoverage.read(bad));
        assertEquals(bad + ": line 2: key field without a value: x", e.getMessage());
        Files.writeString(bad, "C '\u0001h\u0002a.b' many\n");
        assertEquals(bad + ": line 1: count 'many' is not a number", assertThrows(IOException.class, () -> FunctionalCoverage.read(bad)).getMessage());
        assertEquals("high_limit_reached", FunctionalCoverage.pointName("cover___05Fcov_high_limit_reached"));
    }
}
