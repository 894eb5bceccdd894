package director.tb.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Opens a GTKWave save file in the real GTKWave (headless, under xvfb-run) and asks it, by a Tcl script, what it
 * loaded: the dump file, the number of traces shown, the primary marker and the window's start time.
 */
public final class Gtkwave {
    private Gtkwave() {}

    public static Map<String, String> open(Path gtkw) throws IOException, InterruptedException {
        RequiredTools.onPath("gtkwave");
        RequiredTools.onPath("xvfb-run");
        Path script = Files.createTempFile("gtkwave-query", ".tcl");
        Files.writeString(script, String.join("\n",
                "puts \"DUMP=[gtkwave::getDumpFileName]\"",
                "puts \"TRACES=[gtkwave::getTotalNumTraces]\"",
                "puts \"MARKER=[gtkwave::getMarker]\"",
                "puts \"START=[gtkwave::getWindowStartTime]\"",
                "gtkwave::/File/Quit", ""));
        Process p = new ProcessBuilder("xvfb-run", "-a", "gtkwave", "-S", script.toString(), gtkw.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("gtkwave did not finish in 120 s: " + out);
        }
        Files.deleteIfExists(script);
        Map<String, String> m = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("DUMP|TRACES|MARKER|START")) m.put(line.substring(0, eq), line.substring(eq + 1).trim());
        }
        assertTrue(m.containsKey("TRACES"), "gtkwave did not run the query script:\n" + out);
        m.put("OUTPUT", out);
        return m;
    }
}
