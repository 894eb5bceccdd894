package director.tb.report.html;

import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page of results: sections of text, tables and charts, CSS inline and every chart an
 * embedded PNG (a data URI), so the page opens from disk with no server, network or file beside it. Built as a jsoup
 * document (the library escapes every text and attribute). Any command can make one:
 *
 * <pre>{@code
 * HtmlReport page = new HtmlReport("Scheduler study");
 * page.section("Mean delay against load").paragraph("...");
 * page.table(List.of("load", "mean delay (ns)"), rows);
 * page.chart(xyChart);            // or a CategoryChart, see Charts
 * Path index = page.write(dir);   // dir/index.html
 * }</pre>
 *
 * <p>Each chart is an {@code <img class="plot" data-chart="ID">}; a small inline script marks it, once the page has
 * loaded, with {@code data-rendered="yes"} when the browser decoded it ({@code naturalWidth > 0}), "no" otherwise,
 * which the browser test reads back.
 */
public final class HtmlReport {
    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1100px;
                   padding: 1em 2em 3em; color: #222; line-height: 1.4; }
            h1 { font-size: 1.6em; border-bottom: 2px solid #456; padding-bottom: .2em; }
            h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ccc; padding-bottom: .15em; }
            table { border-collapse: collapse; margin: .6em 0 1em; font-size: .9em; }
            th, td { border: 1px solid #ccc; padding: .2em .6em; }
            th { background: #eef1f5; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            td.pass { background: #e3f4e1; }
            td.fail { background: #fbe3e1; font-weight: bold; }
            pre { background: #f5f5f5; border: 1px solid #ddd; padding: .6em; white-space: pre-wrap; word-break: break-all; }
            img.plot { display: block; max-width: 100%; height: auto; margin: .6em 0 1.2em; border: 1px solid #eee; }
            p.note { color: #666; font-size: .9em; }
            .banner { padding: .7em 1em; border-radius: 4px; margin: 1em 0; }
            .banner .headline { font-size: 1.4em; font-weight: bold; }
            .banner.good { background: #e3f4e1; border: 1px solid #7bbf72; }
            .banner.bad { background: #fbe3e1; border: 1px solid #d9776c; }
            .banner.neutral { background: #eef1f5; border: 1px solid #9aa8b8; }
            nav ul { padding-left: 1.2em; columns: 2; }
            """;

    private static final String SCRIPT = """
            window.addEventListener('load', function () {
              document.querySelectorAll('img.plot').forEach(function (img) {
                var ok = img.complete && img.naturalWidth > 0;
                img.setAttribute('data-rendered', ok ? 'yes' : 'no');
                img.setAttribute('data-natural-width', String(img.naturalWidth));
              });
            });
            """;

    /** How a banner reads: good (green), bad (red), neutral. */
    public enum Tone { GOOD, BAD, NEUTRAL }

    private final Document doc;
    private final Element main;
    private final Element toc;
    private Element current;
    private final List<String> ids = new ArrayList<>();

    public HtmlReport(String title) {
        doc = Document.createShell("");
        doc.outputSettings().charset(StandardCharsets.UTF_8).prettyPrint(true).indentAmount(1);
        doc.head().appendElement("meta").attr("charset", "utf-8");
        doc.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        doc.title(title);
        doc.head().appendElement("style").appendChild(new DataNode(CSS));
        doc.head().appendElement("script").appendChild(new DataNode(SCRIPT));
        main = doc.body().appendElement("main");
        main.appendElement("h1").text(title);
        toc = main.appendElement("nav").appendElement("ul");
        current = main;
    }

    /** Starts a section headed {@code heading} (listed in the page's contents); what follows goes into it. */
    public HtmlReport section(String heading) {
        return section(slug(heading), heading);
    }

    /** Starts a section with the element id {@code id}. */
    public HtmlReport section(String id, String heading) {
        String unique = unique(id);
        current = main.appendElement("section").id(unique);
        current.appendElement("h2").text(heading);
        toc.appendElement("li").appendElement("a").attr("href", "#" + unique).text(heading);
        return this;
    }

    /** A paragraph of text. */
    public HtmlReport paragraph(String text) {
        current.appendElement("p").text(text);
        return this;
    }

    /** A paragraph in small grey type: how to read what is next to it. */
    public HtmlReport note(String text) {
        current.appendElement("p").addClass("note").text(text);
        return this;
    }

    /** A coloured box with a large headline and a line of detail (a verdict). */
    public HtmlReport banner(Tone tone, String headline, String detail) {
        Element b = current.appendElement("div").addClass("banner").addClass(tone.name().toLowerCase(Locale.ROOT));
        b.appendElement("div").addClass("headline").text(headline);
        if (detail != null && !detail.isEmpty()) b.appendElement("div").addClass("detail").text(detail);
        return this;
    }

    /** Preformatted text (a command line, a log excerpt). */
    public HtmlReport code(String text) {
        current.appendElement("pre").appendElement("code").text(text);
        return this;
    }

    /** A table; a cell is formatted by {@link #cell} (numbers right-aligned). */
    public HtmlReport table(List<String> headers, List<? extends List<?>> rows) {
        return table(List.of(), headers, rows);
    }

    /** A heading over {@code columns} adjacent columns of a table (an empty heading for columns of their own). */
    public record Group(String heading, int columns) {}

    /**
     * A table whose columns are grouped under a first header row: {@code groups} cover the {@code headers} left to
     * right (none: a single header row), e.g. "iSLIP, 2 iterations" over "delay", "±95%" and "dep/arr".
     */
    public HtmlReport table(List<Group> groups, List<String> headers, List<? extends List<?>> rows) {
        if (!groups.isEmpty() && groups.stream().mapToInt(Group::columns).sum() != headers.size())
            throw new IllegalArgumentException("the groups span " + groups.stream().mapToInt(Group::columns).sum()
                    + " columns, the headers are " + headers.size());
        Element t = current.appendElement("table");
        Element head = t.appendElement("thead");
        if (!groups.isEmpty()) {
            Element gr = head.appendElement("tr");
            for (Group g : groups) {
                Element th = gr.appendElement("th").text(g.heading());
                if (g.columns() > 1) th.attr("colspan", Integer.toString(g.columns()));
            }
        }
        Element hr = head.appendElement("tr");
        for (String h : headers) hr.appendElement("th").text(h);
        Element body = t.appendElement("tbody");
        for (List<?> row : rows) {
            Element tr = body.appendElement("tr");
            for (Object v : row) {
                Element td = tr.appendElement("td");
                Object inner = v instanceof Styled st ? st.value() : v;
                if (v instanceof Styled st) td.addClass(st.cssClass());
                if (inner instanceof Link l) td.appendElement("a").attr("href", l.href()).text(l.text());
                else td.text(cell(inner));
                if (inner instanceof Number || inner instanceof Fixed) td.addClass("num");
            }
        }
        return this;
    }

    /** A bulleted list, an item a line of text. */
    public HtmlReport list(List<String> items) {
        Element ul = current.appendElement("ul");
        for (String item : items) ul.appendElement("li").text(item);
        return this;
    }

    /**
     * A two-column table of figures, one row per entry in the map's order: a nested map's entries as
     * {@code outer.inner}, a list as its length (the full list is in the JSON). New figures in the map need no change here.
     */
    public HtmlReport figures(Map<String, ?> figures) {
        List<List<?>> rows = new ArrayList<>();
        flatten("", figures, rows);
        return table(List.of("figure", "value"), rows);
    }

    private static void flatten(String prefix, Map<String, ?> m, List<List<?>> rows) {
        for (Map.Entry<String, ?> e : m.entrySet()) {
            String key = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> inner) {
                @SuppressWarnings("unchecked") Map<String, ?> im = (Map<String, ?>) inner;
                flatten(key + ".", im, rows);
            } else if (v instanceof List<?> l) rows.add(List.of(key, l.size() + " entries (in the JSON)"));
            else rows.add(java.util.Arrays.asList(key, v));
        }
    }

    /** A chart as an embedded PNG; its element id comes from its title. */
    public HtmlReport chart(Chart<?, ?> chart) {
        return chart(slug(chart.getTitle()), chart);
    }

    /** A chart as an embedded PNG with the id {@code id} (also its {@code data-chart}). */
    public HtmlReport chart(String id, Chart<?, ?> chart) {
        String unique = unique(id);
        current.appendElement("img").addClass("plot").id(unique).attr("data-chart", unique)
                .attr("alt", chart.getTitle()).attr("width", Integer.toString(chart.getWidth()))
                .attr("height", Integer.toString(chart.getHeight())).attr("src", Charts.dataUri(chart));
        return this;
    }

    /** The page as HTML text. */
    public String html() {
        return "<!DOCTYPE html>\n" + doc.outerHtml() + "\n";
    }

    /** Writes the page to {@code dir}/index.html (making {@code dir} if needed); returns that file. */
    public Path write(Path dir) throws IOException {
        return write(dir, "index.html");
    }

    /** Writes the page to {@code dir}/{@code fileName} (making {@code dir} if needed); returns that file. */
    public Path write(Path dir, String fileName) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName);
        Files.writeString(file, html(), StandardCharsets.UTF_8);
        return file;
    }

    /** A table cell that links {@code text} to {@code href} (a path relative to the page, or a URL). */
    public record Link(String text, String href) {}

    /** A table cell shown with a style: {@code cssClass} "pass" (green) or "fail" (red), around any other cell value. */
    public record Styled(Object value, String cssClass) {}

    /** A number for a table cell with {@code decimals} decimals (a table shows doubles with 3 unless told). */
    public record Fixed(double value, int decimals) {}

    /** {@code value} shown with {@code decimals} decimals in a table cell, right-aligned; a non-finite one as "-". */
    public static Fixed fixed(double value, int decimals) {
        return new Fixed(value, decimals);
    }

    /**
     * A cell's text: doubles with 3 decimals, a {@link Fixed} with its own (a non-finite one as "-"), null as "-", the
     * rest as toString.
     */
    public static String cell(Object v) {
        if (v == null) return "-";
        if (v instanceof Fixed f) return decimals(f.value(), f.decimals());
        if (v instanceof Double || v instanceof Float) return decimals(((Number) v).doubleValue(), 3);
        return v.toString();
    }

    private static String decimals(double d, int decimals) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%." + decimals + "f", d) : "-";
    }

    private String unique(String id) {
        String u = id.isEmpty() ? "s" : id;
        for (int k = 2; ids.contains(u); k++) u = id + "-" + k;
        ids.add(u);
        return u;
    }

    /** Lower case, letters and digits, words joined by '-'. */
    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
