package director.tb.tools;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An HTML report page (built by {@code HtmlReport}) opened in headless chromium and checked the same way for every
 * command that writes one: every plot decoded by the browser (the page's script marks it), every plot an embedded PNG
 * with a text alternative, and nothing fetched from anywhere.
 */
public final class RenderedReport {
    private RenderedReport() {}

    /** The DOM of {@code page} after chromium loaded it ({@code work}: chromium's profile and logs), checked as above. */
    public static Document open(Path page, Path work) throws IOException, InterruptedException {
        Document dom = Jsoup.parse(Chromium.dumpDom(page, work));
        // the inline script ran on load and found every plot decoded
        for (Element img : dom.select("img.plot")) {
            String id = img.attr("data-chart");
            assertEquals("yes", img.attr("data-rendered"), "plot " + id + " did not render");
            assertTrue(Integer.parseInt(img.attr("data-natural-width")) > 0, "plot " + id + " has no width");
            assertTrue(img.attr("src").startsWith("data:image/png;base64,"), id);
            assertFalse(img.attr("alt").isBlank(), id);
        }
        // self-contained: nothing fetched, no script or style from a file
        for (Element e : dom.select("[src], [href]")) {
            String ref = e.hasAttr("src") ? e.attr("src") : e.attr("href");
            assertTrue(ref.startsWith("data:") || ref.startsWith("#"), "external reference in <" + e.tagName() + ">: " + ref);
        }
        assertTrue(dom.select("link").isEmpty(), "no <link>");
        String raw = Files.readString(page);
        assertFalse(raw.contains("http://") || raw.contains("https://"), "a URL in the page");
        return dom;
    }

    /** The ids of the page's plots. */
    public static Set<String> charts(Document dom) {
        Set<String> ids = new TreeSet<>();
        for (Element img : dom.select("img.plot")) ids.add(img.attr("data-chart"));
        return ids;
    }

    /** Fails unless {@code id} is a section of the page with a link to it in the page's contents. */
    public static Element section(Document dom, String id) {
        Element s = dom.getElementById(id);
        assertNotNull(s, "section " + id);
        assertEquals("section", s.tagName(), id);
        assertNotNull(dom.selectFirst("nav a[href=#" + id + "]"), "contents link to " + id);
        return s;
    }
}
