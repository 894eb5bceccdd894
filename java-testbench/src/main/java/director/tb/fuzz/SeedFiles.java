package director.tb.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The repository's sample files as seeds: traces/csv/*.csv, traces/captures/*.pcap, regress/*.yaml and the like. */
final class SeedFiles {
    private SeedFiles() {}

    /** The contents of the files in {@code root/dir} whose names end with one of {@code endings}, by name. */
    static List<byte[]> in(Path root, String dir, String... endings) throws IOException {
        Path d = root.resolve(dir);
        List<byte[]> out = new ArrayList<>();
        if (!Files.isDirectory(d)) return out;
        try (Stream<Path> s = Files.list(d)) {
            for (Path f : s.sorted().toList()) {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                for (String e : endings)
                    if (n.endsWith(e) && Files.isRegularFile(f)) {
                        out.add(Files.readAllBytes(f));
                        break;
                    }
            }
        }
        return out;
    }
}
