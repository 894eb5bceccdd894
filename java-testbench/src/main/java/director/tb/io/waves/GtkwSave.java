package director.tb.io.waves;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A GTKWave save file ({@code .gtkw}) that opens an FST at a failure: the dump file, the time window, the primary
 * marker (and named marker A) at the failure's cycle, and groups of signals, each named, picked from the signals the
 * FST really holds by patterns (a group whose pattern finds nothing is left out, and says so in a comment line).
 *
 * <p>Format (GTKWave 3.3 save files): {@code [dumpfile]}, {@code [timestart]}, a {@code *zoom marker namedA..Z} line,
 * {@code @flags} lines before traces (0x22 hex, 0x28 binary, 0x24 decimal, right-justified), {@code -Name} comment
 * lines between {@code @800200} (group begin) and {@code @1000200} (group end).
 */
public final class GtkwSave {
    /** One named group: the signals whose full names match any of the patterns, in the FST's order. */
    public record Group(String name, List<Pattern> patterns) {
        public static Group of(String name, String... regex) {
            List<Pattern> ps = new ArrayList<>();
            for (String r : regex) ps.add(Pattern.compile(r));
            return new Group(name, ps);
        }
    }

    private GtkwSave() {}

    /**
     * Writes {@code gtkw} for {@code fst}: the view from {@code fromPs} with the markers at {@code markerPs} (dump time
     * units: the harness writes picoseconds). Returns the groups written and how many signals each holds.
     */
    public static Map<String, Integer> write(Path gtkw, Path fst, FstSignals.Header header, long fromPs, long markerPs,
                                             String markerLabel, List<Group> groups) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("[*]\n[*] GTKWave save file written by the director testbench (debug run)\n[*] ")
                .append(markerLabel.replace('\n', ' ')).append("\n[*]\n");
        sb.append("[dumpfile] \"").append(fst.toAbsolutePath()).append("\"\n");
        sb.append("[savefile] \"").append(gtkw.toAbsolutePath()).append("\"\n");
        sb.append("[timestart] ").append(fromPs).append('\n');
        sb.append("[size] 1600 1000\n[pos] -1 -1\n");
        // zoom (log2-ish scale; GTKWave recomputes on open), primary marker, then named markers A..Z
        StringBuilder stars = new StringBuilder(String.format(Locale.ROOT, "*-16.000000 %d %d", markerPs, markerPs));
        for (int i = 1; i < 26; i++) stars.append(" -1");
        sb.append(stars).append('\n');
        sb.append("[markername] AFailure\n");
        sb.append("[treeopen] TOP.\n[sst_width] 300\n[signals_width] 420\n[sst_expanded] 1\n[sst_vpaned_height] 300\n");
        Map<String, Integer> written = new LinkedHashMap<>();
        for (Group g : groups) {
            List<FstSignals.Signal> picked = new ArrayList<>();
            for (FstSignals.Signal s : header.signals())
                for (Pattern p : g.patterns())
                    if (p.matcher(s.name()).find()) { picked.add(s); break; }
            if (picked.isEmpty()) {
                sb.append("[*] group '").append(g.name()).append("': no signal of this model matches\n");
                continue;
            }
            sb.append("@800200\n-").append(g.name()).append('\n');
            for (FstSignals.Signal s : picked) {
                sb.append(s.width() == 1 ? "@28\n" : s.width() <= 16 ? "@24\n" : "@22\n");
                sb.append(s.name()).append('\n');
            }
            sb.append("@1000200\n-").append(g.name()).append('\n');
            written.put(g.name(), picked.size());
        }
        Files.writeString(gtkw, sb.toString(), StandardCharsets.UTF_8);
        return written;
    }
}
