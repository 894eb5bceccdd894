package director.tb.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the file readers' inputs are written: one folder per JVM under the system's temporary folder, deleted when
 * the JVM ends. Each target writes its input under its own name, so a message naming the file can be checked.
 */
final class InputFiles {
    private InputFiles() {}

    private static Path dir;

    /** Writes {@code data} as {@code name} (replacing the last input of that name) and returns the file. */
    static synchronized Path write(String name, byte[] data) throws IOException {
        Path f = dir().resolve(name);
        Files.write(f, data);
        return f;
    }

    private static Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("director-fuzz-");
            Path d = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
        }
        return dir;
    }

    private static void delete(Path d) {
        try (Stream<Path> s = Files.walk(d)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind
        }
    }
}
