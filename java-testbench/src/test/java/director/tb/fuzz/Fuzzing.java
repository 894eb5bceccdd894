package director.tb.fuzz;

import director.tb.tools.Repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the fuzz tests share: their budget, their seeds, and the check that fuzzing ran. The default test run fuzzes
 * the targets in two groups ({@link FuzzTargets#GROUPS}), one fuzz test each ({@code ReadersFuzzTest},
 * {@code CodecsFuzzTest}: Jazzer fuzzes one fuzz test method per JVM), in two JVMs side by side (the pom's
 * {@code fuzz} execution, {@code forkCount} 2), so that the fuzzing fills both cores.
 *
 * <p>{@code mvn verify} runs them in the surefire execution {@code fuzz} with {@code JAZZER_FUZZ=1}: first their
 * seeds (every target's sample files and built inputs), the inputs kept in {@code src/test/resources/director/tb/fuzz/
 * <Class>Inputs/fuzz/} (findings, replayed for good once fixed) and the corpus earlier runs grew
 * ({@code java-testbench/.cifuzz-corpus/}, not versioned), then new inputs for {@link #BUDGET}; each prints the
 * inputs each of its targets ran and fails when a target ran none beyond its seeds. Without {@code JAZZER_FUZZ} (an
 * IDE, or {@code -Dtest=ReadersFuzzTest} in the default execution) they run only the seeds and kept inputs. A finding
 * fails the test and leaves the input in that folder. Long sessions, one target at a time: {@code scripts/director fuzz}.
 */
final class Fuzzing {
    private Fuzzing() {}

    /**
     * How long each fuzz test fuzzes in the default test run (Jazzer's duration syntax): about 2.8 s a reader and 4 s
     * a codec, the two groups at once (40 s for all 15 targets in one JVM before), the JVM's start with Jazzer's agent
     * (a few seconds) on top.
     */
    static final String BUDGET = "25s";

    /** The seeds of target {@code name}: the repository's sample files and the inputs the target builds. */
    static Stream<byte[]> seeds(String name) {
        try {
            return FuzzTargets.named(name).seeds(Repo.root()).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kept inputs of fuzz test {@code testClass}: findings, fixed since, replayed by every run. */
    static Path kept(Class<?> testClass) {
        return Repo.root().resolve("java-testbench/src/test/resources/director/tb/fuzz").resolve(testClass.getSimpleName() + "Inputs/fuzz");
    }

    /**
     * Prints the inputs each target of {@code group} ran; with JAZZER_FUZZ, checks that every target ran more distinct
     * inputs than it was given (its seeds, the kept inputs and the corpus of {@code testClass}): new ones.
     */
    static void everyTargetWasFuzzed(Class<?> testClass, String group) throws IOException {
        AllTargets all = (AllTargets) FuzzTargets.named(group);
        System.out.println("fuzz " + group + ": " + FuzzTargets.runs(all));
        if (!fuzzing()) return;
        Path module = Repo.root().resolve("java-testbench");
        List<Path> given = List.of(module.resolve(".cifuzz-corpus").resolve(testClass.getName()).resolve("fuzz"), kept(testClass));
        for (FuzzTarget t : all.targets()) {
            long known = t.seeds(Repo.root()).size() + keptFor(given, all.indexOf(t.name()), all.targets().size());
            assertTrue(all.distinctOf(t.name()) > known, "target " + t.name() + " ran " + all.distinctOf(t.name())
                    + " distinct inputs, no more than the " + known + " it was given: it was not fuzzed");
        }
    }

    /** The inputs kept in {@code dirs} for the target with index {@code index} of {@code size} (their first byte). */
    private static long keptFor(List<Path> dirs, int index, int size) throws IOException {
        long n = 0;
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    byte[] b = Files.readAllBytes(f);
                    if (b.length > 0 && (b[0] & 0xFF) % size == index) n++;
                }
            }
        }
        return n;
    }

    /** Whether Jazzer fuzzes (JAZZER_FUZZ set) rather than replays. */
    private static boolean fuzzing() {
        String v = System.getenv("JAZZER_FUZZ");
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }
}
