package director.tb.sched;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The scheduler study: the RTL iSLIP unit in lockstep with the Java model over a short study (several loads, 1..4
 * iterations), a disagreement reported with slot, ports and both matchings and repeated by the point alone, and the
 * measured figures against fixed analytic and published values (McKeown 1999; the output-queued switch of Karol,
 * Hluchyj and Morgan 1987).
 */
@Tag("rtl")
class SchedStudyTest {
    private static Path lib16;

    @BeforeAll
    static void build() { lib16 = RtlMatcher.library(16); }

    private static SchedStudy rtlStudy() {
        return new SchedStudy((n, k) -> new RtlMatcher(lib16, n, k), ModelMatcher::new);
    }

    @Test
    void rtlAndModelAgreeEverySlotOverAShortStudy() {
        SchedStudy.Config c = new SchedStudy.Config(16, List.of(1, 2, 3, 4), List.of(0.2, 0.6, 0.8, 0.95), 4_000, 3_000, 11);
        List<StudyPoint> points = rtlStudy().run(c, p -> {});
        assertEquals(16, points.size());
        for (StudyPoint p : points) {
            String what = "load " + p.load() + ", " + p.iterations() + " iterations";
            assertEquals(p.slotsRun(), p.lockstepSlots(), what + ": every slot compared");
            assertTrue(p.slotsRun() >= 7_000, what);
            assertEquals(p.rtlMeanDelay(), p.modelMeanDelay(), 0.0, what + ": the model's switch sees the same matchings");
            assertEquals(p.arrivals(), p.measuredCells(), what + ": every measured cell drained");
            assertTrue(p.rtlMeanDelay() >= 1 && p.rtlMeanDelay() >= p.oqSimMeanDelay() - 1e-9,
                    what + ": no input-queued switch beats output queueing on the same arrivals: " + p);
        }
        // every iteration count at a load sees the same arrivals
        for (double load : c.loads()) {
            long arrivals = StudyTables.find(points, load, 1).arrivals();
            for (int k = 2; k <= 4; k++) assertEquals(arrivals, StudyTables.find(points, load, k).arrivals());
        }
    }

    /** The Java model with one matching changed at slot {@code at}: input 0's match moved to the next requested output. */
    private static final class Faulty implements Matcher {
        private final ModelMatcher model;
        private final int at;
        private int slot;

        Faulty(int n, int k, int at) {
            this.model = new ModelMatcher(n, k);
            this.at = at;
        }

        @Override public int[] match(long[] rows) {
            int[] m = model.match(rows).clone();
            if (slot++ == at) m[0] = m[0] < 0 ? 0 : -1;
            return m;
        }

        @Override public void reset() {
            model.reset();
            slot = 0;
        }
    }

    @Test
    void aDisagreementNamesSlotPortsAndBothMatchingsAndThePointAloneRepeatsIt() {
        SchedStudy faulty = new SchedStudy((n, k) -> new RtlMatcher(lib16, n, k), (n, k) -> k == 2 ? new Faulty(n, k, 1234) : new ModelMatcher(n, k));
        SchedStudy.Config c = new SchedStudy.Config(16, List.of(1, 2), List.of(0.4, 0.7), 2_000, 1_000, 5);
        LockstepMismatch e = assertThrows(LockstepMismatch.class, () -> faulty.run(c, p -> {}));
        assertEquals(1234, e.slot());
        assertEquals(2, e.iterations());
        assertEquals(0.4, e.load());
        String m = e.getMessage();
        assertTrue(m.startsWith("lockstep failure at slot 1234 (load 0.4, 2 iterations, 16 ports): RTL and model match differently at input 0 (RTL "), m);
        assertTrue(m.contains("; RTL matches [") && m.contains("; model matches [") && m.contains("; requests "), m);
        // the point alone (same seed, slots and warm-up) fails at the same slot with the same message
        SchedStudy.Config alone = new SchedStudy.Config(16, List.of(2), List.of(0.4), 2_000, 1_000, 5);
        LockstepMismatch again = assertThrows(LockstepMismatch.class, () -> faulty.run(alone, p -> {}));
        assertEquals(m, again.getMessage());
    }

    @Test
    void anInvalidMatchingIsAFailureEvenWhenBothSidesAgree() {
        Matcher bogus = new Matcher() {
            @Override public int[] match(long[] rows) {
                int[] m = new int[rows.length];
                java.util.Arrays.fill(m, -1);
                for (int j = 0; j < rows.length; j++)
                    if ((rows[3] >>> j & 1) == 0) {  // an output input 3 has no cell for, yet it is matched to it
                        m[3] = j;
                        break;
                    }
                return m;
            }
            @Override public void reset() {}
        };
        LockstepMismatch e = assertThrows(LockstepMismatch.class,
                () -> SchedStudy.runPoint(8, 1, 0.1, 1_000, 0, 3, bogus, bogus));
        assertTrue(e.getMessage().matches("lockstep failure at slot 0 \\(load 0\\.1, 1 iteration, 8 ports\\): input 3 matched to output \\d, which it did not request; .*"), e.getMessage());
    }

    @Test
    void theOutputQueuedSwitchSimulatedOnTheArrivalsMatchesItsFormula() {
        // model on both sides: the reference is the arrivals and the delay bookkeeping, not the scheduler
        for (double load : new double[] {0.5, 0.8, 0.9}) {
            StudyPoint p = SchedStudy.runPoint(16, 1, load, 100_000, 10_000, SchedStudy.pointSeed(7, load),
                    new ModelMatcher(16, 1), new ModelMatcher(16, 1));
            double formula = OutputQueued.meanDelay(16, load);
            assertEquals(formula, p.oqFormulaDelay(), 0.0);
            // 0.5: 1.469, 0.8: 2.875, 0.9: 5.219 slots; the simulation within 3% (its 95% interval is about 1-2%)
            assertEquals(formula, p.oqSimMeanDelay(), 0.03 * formula, "load " + load + ": " + p);
        }
        assertEquals(1 + 15.0 / 16 * 0.5 / (2 * 0.5), OutputQueued.meanDelay(16, 0.5), 1e-12);
    }

    @Test
    void fourIterationsAtHalfLoadStayCloseToOutputQueueing() {
        // McKeown 1999: with 4 iterations iSLIP is close to a maximal matching; at load 0.5 its mean delay stays within
        // 0.35 slots above the output-queued switch's 1 + 15/16 * 0.5 / (2 * 0.5) = 1.469 slots
        StudyPoint p = rtlStudy().run(new SchedStudy.Config(16, List.of(4), List.of(0.5), 100_000, 10_000, 3), q -> {}).get(0);
        double oq = OutputQueued.meanDelay(16, 0.5);
        assertTrue(p.rtlMeanDelay() >= oq && p.rtlMeanDelay() <= oq + 0.35, "mean delay " + p.rtlMeanDelay() + " against " + oq);
        assertEquals(1.0, p.throughput(), 0.002);
    }

    @Test
    void oneIterationSustainsLoad099() {
        // McKeown 1999: iSLIP with one iteration achieves 100% throughput under uniform i.i.d. Bernoulli arrivals.
        // At load 0.99 after the automatic warm-up (960,000 slots) every cell offered leaves: departures / arrivals 1
        // within 0.5%, departures per port and slot within 0.005 of the offered load, and the queues drain.
        SchedStudy.Config c = new SchedStudy.Config(16, List.of(1), List.of(0.99), 200_000, SchedStudy.AUTO_WARMUP, 1);
        assertEquals(960_000, c.warmupAt(0.99));
        StudyPoint p = rtlStudy().run(c, q -> {}).get(0);
        assertEquals(1.0, p.throughput(), 0.005, p.toString());
        assertEquals(p.offered(), p.departuresPerSlotPerPort(), 0.005, p.toString());
        assertEquals(0.99, p.offered(), 0.002, p.toString());
        assertEquals(p.arrivals(), p.measuredCells());
    }

    @Test
    void moreIterationsLowerTheDelayAtHighLoad() {
        // McKeown 1999, the iterations figure: latency falls with every added iteration at high load
        List<StudyPoint> ps = rtlStudy().run(new SchedStudy.Config(16, List.of(1, 2, 3, 4), List.of(0.9), 50_000, 20_000, 9), q -> {});
        for (int i = 1; i < ps.size(); i++)
            assertTrue(ps.get(i).rtlMeanDelay() < ps.get(i - 1).rtlMeanDelay(), ps.get(i - 1) + " then " + ps.get(i));
    }

    @Test
    void configurationOutOfRangeIsRefusedNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SchedStudy.Config(1, List.of(1), List.of(0.5), 1000, 0, 1))
                .getMessage().contains("ports = 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SchedStudy.Config(16, List.of(5), List.of(0.5), 1000, 0, 1))
                .getMessage().contains("iterations = 5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SchedStudy.Config(16, List.of(1), List.of(1.0), 1000, 0, 1))
                .getMessage().contains("load = 1.0"));
    }
}
