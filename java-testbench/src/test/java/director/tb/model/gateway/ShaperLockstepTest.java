package director.tb.model.gateway;

import org.junit.jupiter.api.Tag;
import director.tb.sim.Models;
import director.tb.sim.UnitSim;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The RTL shaper (qos/TokenShaper with its settings bank) alone against the Java model, cycle by cycle: each
 * flow's eligibility and both buckets, with random settings rewritten while frames are taken, two takers.
 */
@Tag("rtl")
class ShaperLockstepTest {
    static final int FLOWS = 4, CORE_MHZ = 250;

    @ParameterizedTest(name = "scenario {0}")
    @ValueSource(ints = {0, 1, 2})
    void rtlMatchesModelCycleByCycle(int scenario) {
        long seed = Long.getLong("shaper.seed", 9_000_000L + scenario);
        System.out.println("ShaperLockstepTest scenario " + scenario + " seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        ShaperBank model = new ShaperBank(FLOWS, CORE_MHZ);
        int cycles = 100_000;
        long[] in = new long[cycles * 3];
        int[][] flow = new int[cycles][2], bytes = new int[cycles][2];
        int[] wFlow = new int[cycles], wWord = new int[cycles];
        long[] wData = new long[cycles];
        // scenario 0: takes only when the model says eligible (as the switch does); 1: takes at random, debts deep;
        // 2: extreme settings (bursts near 2^24, rates near 2^24 kb/s and above, 0 rates)
        for (int c = 0; c < cycles; c++) {
            wFlow[c] = -1;
            if (c < 4 * FLOWS || rng.nextDouble() < 0.0005) {
                int f = c < 4 * FLOWS ? c / 4 : rng.nextInt(FLOWS), w = c < 4 * FLOWS ? c % 4 : rng.nextInt(4);
                wFlow[c] = f; wWord[c] = w; wData[c] = setting(rng, scenario, w);
                in[3 * c] = 1 | (long) w << 1 | (long) f << 3;
                in[3 * c + 1] = wData[c];
            }
        }
        // the takes depend on the model's eligibility in scenario 0, so the model runs while the inputs are made
        long[] elig = new long[cycles];
        for (int c = 0; c < cycles; c++) {
            long take = 0;
            for (int k = 0; k < 2; k++) {
                flow[c][k] = -1;
                int f = rng.nextInt(FLOWS);
                boolean go = scenario == 0 ? model.eligible(f) && rng.nextDouble() < 0.3 : rng.nextDouble() < 0.05;
                if (!go) continue;
                flow[c][k] = f;
                bytes[c][k] = rng.nextInt(10) == 0 ? rng.nextInt(1 << 14) : 30 + rng.nextInt(2113);
                take |= (1L | (long) f << 1 | (long) bytes[c][k] << 6) << (20 * k);
            }
            in[3 * c + 2] = take;
            long e = 0;
            for (int f = 0; f < FLOWS; f++) if (model.eligible(f)) e |= 1L << f;
            elig[c] = e;
            model.clock(wFlow[c], wWord[c], wData[c], flow[c], bytes[c]);
        }
        // replay against the RTL with a fresh model, comparing everything every cycle
        ShaperBank replay = new ShaperBank(FLOWS, CORE_MHZ);
        long[] out;
        try (UnitSim rtl = new UnitSim(Models.shaperUnit(FLOWS, CORE_MHZ), "shaper_unit_create", 3, 1 + 2 * FLOWS)) {
            out = rtl.step(in);
        }
        int stride = 1 + 2 * FLOWS, held = 0, debts = 0;
        for (int c = 0; c < cycles; c++) {
            String where = "cycle " + c + " (seed " + seed + ")";
            long e = 0;
            for (int f = 0; f < FLOWS; f++) {
                if (replay.eligible(f)) e |= 1L << f; else held++;
                if (replay.committed(f) < 0) debts++;
                check(where, "committed bucket of flow " + f, replay.committed(f), out[c * stride + 1 + f]);
                check(where, "peak bucket of flow " + f, replay.peak(f), out[c * stride + 1 + FLOWS + f]);
            }
            check(where, "eligible flows", e, out[c * stride]);
            check(where, "eligible flows (first model run)", elig[c], e);
            replay.clock(wFlow[c], wWord[c], wData[c], flow[c], bytes[c]);
        }
        System.out.printf("  %d flow-cycles held, %d in committed debt%n", held, debts);
        assertTrue(held > cycles / 10 && debts > cycles / 10, "the scenario held flows back: " + held + ", " + debts);
    }

    private static long setting(SplittableRandom r, int scenario, int word) {
        if (scenario == 2 && r.nextInt(3) == 0) {
            long[] extreme = {0, 1, (1L << 24) - 1, 1L << 24, (1L << 32) - 1, 0xFFFF_FFFF_FFFF_FFFFL};
            return extreme[r.nextInt(extreme.length)];
        }
        if (word < 2) return r.nextInt(8) == 0 ? 0 : 1000 + r.nextInt(5_000_000);   // kb/s
        return r.nextInt(8) == 0 ? 0 : r.nextInt(64 * 1024);                          // bytes
    }

    private static void check(String where, String what, long expected, long actual) {
        if (expected != actual) fail(where + ": " + what + ": model " + expected + ", RTL " + actual);
    }
}
