package director.tb.check;

import org.junit.jupiter.api.Tag;
import director.tb.check.VlShareCheck.Result;
import director.tb.check.VlShareCheck.Sent;
import director.tb.model.vlarb.VlArbiterModel;
import director.tb.model.vlarb.VlTables;
import director.tb.model.vlarb.VlTables.Entry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-written send sequences, each with the verdict worked out from the rules in VlShareCheck's javadoc. */
@Tag("fast")
class VlShareCheckTest {
    /** Low: entry 0 = VL0 weight 2 (128 bytes), entry 1 = VL1 weight 1 (64), entry 2 = VL2 weight 3 (192); no High. */
    private static final VlTables LOW3 = new VlTables(4, 64, List.of(),
            List.of(new Entry(0, 2), new Entry(1, 1), new Entry(2, 3)), 255);

    /** Packets as pairs vl, bytes. */
    private static List<Sent> seq(int... vlBytes) {
        List<Sent> s = new ArrayList<>();
        for (int i = 0; i < vlBytes.length; i += 2) s.add(new Sent(vlBytes[i], vlBytes[i + 1]));
        return s;
    }

    @Test
    void fullTurnsInOrderPass() {
        Result r = VlShareCheck.check(seq(
                2, 64,                  // 0: end of a VL2 turn (partial, not judged)
                0, 100, 0, 100,         // 1-2: VL0, 200 bytes: 100 < 128 <= 200, the second packet reaches the budget
                1, 64,                  // 3: VL1, 64 = its budget
                2, 64, 2, 64, 2, 64,    // 4-6: VL2, 192
                0, 64, 0, 64,           // 7-8: VL0, 128
                1, 200,                 // 9: VL1, one packet over the budget is allowed
                2, 64), LOW3, 256);     // 10: start of a VL2 turn (partial)
        assertEquals(List.of(), r.violations(), r.summary());
        assertTrue(r.ok());
        assertEquals(List.of("(a) high-priority limit: not checked, the limit is 255 (unlimited)"), r.notes());
        // totals: VL0 328, VL1 264, VL2 320 of 912 data bytes
        assertEquals(3, r.perVl().size());
        assertEquals(new VlShareCheck.VlTotal(0, 4, 328, 328.0 / 912, 2.0 / 6), r.perVl().get(0));
        assertEquals(new VlShareCheck.VlTotal(1, 2, 264, 264.0 / 912, 1.0 / 6), r.perVl().get(1));
        assertEquals(new VlShareCheck.VlTotal(2, 5, 320, 320.0 / 912, 3.0 / 6), r.perVl().get(2));
    }

    @Test
    void aTurnThatEndsEarly() {
        Result r = VlShareCheck.check(seq(
                2, 64,                  // 0
                0, 64,                  // 1: VL0 stops at 64 of its 128
                1, 64,                  // 2
                2, 64, 2, 64, 2, 64,    // 3-5
                0, 64), LOW3, 256);     // 6
        assertEquals(List.of("Low table, packets 1..1 (turn of VL 0, entry 0, weight 2 = 128 bytes): ended at 64 bytes, before its budget of 128"),
                r.violations());
        assertEquals(1, r.violationCount());
    }

    @Test
    void aTurnThatOvershootsByMoreThanOnePacket() {
        Result r = VlShareCheck.check(seq(
                2, 64,                          // 0
                0, 64, 0, 64,                   // 1-2
                1, 64,                          // 3
                2, 64, 2, 64, 2, 64, 2, 64,     // 4-7: 192 reached at packet 6, packet 7 one too many
                0, 64), LOW3, 256);             // 8
        assertEquals(List.of("Low table, packets 4..7 (turn of VL 2, entry 2, weight 3 = 192 bytes): went on after reaching its budget:"
                + " 192 bytes at packet 6, 256 at the end (the turn ends with the packet that reaches 192)"), r.violations());
    }

    @Test
    void aTurnOutOfTableOrder() {
        Result r = VlShareCheck.check(seq(
                1, 64,                  // 0
                2, 64, 2, 64, 2, 64,    // 1-3
                0, 64, 0, 64,           // 4-5
                2, 64, 2, 64, 2, 64,    // 6-8: VL2 where VL1 (entry 1) is due
                0, 64), LOW3, 256);     // 9
        assertEquals(List.of("Low table, packet 6: a turn of VL 2 (entry 2) follows the turn of VL 0 (entry 0, packets 4..5);"
                + " the next usable Low entry is entry 1 (VL 1)"), r.violations());
    }

    @Test
    void unusableEntriesAreSkippedInTheOrder() {
        // entry 1 has weight 0 and entry 2 VL 5 (dataVls 4): the turns go VL0 (entry 0), VL3 (entry 3), VL2 (entry 4)
        VlTables t = new VlTables(4, 64, List.of(),
                List.of(new Entry(0, 1), new Entry(1, 0), new Entry(5, 9), new Entry(3, 1), new Entry(2, 1)), 255);
        assertEquals(List.of(), VlShareCheck.check(seq(2, 64, 0, 64, 3, 64, 2, 64, 0, 64), t, 64).violations());
        assertEquals(List.of("Low table, packet 1: a turn of VL 2 (entry 4) follows the turn of VL 0 (entry 0, packets 0..0);"
                        + " the next usable Low entry is entry 3 (VL 3)"),
                VlShareCheck.check(seq(0, 64, 2, 64), t, 64).violations());
    }

    /** High: VL0 weight 255; Low: VL1 and VL2 weight 1; the given limit. */
    private static VlTables highLow(int limit) {
        return new VlTables(4, 64, List.of(new Entry(0, 255)), List.of(new Entry(1, 1), new Entry(2, 1)), limit);
    }

    @Test
    void highBytesUpToTheLimitPass() {
        // limit 1 = 4096 bytes: the third High packet starts after 4095 bytes, still below 4096
        Result r = VlShareCheck.check(seq(1, 64, 0, 2048, 0, 2047, 0, 2048, 2, 64), highLow(1), 2048);
        assertEquals(List.of(), r.violations());
    }

    @Test
    void highBytesOverTheLimit() {
        Result r = VlShareCheck.check(seq(
                1, 64,                              // 0: Low
                0, 2048, 0, 2048, 0, 2048, 0, 64,   // 1-4: packet 3 starts after 4096 High bytes (reported once)
                2, 64,                              // 5: Low
                0, 2048, 0, 2048, 0, 100,           // 6-8: packet 8 starts after 4096 again
                1, 64), highLow(1), 2048);          // 9
        assertEquals(List.of(
                "packet 3 (VL 0, High table): 4096 High bytes already sent since the last Low packet (packet 0); limit 1 allows"
                        + " another High packet only below 4096 (1 x 4096), so at most 6144 bytes between Low packets",
                "packet 8 (VL 0, High table): 4096 High bytes already sent since the last Low packet (packet 5); limit 1 allows"
                        + " another High packet only below 4096 (1 x 4096), so at most 6144 bytes between Low packets"),
                r.violations());
    }

    @Test
    void limitZeroAllowsOneHighPacketBetweenLowPackets() {
        assertTrue(VlShareCheck.check(seq(0, 64, 1, 64, 0, 2000, 2, 64, 0, 64), highLow(0), 2048).ok());
        assertEquals(List.of("packet 1 (VL 0, High table): a second High packet since the window start; limit 0 allows one"),
                VlShareCheck.check(seq(0, 64, 0, 64, 1, 64), highLow(0), 2048).violations());
        assertEquals(List.of("packet 3 (VL 0, High table): a second High packet since the last Low packet (packet 1); limit 0 allows one"),
                VlShareCheck.check(seq(0, 64, 1, 64, 0, 64, 0, 64, 2, 64), highLow(0), 2048).violations());
    }

    @Test
    void vl15PacketsDoNotEndAStretchAndASharedVlDoes() {
        assertEquals(1, VlShareCheck.check(seq(1, 64, 0, 64, 15, 64, 0, 64), highLow(0), 2048).violationCount(),
                "VL15 between two High packets does not reload the allowance");
        // VL3 in both tables: its packet may have been a Low one
        VlTables shared = new VlTables(4, 64, List.of(new Entry(0, 1), new Entry(3, 1)), List.of(new Entry(1, 1), new Entry(3, 1)), 0);
        Result r = VlShareCheck.check(seq(0, 64, 3, 64, 0, 64), shared, 64);
        assertEquals(List.of(), r.violations());
        assertEquals(List.of("(b) turns and (c) shares: not checked, VL(s) [3] have usable entries in both tables (their packets' table is unknown)"),
                r.notes());
    }

    @Test
    void aVlWithNoUsableEntry() {
        // LOW3 has dataVls 4: VL 5 does not exist, VL 3 has no entry; VL15 is always allowed
        Result r = VlShareCheck.check(seq(0, 64, 5, 64, 15, 64, 3, 64), LOW3, 64);
        assertEquals(List.of(
                "packet 1: VL 5 has no usable entry in either table (dataVls 4), the arbiter cannot choose it",
                "packet 3: VL 3 has no usable entry in either table (dataVls 4), the arbiter cannot choose it"), r.violations());
    }

    @Test
    void aPacketLongerThanMaxPacketBytesIsAnInputError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VlShareCheck.check(seq(0, 64, 0, 257), LOW3, 256));
        assertEquals("packet 1: 257 bytes, more than maxPacketBytes 256", e.getMessage());
    }

    /** Low: VL1 weight 4 (256 bytes), VL2 weight 16 twice (2048 bytes in all): turns not visible, shares checked. */
    private static final VlTables REPEATED = new VlTables(4, 64, List.of(),
            List.of(new Entry(1, 4), new Entry(2, 16), new Entry(2, 16)), 255);

    @Test
    void sharesByWeightPass() {
        List<Sent> s = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (int k = 0; k < 4; k++) s.add(new Sent(1, 64));
            for (int k = 0; k < 32; k++) s.add(new Sent(2, 64));
        }
        Result r = VlShareCheck.check(s, REPEATED, 64);
        assertEquals(List.of(), r.violations());
        assertTrue(r.notes().contains("(b) Low turns: not checked, a VL has several usable entries (runs of one VL do not show the turns)"), r.notes().toString());
        // T = 46080, W = 2304, R = 20, m = 64, N = 3: VL1 expects 256/2304 x 46080 = 5120 +- (768 + 65 x 64 = 4928)
        assertEquals(new VlShareCheck.VlAgreement("Low", 1, 5120, 5120.0, 4928.0), r.agreements().get(0));
        assertEquals(new VlShareCheck.VlAgreement("Low", 2, 40960, 40960.0, 10304.0), r.agreements().get(1));
    }

    @Test
    void sharesIgnoringTheWeightsAreCaught() {
        List<Sent> s = new ArrayList<>();
        for (int k = 0; k < 360; k++) {  // one packet each, whatever the weights
            s.add(new Sent(1, 64));
            s.add(new Sent(2, 64));
        }
        Result r = VlShareCheck.check(s, REPEATED, 64);
        assertEquals(List.of(
                "Low table, packets 0..719: VL 1 sent 23040 of the table's 46080 bytes; its weights give 5120 +- 4928"
                        + " (3 x budget 256 + (3 entries x (20 rounds + 1) + 2) x largest packet 64)",
                "Low table, packets 0..719: VL 2 sent 23040 of the table's 46080 bytes; its weights give 40960 +- 10304"
                        + " (3 x budget 2048 + (3 entries x (20 rounds + 1) + 2) x largest packet 64)"),
                r.violations());
    }

    /**
     * The arbiter model, saturated (every VL always has a packet that fits), produces sequences the check accepts:
     * the two were written from the same document, separately.
     */
    @Test
    void theSaturatedArbiterModelPasses() {
        List<VlTables> configs = List.of(
                new VlTables(8, 64, List.of(new Entry(0, 16)), List.of(new Entry(1, 64), new Entry(2, 64), new Entry(3, 32),
                        new Entry(4, 32), new Entry(5, 16), new Entry(6, 16), new Entry(7, 8)), 4),
                new VlTables(8, 64, List.of(new Entry(0, 4), new Entry(6, 0), new Entry(1, 2)),
                        List.of(new Entry(2, 8), new Entry(3, 1), new Entry(9, 5), new Entry(4, 2)), 0),
                new VlTables(8, 64, List.of(new Entry(0, 4), new Entry(1, 2)), List.of(new Entry(2, 8), new Entry(3, 1), new Entry(2, 3)), 1),
                VlTables.defaults(8));
        for (VlTables t : configs) {
            VlArbiterModel m = new VlArbiterModel(t.dataVls(), t.maxEntries());
            t.applyTo(m);
            m.reset();
            SplittableRandom rnd = new SplittableRandom(5);
            boolean[] has = new boolean[16], fits = new boolean[16];
            int[] head = new int[16];
            for (int v = 0; v < 16; v++) {
                has[v] = v < t.dataVls();
                fits[v] = true;
                head[v] = 1 + rnd.nextInt(4224);
            }
            List<Sent> sent = new ArrayList<>();
            for (int d = 0; d < 20_000; d++) {
                VlArbiterModel.Decision dec = m.decide(has, head, fits);
                sent.add(new Sent(dec.vl(), head[dec.vl()]));
                head[dec.vl()] = 1 + rnd.nextInt(4224);
            }
            Result r = VlShareCheck.check(sent, t, 4224);
            assertTrue(r.ok(), t + "\n" + r.summary());
        }
    }
}
