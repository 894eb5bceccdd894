package director.tb.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * The readers ({@link FuzzTargets#READERS}) fuzzed by Jazzer through its JUnit integration, all in one fuzz test (the
 * group 'readers' of {@link FuzzTargets#GROUPS}); run beside the other group's in the pom's {@code fuzz} execution
 * ({@link Fuzzing}: the budget, the kept inputs, the check that every target was fuzzed).
 */
@Tag("fast")
class ReadersFuzzTest {
    private static final FuzzTarget GROUP = FuzzTargets.named("readers");

    static Stream<byte[]> seeds() {
        return Fuzzing.seeds("readers");
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.BUDGET)
    void fuzz(byte[] input) throws Throwable {
        GROUP.fuzz(input);
    }

    @AfterAll
    static void everyTargetWasFuzzed() throws Exception {
        Fuzzing.everyTargetWasFuzzed(ReadersFuzzTest.class, "readers");
    }
}
