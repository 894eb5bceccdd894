package director.tb.io.waves;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The signals an FST file holds, as GTKWave names them ({@code TOP.DirectorTop.core.sched.grant[7:0]}), read from the
 * header GTKWave's own {@code fst2vcd} prints (so a file it cannot read fails here, not in front of the user).
 */
public final class FstSignals {
    private FstSignals() {}

    /** A signal: its full name as GTKWave shows it, and its width in bits. */
    public record Signal(String name, int width) {}

    public record Header(List<Signal> signals) {}

    /** Reads the header (scopes and variables) of {@code fst}; throws with fst2vcd's message when it cannot. */
    public static Header read(Path fst) throws IOException {
        if (!Files.isRegularFile(fst)) throw new IOException(fst + ": no such waves file");
        Process p = new ProcessBuilder("fst2vcd", "-f", fst.toString()).redirectErrorStream(true).start();
        List<Signal> out = new ArrayList<>();
        Deque<String> scope = new ArrayDeque<>();
        StringBuilder seen = new StringBuilder();
        boolean done = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (seen.length() < 2000) seen.append(line).append('\n');
                String t = line.trim();
                if (t.startsWith("$scope")) {
                    String[] w = t.split("\\s+");
                    scope.addLast(w.length > 2 ? w[2] : "?");
                } else if (t.startsWith("$upscope")) {
                    scope.pollLast();
                } else if (t.startsWith("$var")) {
                    // $var wire 64 ! data [63:0] $end
                    String[] w = t.split("\\s+");
                    int width = Integer.parseInt(w[2]);
                    String name = w[4];
                    String range = w.length > 6 && w[5].startsWith("[") ? w[5] : "";
                    out.add(new Signal(String.join(".", scope) + "." + name + range, width));
                } else if (t.startsWith("$enddefinitions")) {
                    done = true;
                    break;
                }
            }
        } finally {
            p.destroy();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!done) throw new IOException(fst + ": fst2vcd could not read it: " + seen.toString().trim());
        return new Header(out);
    }
}
