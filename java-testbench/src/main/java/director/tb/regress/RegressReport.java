package director.tb.regress;

import director.tb.report.html.HtmlReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A regression's results, three ways: JUnit XML (one testsuite per plan test, one testcase per seed, the seed and the
 * reproduce command in each failure; what CI servers read), a CSV (one row per run, RFC 4180 by Commons CSV) and an
 * HTML summary (pass/fail by test and seed, the failure buckets, each failing run's reproduce commands and links to
 * the waves its debug re-run left).
 */
public final class RegressReport {
    private RegressReport() {}

    /** The CSV's columns, in order. */
    public static final List<String> CSV_COLUMNS = List.of("plan", "test", "index", "seed", "status", "seconds", "exit_code",
            "first_failure", "signature", "reproduce", "reproduce_with_waves", "waves", "gtkw", "log", "covers");

    public record Summary(String plan, long runSeed, String regressCommand, List<Outcome> outcomes, double wallSeconds, int jobs,
                          String runner, String coverage) {
        public long passed() { return outcomes.stream().filter(Outcome::passed).count(); }
        public long failed() { return outcomes.size() - passed(); }
    }

    /** Writes junit.xml, results.csv and index.html into {@code out}; returns the three files. */
    public static List<Path> write(Summary s, Path out) throws IOException {
        Files.createDirectories(out);
        Path xml = out.resolve("junit.xml"), csv = out.resolve("results.csv");
        writeJUnit(s, xml);
        writeCsv(s, csv, out);
        Path html = html(s, out).write(out, "index.html");
        return List.of(xml, csv, html);
    }

    static void writeJUnit(Summary s, Path file) throws IOException {
        Map<String, List<Outcome>> byTest = byTest(s.outcomes());
        try (OutputStream os = Files.newOutputStream(file)) {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(os, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "regress " + s.plan());
            w.writeAttribute("tests", Integer.toString(s.outcomes().size()));
            w.writeAttribute("failures", Long.toString(count(s.outcomes(), Outcome.Status.FAIL)));
            w.writeAttribute("errors", Long.toString(count(s.outcomes(), Outcome.Status.ERROR) + count(s.outcomes(), Outcome.Status.TIMEOUT)));
            w.writeAttribute("time", secs(s.wallSeconds()));
            for (Map.Entry<String, List<Outcome>> e : byTest.entrySet()) {
                List<Outcome> os2 = e.getValue();
                w.writeCharacters("\n  ");
                w.writeStartElement("testsuite");
                w.writeAttribute("name", "regress." + s.plan() + "." + e.getKey());
                w.writeAttribute("tests", Integer.toString(os2.size()));
                w.writeAttribute("failures", Long.toString(count(os2, Outcome.Status.FAIL)));
                w.writeAttribute("errors", Long.toString(count(os2, Outcome.Status.ERROR) + count(os2, Outcome.Status.TIMEOUT)));
                w.writeAttribute("skipped", "0");
                w.writeAttribute("time", secs(os2.stream().mapToDouble(Outcome::seconds).sum()));
                for (Outcome o : os2) {
                    w.writeCharacters("\n    ");
                    w.writeStartElement("testcase");
                    w.writeAttribute("classname", "regress." + s.plan() + "." + e.getKey());
                    w.writeAttribute("name", "seed " + o.run().seed());
                    w.writeAttribute("time", secs(o.seconds()));
                    if (!o.passed()) {
                        String tag = o.status() == Outcome.Status.FAIL ? "failure" : "error";
                        w.writeStartElement(tag);
                        w.writeAttribute("type", o.status().name());
                        w.writeAttribute("message", failureLine(o));
                        w.writeCharacters(failureText(o));
                        w.writeEndElement();
                    }
                    w.writeStartElement("system-out");
                    w.writeCharacters("seed " + o.run().seed() + "; log " + o.run().log() + "; reproduce: " + o.reproduce());
                    w.writeEndElement();
                    w.writeEndElement();
                }
                w.writeCharacters("\n  ");
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** One line: what failed, the seed and the command that repeats it. */
    static String failureLine(Outcome o) {
        String what = o.firstFailure() != null ? o.firstFailure() : o.detail() != null ? o.detail() : o.status().name();
        return o.status() + " (seed " + o.run().seed() + "): " + what + "; reproduce: " + o.reproduce();
    }

    static String failureText(Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append("test ").append(o.run().test().name()).append(", seed ").append(o.run().seed()).append(", ").append(o.status());
        if (o.firstFailure() != null) sb.append("\nfirst failure: ").append(o.firstFailure());
        if (o.detail() != null) sb.append("\n").append(o.detail());
        sb.append("\nsignature: ").append(o.signature());
        sb.append("\nreproduce: ").append(o.reproduce());
        if (o.reproduceWithWaves() != null) sb.append("\nreproduce with waves: ").append(o.reproduceWithWaves());
        if (o.waves() != null) sb.append("\nwaves: ").append(o.waves()).append(o.gtkw() != null ? " (gtkwave " + o.gtkw() + ")" : "");
        sb.append("\nlog: ").append(o.run().log());
        return sb.toString();
    }

    static void writeCsv(Summary s, Path file, Path out) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get())) {
            for (Outcome o : s.outcomes()) {
                RunSpec r = o.run();
                csv.printRecord(s.plan(), r.test().name(), r.index(), r.seed(), o.status(), secs(o.seconds()), o.exitCode(),
                        o.firstFailure(), o.signature(), o.reproduce(), o.reproduceWithWaves(), o.waves(), o.gtkw(),
                        r.log(), String.join(" ", r.test().covers()));
            }
        }
    }

    static HtmlReport html(Summary s, Path out) {
        HtmlReport page = new HtmlReport("Regression " + s.plan());
        long pass = s.passed(), fail = s.failed();
        page.banner(fail == 0 ? HtmlReport.Tone.GOOD : HtmlReport.Tone.BAD,
                (fail == 0 ? "PASS" : "FAIL") + ": " + pass + " of " + s.outcomes().size() + " runs passed",
                String.format(Locale.ROOT, "plan %s, run seed %d, %d jobs (%s), %.1f s wall", s.plan(), s.runSeed(), s.jobs(), s.runner(),
                        s.wallSeconds()));
        page.paragraph("The whole regression again, the same seeds:").code(s.regressCommand());
        if (s.coverage() != null) {
            page.paragraph("Functional coverage: " + s.coverage() + ".");
            page.table(List.of("report", "file"), List.of(List.of("coverage, holes first", new HtmlReport.Link("coverage/index.html", "coverage/index.html")),
                    List.of("every point (CSV)", new HtmlReport.Link("coverage/coverage.csv", "coverage/coverage.csv"))));
        }

        page.section("by-test", "By test");
        List<List<?>> rows = new ArrayList<>();
        for (Map.Entry<String, List<Outcome>> e : byTest(s.outcomes()).entrySet()) {
            List<Outcome> os = e.getValue();
            long p = os.stream().filter(Outcome::passed).count();
            rows.add(List.of(e.getKey(), os.get(0).run().test().command(), os.size(), p,
                    new HtmlReport.Styled(os.size() - p, p == os.size() ? "pass" : "fail"),
                    String.join(", ", os.get(0).run().test().covers())));
        }
        page.table(List.of("test", "command", "seeds", "passed", "failed", "covers"), rows);

        List<Buckets.Bucket> buckets = Buckets.of(s.outcomes());
        page.section("buckets", "Failure buckets");
        if (buckets.isEmpty()) page.paragraph("No failures.");
        for (Buckets.Bucket b : buckets) {
            Outcome f = b.first();
            page.paragraph(b.runs().size() + " run(s): " + b.signature());
            List<String> items = new ArrayList<>();
            for (Outcome o : b.runs()) items.add(o.run().test().name() + " seed " + o.run().seed() + " (" + o.status() + ")");
            page.list(items);
            page.paragraph("Reproduce the first:").code(f.reproduce() + (f.reproduceWithWaves() != null ? "\n" + f.reproduceWithWaves() : ""));
        }

        page.section("runs", "Runs");
        List<List<?>> runs = new ArrayList<>();
        for (Outcome o : s.outcomes()) {
            RunSpec r = o.run();
            Object waves = o.waves() == null ? "-" : new HtmlReport.Link(o.waves().getFileName().toString(), rel(out, o.waves()));
            runs.add(List.of(r.test().name(), r.seed(), new HtmlReport.Styled(o.status().name(), o.passed() ? "pass" : "fail"),
                    HtmlReport.fixed(o.seconds(), 1), o.firstFailure() != null ? o.firstFailure() : o.detail() != null ? o.detail() : "",
                    new HtmlReport.Link("log", rel(out, r.log())), waves, o.passed() ? "" : o.reproduce()));
        }
        page.table(List.of("test", "seed", "status", "s", "first failure", "log", "waves", "reproduce"), runs);
        return page;
    }

    /** {@code file} relative to the report's folder when it is inside it, else absolute (a link that opens from disk). */
    static String rel(Path out, Path file) {
        Path a = out.toAbsolutePath().normalize(), f = file.toAbsolutePath().normalize();
        return f.startsWith(a) ? a.relativize(f).toString() : f.toUri().toString();
    }

    static Map<String, List<Outcome>> byTest(List<Outcome> outcomes) {
        Map<String, List<Outcome>> m = new LinkedHashMap<>();
        for (Outcome o : outcomes) m.computeIfAbsent(o.run().test().name(), k -> new ArrayList<>()).add(o);
        return m;
    }

    private static long count(List<Outcome> os, Outcome.Status st) {
        return os.stream().filter(o -> o.status() == st).count();
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
