package director.tb.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import director.tb.tools.Repo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reader of outside input and every frame decoder ({@link FuzzTargets#ALL}) fuzzed by Jazzer through its JUnit
 * integration, all in one fuzz test ({@link AllTargets}: Jazzer fuzzes one {@code @FuzzTest} per JVM).
 *
 * <p>{@code mvn verify} runs it in the surefire execution {@code fuzz} with {@code JAZZER_FUZZ=1}: first its seeds
 * (every target's sample files and built inputs), the inputs kept in {@code src/test/resources/director/tb/fuzz/
 * AllTargetsFuzzTestInputs/fuzz/} (findings, replayed for good once fixed) and the corpus earlier runs grew
 * ({@code java-testbench/.cifuzz-corpus/}, not versioned), then new inputs for {@link Fuzzing#BUDGET}; it prints the
 * inputs each target ran and fails when a target ran none beyond its seeds. Without {@code JAZZER_FUZZ} (an IDE, or
 * {@code -Dtest=AllTargetsFuzzTest} in the default execution) it runs only the seeds and kept inputs. A finding fails
 * it and leaves the input in that folder. Long sessions, one target at a time: {@code scripts/director fuzz}.
 */
@Tag("fast")
class AllTargetsFuzzTest {
    static Stream<byte[]> seeds() {
        return Fuzzing.seeds("all");
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.BUDGET)
    void fuzz(byte[] input) throws Throwable {
        FuzzTargets.EVERY.fuzz(input);
    }

    /** With JAZZER_FUZZ: every target ran more distinct inputs than it was given (seeds, kept inputs): new ones. */
    @AfterAll
    static void everyTargetWasFuzzed() throws Exception {
        System.out.println("fuzz: " + FuzzTargets.runs());
        if (!fuzzing()) return;
        AllTargets all = (AllTargets) FuzzTargets.EVERY;
        Path module = Repo.root().resolve("java-testbench");
        List<Path> given = List.of(module.resolve(".cifuzz-corpus").resolve(AllTargetsFuzzTest.class.getName()).resolve("fuzz"),
                module.resolve("src/test/resources/director/tb/fuzz/AllTargetsFuzzTestInputs/fuzz"));
        for (FuzzTarget t : FuzzTargets.ALL) {
            long known = t.seeds(Repo.root()).size() + kept(given, all.indexOf(t.name()));
            assertTrue(all.distinctOf(t.name()) > known, "target " + t.name() + " ran " + all.distinctOf(t.name())
                    + " distinct inputs, no more than the " + known + " it was given: it was not fuzzed");
        }
    }

    /** The inputs kept in {@code dirs} for the target with index {@code index} (their first byte). */
    private static long kept(List<Path> dirs, int index) throws IOException {
        long n = 0;
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    byte[] b = Files.readAllBytes(f);
                    if (b.length > 0 && (b[0] & 0xFF) % FuzzTargets.ALL.size() == index) n++;
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
