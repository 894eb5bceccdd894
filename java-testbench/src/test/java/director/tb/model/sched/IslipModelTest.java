package director.tb.model.sched;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

@Tag("fast")
class IslipModelTest {

    private static boolean[][] full(int n) {
        boolean[][] r = new boolean[n][n];
        for (boolean[] row : r) {
            Arrays.fill(row, true);
        }
        return r;
    }

    /** Request matrix from strings, one per input: "110" = requests outputs 0 and 1. */
    private static boolean[][] req(String... rows) {
        boolean[][] r = new boolean[rows.length][rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows.length; j++) {
                r[i][j] = rows[i].charAt(j) == '1';
            }
        }
        return r;
    }

    private static void assertCycle(IslipModel m, boolean[][] r, int[] match, int[] g, int[] a,
                                    String what) {
        assertArrayEquals(match, m.step(r), what + ": match");
        assertArrayEquals(g, m.grantPointers(), what + ": grant pointers");
        assertArrayEquals(a, m.acceptPointers(), what + ": accept pointers");
    }

    // ------------------------------------------------------------------ construction

    @Test
    void constructorValidatesParameters() {
        assertEquals("n = 0 out of range 1..64",
                assertThrows(IllegalArgumentException.class, () -> new IslipModel(0, 1))
                        .getMessage());
        assertEquals("n = 65 out of range 1..64",
                assertThrows(IllegalArgumentException.class, () -> new IslipModel(65, 1))
                        .getMessage());
        assertEquals("iterations = 0 out of range 1..4",
                assertThrows(IllegalArgumentException.class, () -> new IslipModel(4, 0))
                        .getMessage());
        assertEquals("iterations = 5 out of range 1..4",
                assertThrows(IllegalArgumentException.class, () -> new IslipModel(4, 5))
                        .getMessage());
        IslipModel m = new IslipModel(64, 4);
        assertEquals(64, m.n());
        assertEquals(4, m.iterations());
        assertEquals(0, m.grantPointer(63));
        assertEquals(0, m.acceptPointer(0));
    }

    @Test
    void stepValidatesRequestShape() {
        IslipModel m = new IslipModel(3, 1);
        assertThrows(IllegalArgumentException.class, () -> m.step(new boolean[2][3]));
        assertThrows(IllegalArgumentException.class, () -> m.step(new boolean[3][2]));
        assertThrows(IllegalArgumentException.class, () -> m.step(null));
        assertThrows(IllegalArgumentException.class, () -> m.grantPointer(3));
    }

    @Test
    void singlePortAlwaysMatchesWhenRequested() {
        IslipModel m = new IslipModel(1, 1);
        assertArrayEquals(new int[] {-1}, m.step(new boolean[1][1]));
        assertArrayEquals(new int[] {0}, m.step(full(1)));
        assertEquals(0, m.grantPointer(0));
        assertEquals(0, m.acceptPointer(0));
    }

    // ------------------------------------------------------------------ hand-worked cases

    /*
     * 3x3, every input requests every output, 1 iteration. Worked by hand:
     * cycle 1: g=[0,0,0] a=[0,0,0]. All outputs grant input 0; input 0 accepts output 0.
     *          match [0,-,-]; g[0]=1, a[0]=1.
     * cycle 2: out0 grants in1; out1, out2 grant in0. in0 accepts out1 (a[0]=1); in1 accepts
     *          out0. match [1,0,-]; g[1]=1 a[0]=2, g[0]=2 a[1]=1 -> g=[2,1,0] a=[2,1,0].
     * cycle 3: out0->in2, out1->in1, out2->in0; each input gets exactly one grant.
     *          match [2,1,0] (full permutation); g=[0,2,1] a=[0,2,1].
     * cycle 4: out0->in0, out1->in2, out2->in1. match [0,2,1]; g=[1,0,2] a=[1,0,2].
     * cycle 5: out0->in1, out1->in0, out2->in2. match [1,0,2]; g=[2,1,0] a=[2,1,0]
     *          (the cycle-3 state again: the pointers stay desynchronised).
     */
    @Test
    void full3x3OneIterationDesynchronises() {
        IslipModel m = new IslipModel(3, 1);
        boolean[][] r = full(3);
        assertCycle(m, r, new int[] {0, -1, -1}, new int[] {1, 0, 0}, new int[] {1, 0, 0}, "c1");
        assertCycle(m, r, new int[] {1, 0, -1}, new int[] {2, 1, 0}, new int[] {2, 1, 0}, "c2");
        assertCycle(m, r, new int[] {2, 1, 0}, new int[] {0, 2, 1}, new int[] {0, 2, 1}, "c3");
        assertCycle(m, r, new int[] {0, 2, 1}, new int[] {1, 0, 2}, new int[] {1, 0, 2}, "c4");
        assertCycle(m, r, new int[] {1, 0, 2}, new int[] {2, 1, 0}, new int[] {2, 1, 0}, "c5");
        for (int c = 6; c < 30; c++) {
            int[] match = m.step(r);
            assertTrue(Arrays.stream(match).allMatch(j -> j >= 0), "cycle " + c);
        }
    }

    /*
     * 4x4, full requests, 4 iterations. Only iteration-1 pairs move pointers.
     * cycle 1: it1 all outputs grant in0, in0 accepts out0. it2 out1..3 grant in1, in1
     *          accepts out1. it3 in2-out2. it4 in3-out3. match [0,1,2,3], but only the
     *          iteration-1 pair moved pointers: g=[1,0,0,0] a=[1,0,0,0].
     * cycle 2: it1 out0->in1, out1..3->in0; in0 accepts out1, in1 accepts out0.
     *          it2 out2,out3 -> in2; in2 accepts out2. it3 in3-out3. match [1,0,2,3];
     *          g=[2,1,0,0] a=[2,1,0,0].
     * cycle 3: it1 out0->in2, out1->in1, out2->in0, out3->in0; in0 accepts out2 (a=2),
     *          in1 out1, in2 out0. it2 in3-out3. match [2,1,0,3];
     *          g=[3,2,1,0] a=[3,2,1,0].
     * cycle 4: it1 out0->in3, out1->in2, out2->in1, out3->in0, all accepted.
     *          match [3,2,1,0]; g=[0,3,2,1] a=[0,3,2,1].
     * cycle 5: it1 out0->in0, out1->in3, out2->in2, out3->in1. match [0,3,2,1];
     *          g=[1,0,3,2] a=[1,0,3,2].
     */
    @Test
    void full4x4FourIterationsPointersMoveOnlyForFirstIteration() {
        IslipModel m = new IslipModel(4, 4);
        boolean[][] r = full(4);
        assertCycle(m, r, new int[] {0, 1, 2, 3},
                new int[] {1, 0, 0, 0}, new int[] {1, 0, 0, 0}, "c1");
        assertCycle(m, r, new int[] {1, 0, 2, 3},
                new int[] {2, 1, 0, 0}, new int[] {2, 1, 0, 0}, "c2");
        assertCycle(m, r, new int[] {2, 1, 0, 3},
                new int[] {3, 2, 1, 0}, new int[] {3, 2, 1, 0}, "c3");
        assertCycle(m, r, new int[] {3, 2, 1, 0},
                new int[] {0, 3, 2, 1}, new int[] {0, 3, 2, 1}, "c4");
        assertCycle(m, r, new int[] {0, 3, 2, 1},
                new int[] {1, 0, 3, 2}, new int[] {1, 0, 3, 2}, "c5");
    }

    /*
     * 2x2: input 0 requests outputs 0 and 1, input 1 requests output 1 only.
     * cycle 1, pointers 0: it1 out0 grants in0, out1 grants in0 (in0 is first from g=0);
     *   in0 accepts out0 (a=0). in1 got no grant. With 1 iteration: match [0,-].
     *   it2 (2 iterations only): in1 requests the still-free out1, out1 grants in1, in1
     *   accepts -> match [0,1]. Pointers: only the it1 pair moves them: g[0]=1, a[0]=1;
     *   g[1] and a[1] stay 0 although out1-in1 matched.
     */
    @Test
    void secondIterationAddsMatchWithoutMovingPointers() {
        boolean[][] r = req("11", "01");

        IslipModel one = new IslipModel(2, 1);
        assertCycle(one, r, new int[] {0, -1}, new int[] {1, 0}, new int[] {1, 0}, "1 iter");

        IslipModel two = new IslipModel(2, 2);
        assertCycle(two, r, new int[] {0, 1}, new int[] {1, 0}, new int[] {1, 0}, "2 iter c1");
        /*
         * cycle 2 (2 iterations), g=[1,0] a=[1,0]: it1 out0 grants in0 (only requester),
         *   out1 grants in0 (g[1] is still 0 because cycle 1's out1-in1 match came from
         *   iteration 2); in0 accepts out1 (a[0]=1). it2: in1 only wants out1, taken.
         *   match [1,-]; g[1]=1, a[0]=0 -> g=[1,1] a=[0,0].
         * cycle 3: out0 grants in0, out1 grants in1 (g[1]=1): match [0,1] in iteration 1;
         *   g=[1,0] a=[1,0].
         */
        assertCycle(two, r, new int[] {1, -1}, new int[] {1, 1}, new int[] {0, 0}, "2 iter c2");
        assertCycle(two, r, new int[] {0, 1}, new int[] {1, 0}, new int[] {1, 0}, "2 iter c3");
    }

    /*
     * Same idea with N=3, where a wrongly moved pointer would be visible ((1+1) mod 3 = 2 is
     * not the reset value): in0 requests out0 and out1, in1 requests out1, in2 nothing.
     * cycle 1 (pointers 0): it1 out0 and out1 both grant in0; in0 accepts out0. it2 out1
     *   grants in1, accepted. match [0,1,-]; pointers: only g[0]=1, a[0]=1
     *   (g[1] and a[1] stay 0; moving them would give 2).
     * cycle 2: g=[1,0,0] a=[1,0,0]. it1 out0 grants in0 (only requester), out1 grants in0
     *   (g[1]=0); in0 accepts out1 (a[0]=1). it2 in1 wants only out1: taken.
     *   match [1,-,-]; g[1]=1, a[0]=2 -> g=[1,1,0] a=[2,0,0].
     * cycle 3: out0 grants in0, out1 grants in1 (g[1]=1); in0 accepts out0 (from a=2 the
     *   order is 2,0,1), in1 accepts out1. match [0,1,-]; g=[1,2,0] a=[1,2,0].
     */
    @Test
    void secondIterationMatchLeavesPointersAtResetValue3x3() {
        IslipModel m = new IslipModel(3, 2);
        boolean[][] r = req("110", "010", "000");
        assertCycle(m, r, new int[] {0, 1, -1}, new int[] {1, 0, 0}, new int[] {1, 0, 0}, "c1");
        assertCycle(m, r, new int[] {1, -1, -1}, new int[] {1, 1, 0}, new int[] {2, 0, 0}, "c2");
        assertCycle(m, r, new int[] {0, 1, -1}, new int[] {1, 2, 0}, new int[] {1, 2, 0}, "c3");
    }

    /*
     * 3x3 with 2 iterations:
     *   in0 requests out0, out1; in1 requests out0; in2 requests out1, out2.
     * cycle 1 (pointers 0): it1 out0 grants in0 (first of {0,1}), out1 grants in0 (first of
     *   {0,2}), out2 grants in2. in0 accepts out0; in2 accepts out2. it2: free in1, out1;
     *   in1 does not request out1 -> nothing. match [0,-,2]. g[0]=1 a[0]=1, g[2]=0 a[2]=0.
     * cycle 2: g=[1,0,0] a=[1,0,0]. it1 out0 grants in1 (g=1), out1 grants in0, out2
     *   grants in2. in0 accepts out1, in1 out0, in2 out2. match [1,0,2].
     *   g[1]=1 a[0]=2, g[0]=2 a[1]=1, g[2]=0 a[2]=0 -> g=[2,1,0] a=[2,1,0].
     */
    @Test
    void sparse3x3TwoIterations() {
        IslipModel m = new IslipModel(3, 2);
        boolean[][] r = req("110", "100", "011");
        assertCycle(m, r, new int[] {0, -1, 2}, new int[] {1, 0, 0}, new int[] {1, 0, 0}, "c1");
        assertCycle(m, r, new int[] {1, 0, 2}, new int[] {2, 1, 0}, new int[] {2, 1, 0}, "c2");
    }

    @Test
    void noRequestsNoMatchesNoPointerMoves() {
        IslipModel m = new IslipModel(4, 3);
        m.step(full(4));
        int[] g = m.grantPointers();
        int[] a = m.acceptPointers();
        assertArrayEquals(new int[] {-1, -1, -1, -1}, m.step(new boolean[4][4]));
        assertArrayEquals(g, m.grantPointers());
        assertArrayEquals(a, m.acceptPointers());
        m.reset();
        assertArrayEquals(new int[4], m.grantPointers());
        assertArrayEquals(new int[4], m.acceptPointers());
    }

    @Test
    void stepDoesNotModifyRequests() {
        IslipModel m = new IslipModel(3, 2);
        boolean[][] r = req("110", "100", "011");
        boolean[][] copy = req("110", "100", "011");
        m.step(r);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(copy[i], r[i]);
        }
    }

    // ------------------------------------------------------------------ properties

    private static void checkMatching(boolean[][] r, int[] match, boolean mustBeMaximal,
                                      String ctx) {
        int n = r.length;
        assertEquals(n, match.length, ctx);
        boolean[] outUsed = new boolean[n];
        for (int i = 0; i < n; i++) {
            int j = match[i];
            if (j == -1) {
                continue;
            }
            assertTrue(j >= 0 && j < n, ctx + ": input " + i + " matched to " + j);
            assertTrue(r[i][j], ctx + ": input " + i + " matched to unrequested output " + j);
            assertTrue(!outUsed[j], ctx + ": output " + j + " used twice");
            outUsed[j] = true;
        }
        if (mustBeMaximal) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (r[i][j] && match[i] == -1 && !outUsed[j]) {
                        fail(ctx + ": not maximal, requested pair (" + i + "," + j
                                + ") has both ends free; match=" + Arrays.toString(match));
                    }
                }
            }
        }
    }

    @Test
    void randomRequestsGiveValidMatchingsMaximalWhenIterationsEqualN() {
        long seed = Long.getLong("islip.seed", 0x15_11_9_1999L);
        System.out.println("IslipModelTest property seed=" + seed
                + " (rerun with -Dislip.seed=" + seed + ")");
        Random rnd = new Random(seed);
        int checked = 0;
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + rnd.nextInt(trial % 2 == 0 ? 4 : 16);
            int iters = 1 + rnd.nextInt(4);
            if (trial % 4 == 0 && n <= 4) {
                iters = n; // make sure the iterations = N case is well covered
            }
            double density = rnd.nextDouble();
            IslipModel m = new IslipModel(n, iters);
            for (int cycle = 0; cycle < 40; cycle++) {
                boolean[][] r = new boolean[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        r[i][j] = rnd.nextDouble() < density;
                    }
                }
                String ctx = "seed=" + seed + " trial=" + trial + " n=" + n + " iters=" + iters
                        + " cycle=" + cycle;
                int[] match = m.step(r);
                checkMatching(r, match, iters >= n, ctx);
                boolean anyRequest = false;
                for (boolean[] row : r) {
                    for (boolean b : row) {
                        anyRequest |= b;
                    }
                }
                if (anyRequest) {
                    assertTrue(Arrays.stream(match).anyMatch(j -> j >= 0),
                            ctx + ": requests but no match");
                }
                for (int p = 0; p < n; p++) {
                    assertTrue(m.grantPointer(p) >= 0 && m.grantPointer(p) < n, ctx);
                    assertTrue(m.acceptPointer(p) >= 0 && m.acceptPointer(p) < n, ctx);
                }
                checked++;
            }
        }
        assertEquals(400 * 40, checked);
    }

    /** More iterations never hurt within a cycle from the same pointer state. */
    @Test
    void moreIterationsExtendTheFirstIterationMatch() {
        long seed = 42L;
        System.out.println("IslipModelTest monotonicity seed=" + seed);
        Random rnd = new Random(seed);
        for (int t = 0; t < 300; t++) {
            int n = 1 + rnd.nextInt(12);
            boolean[][] r = new boolean[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    r[i][j] = rnd.nextInt(3) == 0;
                }
            }
            int[] m1 = new IslipModel(n, 1).step(r);
            for (int it = 2; it <= 4; it++) {
                IslipModel mk = new IslipModel(n, it);
                int[] mm = mk.step(r);
                for (int i = 0; i < n; i++) {
                    if (m1[i] >= 0) {
                        assertEquals(m1[i], mm[i], "seed=" + seed + " t=" + t);
                    }
                }
                // pointers depend on the first iteration only
                IslipModel ref = new IslipModel(n, 1);
                ref.step(r);
                assertArrayEquals(ref.grantPointers(), mk.grantPointers());
                assertArrayEquals(ref.acceptPointers(), mk.acceptPointers());
            }
        }
    }
}
