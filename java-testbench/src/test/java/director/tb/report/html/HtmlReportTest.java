package director.tb.report.html;

import org.junit.jupiter.api.Tag;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The page builder on its own, as another command would use it (a scheduler study: mean delay against load). */
@Tag("fast")
class HtmlReportTest {
    @Test
    void aStudyPageHasItsSectionsTablesAndChartsInOneFile(@TempDir Path dir) throws Exception {
        HtmlReport page = new HtmlReport("Scheduler study <iSLIP & friends>");
        page.section("Mean delay against load").paragraph("Delay grows as the load nears 1 & beyond.");
        page.table(List.of("load", "mean delay (ns)", "scheduler"), List.of(List.of(0.5, 812.25, "islip"), List.of(0.9, Double.NaN, "<b>oq</b>")));
        XYChart xy = Charts.lines("Mean delay against load", "offered load (fraction of line rate)", "mean delay (ns)");
        Charts.line(xy, "iSLIP, 3 iterations", new double[] {0.1, 0.5, 0.9}, new double[] {300, 812, 4100}, false);
        page.chart(xy);
        page.section("Mean delay against load");  // same heading again: a distinct id
        CategoryChart bars = Charts.bars("Throughput", "port", "Gb/s");
        bars.addSeries("delivered", Charts.indexLabels(3), List.of(9.5, 9.7, 9.9));
        page.chart("bars", bars);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("aggregate_gbps", 29.1);
        figures.put("work_conservation", Map.of("idle_with_work", 0));
        figures.put("rows", List.of(1, 2, 3));
        page.figures(figures);
        Path index = page.write(dir.resolve("study"));

        assertEquals(dir.resolve("study").resolve("index.html"), index);
        String html = Files.readString(index);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        Document d = Jsoup.parse(html);
        assertEquals("Scheduler study <iSLIP & friends>", d.title());
        assertEquals("Scheduler study <iSLIP & friends>", d.selectFirst("h1").text());
        assertTrue(d.select("b").isEmpty(), "text is escaped, not markup");
        assertEquals("<b>oq</b>", d.select("tbody tr").get(1).child(2).text());
        assertEquals("0.500", d.select("tbody tr").get(0).child(0).text());
        assertEquals("-", d.select("tbody tr").get(1).child(1).text(), "NaN shown as -");
        assertTrue(d.select("tbody tr").get(0).child(1).hasClass("num"));
        // ids unique across the page: the chart named like the first section gets -2, the second section -3
        assertEquals("section", d.getElementById("mean-delay-against-load").tagName());
        assertEquals("img", d.getElementById("mean-delay-against-load-2").tagName());
        assertEquals("section", d.getElementById("mean-delay-against-load-3").tagName());
        assertEquals(2, d.select("nav a").size());
        // figures: the map's order, nested maps flattened, lists counted
        List<String> keys = d.select("tbody tr").stream().map(tr -> tr.child(0).text()).toList();
        assertTrue(keys.containsAll(List.of("aggregate_gbps", "work_conservation.idle_with_work", "rows")), keys.toString());
        assertEquals("29.100", d.select("tbody tr").stream().filter(tr -> tr.child(0).text().equals("aggregate_gbps")).findFirst().orElseThrow().child(1).text());

        // each chart an embedded PNG of the chart's size
        List<Element> imgs = d.select("img.plot");
        assertEquals(List.of("mean-delay-against-load-2", "bars"), imgs.stream().map(e -> e.attr("data-chart")).toList());
        for (Element img : imgs) {
            String src = img.attr("src");
            assertTrue(src.startsWith("data:image/png;base64,"));
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));
            assertEquals(Charts.WIDTH, png.getWidth());
            assertEquals(Charts.HEIGHT, png.getHeight());
        }
        assertNotNull(d.selectFirst("head style"));
        assertTrue(d.selectFirst("head script").data().contains("data-rendered"));
        assertEquals(1, Files.list(index.getParent()).count(), "one file, nothing beside it");
    }

    @Test
    void groupedHeadersListsFixedDecimalsAndANamedFile(@TempDir Path dir) throws Exception {
        HtmlReport page = new HtmlReport("Grouped");
        page.section("t", "Table");
        page.table(List.of(new HtmlReport.Group("", 1), new HtmlReport.Group("iSLIP, 2 iterations", 2)), List.of("load", "delay", "dep/arr"),
                List.of(List.of("0.5", 1.23456, HtmlReport.fixed(0.99995, 4)), Arrays.asList("0.9", null, HtmlReport.fixed(Double.NaN, 4))));
        page.list(List.of("one <b>", "two"));
        XYChart xy = Charts.linesAndPoints("Delay on a log axis", "offered load", "delay (slots, log)", 500, true);
        Charts.line(xy, "model", new double[] {0.1, 0.9}, new double[] {1.05, 12}, false).setLineColor(Charts.color(0));
        Charts.points(xy, "RTL", new double[] {0.1, 0.9}, new double[] {1.05, 12}).setMarkerColor(Charts.color(0));
        Charts.reference(xy, "formula", new double[] {0.1, 0.9}, new double[] {1.02, 5});
        page.chart(xy);
        assertThrows(IllegalArgumentException.class, () -> page.table(List.of(new HtmlReport.Group("x", 2)), List.of("a"), List.of()));
        Path file = page.write(dir, "study.html");

        assertEquals(dir.resolve("study.html"), file);
        Document d = Jsoup.parse(Files.readString(file));
        List<Element> head = d.select("thead tr");
        assertEquals(2, head.size());
        assertEquals("2", head.get(0).child(1).attr("colspan"));
        assertFalse(head.get(0).child(0).hasAttr("colspan"));
        assertEquals("iSLIP, 2 iterations", head.get(0).child(1).text());
        assertEquals(List.of("load", "delay", "dep/arr"), head.get(1).children().eachText());
        List<Element> rows = d.select("tbody tr");
        assertEquals(List.of("0.5", "1.235", "1.0000"), rows.get(0).children().eachText());
        assertEquals(List.of("0.9", "-", "-"), rows.get(1).children().eachText());
        assertTrue(rows.get(0).child(2).hasClass("num") && !rows.get(0).child(0).hasClass("num"));
        assertEquals(List.of("one <b>", "two"), d.select("section ul li").eachText());
        assertTrue(d.select("b").isEmpty());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Charts.png(xy)));
        assertEquals(500, png.getHeight());
        assertTrue(xy.getStyler().isYAxisLogarithmic());
    }

    @Test
    void cdfPointsClimbToOne() {
        long[] sorted = new long[1000];
        for (int i = 0; i < sorted.length; i++) sorted[i] = 100 + i;
        double[][] xy = Charts.cdf(sorted, 4.0, 200);
        assertEquals(201, xy[0].length);
        assertEquals(400.0, xy[0][0]);
        assertEquals(0.0, xy[1][0]);
        assertEquals(1099 * 4.0, xy[0][200]);
        assertEquals(1.0, xy[1][200]);
        for (int i = 1; i < xy[0].length; i++) {
            assertTrue(xy[0][i] >= xy[0][i - 1] && xy[1][i] > xy[1][i - 1], "monotone at " + i);
        }
        assertEquals(0.5, xy[1][100], 1e-9);
        assertEquals(599 * 4.0, xy[0][100]);  // the median of 100..1099 (nearest rank)
        double[][] few = Charts.cdf(new long[] {7, 9}, 1.0, 200);
        assertArrayEquals(new double[] {7, 7, 9}, few[0]);
        assertArrayEquals(new double[] {0, 0.5, 1}, few[1]);
        assertEquals(0, Charts.cdf(new long[0], 1.0, 10)[0].length);
        assertTrue(Arrays.stream(few[1]).allMatch(y -> y >= 0 && y <= 1));
    }
}
