package director.tb.fuzz;

import director.tb.tools.Repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;

/** What the fuzz tests share: their budget and their seeds. */
final class Fuzzing {
    private Fuzzing() {}

    /**
     * How long {@link AllTargetsFuzzTest} fuzzes in the default test run (Jazzer's duration syntax): about 2.5 s a
     * target, the JVM's start with Jazzer's agent (a few seconds) on top.
     */
    static final String BUDGET = "40s";

    /** The seeds of target {@code name}: the repository's sample files and the inputs the target builds. */
    static Stream<byte[]> seeds(String name) {
        try {
            return FuzzTargets.named(name).seeds(Repo.root()).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
