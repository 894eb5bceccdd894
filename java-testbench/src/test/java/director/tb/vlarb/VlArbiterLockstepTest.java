package director.tb.vlarb;

import org.junit.jupiter.api.Tag;
import director.tb.model.vlarb.VlArbiterModel;
import director.tb.sim.Models;
import director.tb.sim.UnitSim;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The RTL VL arbiter alone against the Java model, decision by decision and state by state: random queue
 * contents, packet sizes and credits, random tables and limits rewritten while it runs.
 */
@Tag("rtl")
class VlArbiterLockstepTest {
    static final int DATA_VLS = 8, ENTRIES = 64;

    @ParameterizedTest(name = "scenario {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void rtlMatchesModelDecisionByDecision(int scenario) {
        long seed = Long.getLong("vlarb.seed", 7_000_000L + scenario);
        System.out.println("VlArbiterLockstepTest scenario " + scenario + " seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        VlArbiterModel model = new VlArbiterModel(DATA_VLS, ENTRIES);
        int cycles = 20_000;
        long[] in = new long[cycles * 6];
        boolean[][] has = new boolean[cycles][16], fits = new boolean[cycles][16];
        int[][] bytes = new int[cycles][16];
        // scenario 0: sparse tables, all limits; 1: dense tables, saturated queues; 2: credit-starved VLs;
        // 3: VL15 traffic and invalid entries
        double pHas = scenario == 1 ? 0.95 : 0.5, pFits = scenario == 2 ? 0.4 : 0.9;
        for (int c = 0; c < cycles; c++) {
            long ctl = 0;
            for (int v = 0; v < 16; v++) {
                boolean h = rng.nextDouble() < (v == 15 ? (scenario == 3 ? 0.1 : 0.0) : pHas);
                boolean f = rng.nextDouble() < pFits;
                int b = rng.nextInt(8) == 0 ? 34 + rng.nextInt(8158) : 34 + rng.nextInt(4097);
                has[c][v] = h; fits[c][v] = f; bytes[c][v] = b;
                if (h) ctl |= 1L << v;
                if (f) ctl |= 1L << (16 + v);
                in[c * 6 + 1 + v / 4] |= (long) b << (16 * (v % 4));
            }
            if (rng.nextDouble() < 0.7) ctl |= 1L << 32;
            in[c * 6] = ctl;
            long w = 0;
            if (c < 2 * ENTRIES) {
                // program both tables at the start: entry k of High (c even) or Low (c odd)
                int k = c / 2;
                w = entryWrite(c % 2 == 0, k, randomVl(rng, scenario), randomWeight(rng, scenario));
            } else if (rng.nextDouble() < 0.01) {
                w = entryWrite(rng.nextBoolean(), rng.nextInt(ENTRIES), randomVl(rng, scenario), randomWeight(rng, scenario));
            }
            if (c == 2 * ENTRIES || rng.nextDouble() < 0.002) {
                int[] limits = {0, 1, 2, 255, rng.nextInt(256)};
                w |= 1L << 20 | (long) limits[rng.nextInt(limits.length)] << 21;
            }
            in[c * 6 + 5] = w;
        }
        long[] out;
        try (UnitSim rtl = new UnitSim(Models.vlArbUnit(DATA_VLS, ENTRIES), "vlarb_unit_create", 6, 2)) {
            out = rtl.step(in);
        }
        int decisions = 0, high = 0, low = 0, vl15 = 0;
        for (int c = 0; c < cycles; c++) {
            long o0 = out[2 * c], o1 = out[2 * c + 1];
            String where = "cycle " + c + " (seed " + seed + ")";
            check(where, "hiIndex", model.hiIndex(), (o0 >> 8) & 0x3f);
            check(where, "loIndex", model.loIndex(), (o0 >> 14) & 0x3f);
            check(where, "hpOpen", model.hpOpen() ? 1 : 0, (o0 >> 20) & 1);
            check(where, "hpLeft", model.hpLeft(), (o0 >> 21) & 0xfffff);
            check(where, "hiUsed", model.hiUsed(), o1 & 0xffff);
            check(where, "loUsed", model.loUsed(), (o1 >> 16) & 0xffff);
            if (((in[c * 6] >> 32) & 1) != 0) {
                VlArbiterModel.Decision d = model.decide(has[c], bytes[c], fits[c]);
                boolean rtlValid = (o0 & 1) != 0;
                int rtlTable = (int) ((o0 >> 1) & 3), rtlVl = (int) ((o0 >> 4) & 0xf);
                if ((d != null) != rtlValid || (d != null && (d.vl() != rtlVl || d.table().ordinal() != rtlTable)))
                    fail(where + ": model " + d + ", RTL " + (rtlValid ? "vl " + rtlVl + " table " + rtlTable : "nothing"));
                if (d != null) {
                    decisions++;
                    switch (d.table()) { case HIGH -> high++; case LOW -> low++; case VL15 -> vl15++; }
                }
            }
            long w = in[c * 6 + 5];
            if ((w & 1) != 0) {
                boolean hi = ((w >> 1) & 1) != 0;
                int k = (int) ((w >> 2) & 0x3f), vl = (int) ((w >> 8) & 0xf), weight = (int) ((w >> 12) & 0xff);
                if (hi) model.setHigh(k, vl, weight); else model.setLow(k, vl, weight);
            }
            if (((w >> 20) & 1) != 0) model.setLimit((int) ((w >> 21) & 0xff));
        }
        System.out.printf("  %d decisions: %d high, %d low, %d VL15%n", decisions, high, low, vl15);
        assertTrue(decisions > 5_000 && high > 100 && low > 100, "the scenario exercised both tables");
    }

    private static long entryWrite(boolean high, int k, int vl, int weight) {
        return 1L | (high ? 2L : 0) | (long) k << 2 | (long) vl << 8 | (long) weight << 12;
    }

    private static int randomVl(SplittableRandom r, int scenario) {
        return scenario == 3 && r.nextInt(5) == 0 ? 8 + r.nextInt(8) : r.nextInt(DATA_VLS);
    }

    private static int randomWeight(SplittableRandom r, int scenario) {
        if (scenario == 0 && r.nextInt(3) > 0) return 0;  // sparse: two thirds skipped
        return r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 4 : 255);
    }

    private static void check(String where, String what, long model, long rtl) {
        if (model != rtl) fail(where + ": " + what + " model " + model + ", RTL " + rtl);
    }
}
