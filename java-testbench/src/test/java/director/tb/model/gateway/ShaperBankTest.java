package director.tb.model.gateway;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaper model against figures worked out from the datasheet's units, not from its own code. */
@Tag("fast")
class ShaperBankTest {
    static final int[] NONE = {-1};

    private static void set(ShaperBank b, int f, long cir, long pir, long cbs, long pbs) {
        long[] w = {cir, pir, cbs, pbs};
        for (int k = 0; k < 4; k++) b.clock(f, k, w[k], NONE, new int[] {0});
        b.clock(NONE, new int[] {0});  // the cycle after the last write fills the buckets
    }

    /** A flow that always has a 1,000-byte frame waiting and sends it whenever it may: bytes sent in `cycles`. */
    private static long sendGreedily(ShaperBank b, int f, int bytes, long cycles) {
        long sent = 0;
        for (long c = 0; c < cycles; c++) {
            boolean go = b.eligible(f);
            if (go) sent += bytes;
            b.clock(new int[] {go ? f : -1}, new int[] {bytes});
        }
        return sent;
    }

    @Test
    void bucketsStartFullAndCountInUnitsOfTwoToTheMinus24Bytes() {
        ShaperBank b = new ShaperBank(2, 250);
        set(b, 1, 1_000_000, 0, 3000, 0);
        assertEquals(3000L << 24, b.committed(1));
        // 1 Gb/s at 250 MHz is 0.5 bytes a cycle: M = round(125 x 2^40 / 2.5e8) = 549,756; (10^6 x M) >> 16 = 8,388,610
        b.clock(new int[] {1}, new int[] {1000});
        assertEquals((3000L << 24) - (1000L << 24), b.committed(1));
        b.clock(NONE, new int[] {0});
        assertEquals((2000L << 24) + 8_388_610L, b.committed(1));
    }

    @Test
    void aGreedyFlowLeavesAtCirAfterItsBurst() {
        ShaperBank b = new ShaperBank(1, 250);
        set(b, 0, 1_000_000, 0, 10_000, 0);   // 1 Gb/s = 0.5 B/cycle, CBS 10,000 B
        long sent = sendGreedily(b, 0, 1000, 1_000_000);
        // CBS + 0.5 B/cycle x 10^6 cycles, up to the one frame of debt the last send may leave
        assertTrue(sent >= 10_000 + 500_000 && sent <= 10_000 + 500_000 + 1000, "sent " + sent);
    }

    @Test
    void thePeakBucketPacesTheFirstBurst() {
        ShaperBank b = new ShaperBank(1, 250);
        set(b, 0, 1_000_000, 4_000_000, 20_000, 1000);   // CIR 1 Gb/s, PIR 4 Gb/s = 2 B/cycle, PBS one frame
        // in the first 5,000 cycles the peak bucket allows 1,000 + 2 x 5,000 bytes (plus one frame of debt), far
        // below the committed bucket's 20,000
        long early = sendGreedily(b, 0, 1000, 5_000);
        assertTrue(early >= 11_000 && early <= 12_000, "sent " + early);
        // then the committed bucket (20,000 + 0.5 B/cycle) runs out at t = 20,000 / 1.5 = 13,333 cycles; after it, CIR
        long total = early + sendGreedily(b, 0, 1000, 995_000);
        assertTrue(total >= 520_000 && total <= 521_000, "sent " + total);
    }

    @Test
    void cirZeroIsNotShapedAndNothingIsEverRefused() {
        ShaperBank b = new ShaperBank(1, 250);
        for (int c = 0; c < 100; c++) {
            assertTrue(b.eligible(0));
            b.clock(new int[] {0}, new int[] {2000});
        }
        set(b, 0, 8, 0, 0, 0);   // 8 kb/s, no burst: in debt after one frame for a long time
        assertTrue(b.eligible(0));
        b.clock(new int[] {0}, new int[] {2000});
        assertFalse(b.eligible(0));
    }

    @Test
    void badSettingsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Shaper(1 << 24, 0, 0, 0));
        assertEquals("shaper: CIR 16777216 kb/s outside 0..16777215", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Shaper(1000, 500, 0, 0));
        assertEquals("shaper: PIR 500 kb/s below CIR 1000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Shaper(1000, 0, -1, 0));
        assertEquals("shaper: CBS -1 bytes outside 0..16777215", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new director.tb.run.Scenario.Migration(5, director.tb.run.Scenario.Kind.VHBA, -2, 1));
        assertEquals("migration: vHBA -2 is negative", e.getMessage());
    }
}
