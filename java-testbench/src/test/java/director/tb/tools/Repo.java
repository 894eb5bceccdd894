package director.tb.tools;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The repository the tests run in (where regress/, traces/ and the modules are). */
public final class Repo {
    private Repo() {}

    /** The repository root: up from the current folder, the first with pom.xml beside rtl-model/. */
    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("rtl-model")))) p = p.getParent();
        assertNotNull(p, "the repository root (pom.xml beside rtl-model/) above " + Path.of("").toAbsolutePath());
        return p;
    }
}
