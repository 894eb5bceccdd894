package director.tb.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Debian's chromium, headless: a page's DOM after its scripts ran. */
public final class Chromium {
    private Chromium() {}

    /**
     * The DOM of {@code page} (a local file) as chromium serializes it once the page has loaded and its scripts ran
     * ({@code --dump-dom}, with up to 5 s of virtual time for load handlers); {@code work} holds the browser's profile
     * and logs. Fails the test when chromium is missing, fails or takes more than two minutes.
     */
    public static String dumpDom(Path page, Path work) throws IOException, InterruptedException {
        RequiredTools.chromium();
        Files.createDirectories(work);
        Path out = work.resolve("dom.html"), err = work.resolve("chromium.log");
        List<String> cmd = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + work.resolve("profile").toAbsolutePath(), "--virtual-time-budget=5000", "--dump-dom",
                page.toAbsolutePath().toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish in 120 s: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0)
            fail("chromium exited " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + Files.readString(err, StandardCharsets.UTF_8));
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        if (dom.isBlank()) fail("chromium dumped no DOM: " + String.join(" ", cmd) + "\n" + Files.readString(err, StandardCharsets.UTF_8));
        return dom;
    }
}
