package director.tb.sim;

import org.junit.jupiter.api.Tag;
import director.tb.model.sched.IslipModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The RTL iSLIP scheduler alone against the Java iSLIP model, grant by grant: the same random request
 * matrices into both, every cycle's matching compared, for 1..4 iterations (the SCHED_ITERS input of one
 * build with up to 4) and two port counts.
 */
@Tag("rtl")
class IslipLockstepTest {
    @ParameterizedTest(name = "n={0} iterations={1}")
    @CsvSource({"8,1", "8,2", "8,3", "8,4", "39,1", "39,2", "39,3", "39,4"})
    void rtlMatchesModelGrantByGrant(int n, int iterations) {
        long seed = Long.getLong("islip.seed", 20261129L + 31L * n + iterations);
        System.out.println("IslipLockstepTest n=" + n + " iterations=" + iterations + " seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        IslipModel model = new IslipModel(n, iterations);
        try (IslipUnitSim rtl = new IslipUnitSim(Models.islipUnit(n, 4), n)) {
            int cycles = 4000;
            long[] req = new long[cycles * n];
            boolean[][][] reqM = new boolean[cycles][n][n];
            for (int c = 0; c < cycles; c++) {
                // vary the density: sparse, medium, full
                double density = switch ((c / 500) % 3) { case 0 -> 0.1; case 1 -> 0.5; default -> 0.95; };
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++)
                        if (rng.nextDouble() < density) { req[c * n + i] |= 1L << j; reqM[c][i][j] = true; }
            }
            int[] got = rtl.step(req, iterations, cycles);
            for (int c = 0; c < cycles; c++) {
                int[] want = model.step(reqM[c]);
                int[] have = Arrays.copyOfRange(got, c * n, c * n + n);
                if (!Arrays.equals(want, have))
                    fail("cycle " + c + " (seed " + seed + "): model " + Arrays.toString(want) + " RTL " + Arrays.toString(have)
                            + "; grant pointers after " + Arrays.toString(model.grantPointers()));
            }
            int matched = 0;
            for (int v : got) if (v >= 0) matched++;
            assertEquals(true, matched > cycles / 2, "the test exercised matches");
        }
    }
}
