package director.tb.model.vlarb;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import director.tb.model.vlarb.VlArbiterModel.Decision;
import director.tb.model.vlarb.VlArbiterModel.Table;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Tests of {@link VlArbiterModel} against hand-worked sequences from docs/vl-arbiter.md.
 * State strings read "hi=index/used lo=index/used hp=hpLeft/hpOpen".
 */
@Tag("fast")
class VlArbiterModelTest {

    private static final Table H = Table.HIGH;
    private static final Table L = Table.LOW;

    /** Per-VL inputs of one decision. */
    private static final class In {
        final boolean[] has = new boolean[16];
        final int[] bytes = new int[16];
        final boolean[] fits = new boolean[16];

        /** VL v has a packet of b bytes that fits. */
        In pkt(int v, int b) {
            has[v] = true;
            bytes[v] = b;
            fits[v] = true;
            return this;
        }

        /** VLs from..to each have a packet of b bytes that fits. */
        In pkts(int from, int to, int b) {
            for (int v = from; v <= to; v++) {
                pkt(v, b);
            }
            return this;
        }

        /** VL v's packet does not fit its credits. */
        In noCredit(int v) {
            fits[v] = false;
            return this;
        }

        /** VL v has no packet. */
        In empty(int v) {
            has[v] = false;
            return this;
        }
    }

    private static In in() {
        return new In();
    }

    private static String state(VlArbiterModel m) {
        return "hi=" + m.hiIndex() + "/" + m.hiUsed() + " lo=" + m.loIndex() + "/" + m.loUsed()
                + " hp=" + m.hpLeft() + "/" + m.hpOpen();
    }

    private static Decision decide(VlArbiterModel m, In x) {
        return m.decide(x.has, x.bytes, x.fits);
    }

    /** One decision: expected VL and table, then expected state string. */
    private static void step(VlArbiterModel m, In x, int vl, Table t, String after) {
        String before = m.toString();
        assertEquals(new Decision(vl, t), decide(m, x), "from " + before);
        assertEquals(after, state(m), "after sending VL" + vl + " " + t + " from " + before);
    }

    /** One decision that must send nothing, then expected state string. */
    private static void none(VlArbiterModel m, In x, String after) {
        String before = m.toString();
        assertNull(decide(m, x), "from " + before);
        assertEquals(after, state(m), "after no packet from " + before);
    }

    /** Successive decisions from table t must send the VLs listed. */
    private static void sequence(VlArbiterModel m, In x, Table t, int... vls) {
        for (int i = 0; i < vls.length; i++) {
            assertEquals(new Decision(vls[i], t), decide(m, x), "decision " + i + ", " + m);
        }
    }

    private static void assertIae(String fragment, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(fragment), ex.getMessage() + " lacks " + fragment);
    }

    // ------------------------------------------------------------------ construction, config

    @Test
    void constructionStateAndValidation() {
        VlArbiterModel m = new VlArbiterModel(4, 8);
        assertEquals("hi=0/0 lo=0/0 hp=0/true", state(m));
        assertEquals(0, m.limit());
        // all entries are (VL0, weight 0): nothing is usable
        none(m, in().pkts(0, 3, 64), "hi=0/0 lo=0/0 hp=0/true");

        assertIae("dataVls = 0", () -> new VlArbiterModel(0, 1));
        assertIae("dataVls = 16", () -> new VlArbiterModel(16, 1));
        assertIae("entries = 0", () -> new VlArbiterModel(1, 0));
        assertIae("entries = 65", () -> new VlArbiterModel(1, 65));
        new VlArbiterModel(15, 64);
        new VlArbiterModel(1, 1);
        assertIae("k = 8", () -> m.setHigh(8, 0, 1));
        assertIae("k = -1", () -> m.setLow(-1, 0, 1));
        assertIae("vl = 16", () -> m.setLow(0, 16, 1));
        assertIae("vl = -1", () -> m.setHigh(0, -1, 1));
        assertIae("weight = 256", () -> m.setHigh(0, 0, 256));
        assertIae("weight = -1", () -> m.setLow(0, 0, -1));
        assertIae("limit = 256", () -> m.setLimit(256));
        assertIae("limit = -1", () -> m.setLimit(-1));
        m.setHigh(7, 15, 255);
        m.setLimit(255);
        In ok = in().pkt(0, 64);
        assertIae("has", () -> m.decide(new boolean[15], ok.bytes, ok.fits));
        assertIae("bytes", () -> m.decide(ok.has, new int[17], ok.fits));
        assertIae("fits", () -> m.decide(ok.has, ok.bytes, null));
        assertIae("bytes[2] = 0", () -> decide(m, in().pkt(2, 0)));
        assertIae("bytes[15] = 8192", () -> decide(m, in().pkt(15, 8192)));
    }

    /*
     * setLimit does not reload: fresh model (hpLeft 0, open), limit 1 set without reset.
     * d1 High VL0 1000 B: hpLeft max(0, 0-1000) = 0 -> closed. d2 Low VL2 -> reload 4096.
     * d3 High 1000 -> 3096. reset() then gives 4096 at once and zero indices/used.
     */
    @Test
    void setLimitDoesNotReloadButResetDoes() {
        VlArbiterModel m = new VlArbiterModel(4, 2);
        m.setHigh(0, 0, 255);
        m.setHigh(1, 1, 255);
        m.setLow(0, 2, 255);
        m.setLow(1, 3, 255);
        m.setLimit(1);
        assertEquals("hi=0/0 lo=0/0 hp=0/true", state(m));
        In x = in().pkt(0, 1000).pkts(1, 3, 64);
        step(m, x, 0, H, "hi=0/1000 lo=0/0 hp=0/false");
        step(m, x, 2, L, "hi=0/1000 lo=0/64 hp=4096/true");
        step(m, x, 0, H, "hi=0/2000 lo=0/64 hp=3096/true");
        m.setLimit(2);
        m.reset();
        assertEquals("hi=0/0 lo=0/0 hp=8192/true", state(m));
        step(m, x, 0, H, "hi=0/1000 lo=0/0 hp=7192/true"); // tables were kept
    }

    /*
     * Low (VL0,w4),(VL1,w1). d1 VL0 used 64. Lower entry 0 to w1: 64 >= 64 so d2 moves to
     * VL1 (used 64). Raise entry 1 to w3: 64 < 192 so d3 stays on VL1 (used 128).
     */
    @Test
    void tableChangesKeepState() {
        VlArbiterModel m = new VlArbiterModel(2, 2);
        m.setLow(0, 0, 4);
        m.setLow(1, 1, 1);
        In x = in().pkts(0, 1, 64);
        step(m, x, 0, L, "hi=0/0 lo=0/64 hp=0/true");
        m.setLow(0, 0, 1);
        step(m, x, 1, L, "hi=0/0 lo=1/64 hp=0/true");
        m.setLow(1, 1, 3);
        step(m, x, 1, L, "hi=0/0 lo=1/128 hp=0/true");
    }

    // ------------------------------------------------------------------ VL15

    /*
     * High (VL1,w1),(VL0,w1), Low (VL0,w2),(VL1,w1), limit 1 after reset (hpLeft 4096).
     * VL0 100 B, VL1 200 B. d1 High entry 0 VL1: hi 0/200, hp 3896. Then VL15 (even with
     * fits[15] false) three times: nothing moves. Then High entry 0 is spent (200 >= 64):
     * entry 1 VL0, hi 1/100, hp 3796.
     */
    @Test
    void vl15GoesFirstAndChangesNoState() {
        VlArbiterModel m = new VlArbiterModel(2, 2);
        m.setHigh(0, 1, 1);
        m.setHigh(1, 0, 1);
        m.setLow(0, 0, 2);
        m.setLow(1, 1, 1);
        m.setLimit(1);
        m.reset();
        In x = in().pkt(0, 100).pkt(1, 200);
        step(m, x, 1, H, "hi=0/200 lo=0/0 hp=3896/true");
        In with15 = in().pkt(0, 100).pkt(1, 200).pkt(15, 300).noCredit(15);
        for (int i = 0; i < 3; i++) {
            step(m, with15, 15, Table.VL15, "hi=0/200 lo=0/0 hp=3896/true");
        }
        step(m, x, 0, H, "hi=1/100 lo=0/0 hp=3796/true");
    }

    /*
     * limit 0: d1 High VL0 closes hpOpen (hp 0/false). A VL15-only decision sends VL15 and
     * does not reload (step 1 ends the decision), unlike an empty decision (step 4).
     */
    @Test
    void vl15DoesNotReload() {
        VlArbiterModel m = new VlArbiterModel(2, 2);
        m.setHigh(0, 0, 1);
        m.setHigh(1, 1, 1);
        step(m, in().pkts(0, 1, 64), 0, H, "hi=0/64 lo=0/0 hp=0/false");
        step(m, in().pkt(15, 64), 15, Table.VL15, "hi=0/64 lo=0/0 hp=0/false");
        none(m, in(), "hi=0/64 lo=0/0 hp=0/true");
    }

    // ------------------------------------------------------------------ weighted round robin

    /*
     * Low (VL0,w2)=128 B, (VL1,w1)=64 B, High empty, limit 0 (each Low packet reloads 0/true).
     * 64 B packets: used 64, 128 -> move; VL1 64 -> move: 0,0,1,0,0,1...
     * 100 B packets: VL0 100 (< 128 continue), 200 (overshoot 72) -> move; VL1 100 on a 64 B
     * budget is one packet (overshoot 36): again 0,0,1,...
     */
    @Test
    void weightedRoundRobinInOneTable() {
        VlArbiterModel m = new VlArbiterModel(2, 2);
        m.setLow(0, 0, 2);
        m.setLow(1, 1, 1);
        In x64 = in().pkts(0, 1, 64);
        step(m, x64, 0, L, "hi=0/0 lo=0/64 hp=0/true");
        step(m, x64, 0, L, "hi=0/0 lo=0/128 hp=0/true");
        step(m, x64, 1, L, "hi=0/0 lo=1/64 hp=0/true");
        step(m, x64, 0, L, "hi=0/0 lo=0/64 hp=0/true");
        sequence(m, x64, L, 0, 1, 0, 0, 1, 0, 0, 1);

        m.reset();
        In x100 = in().pkts(0, 1, 100);
        step(m, x100, 0, L, "hi=0/0 lo=0/100 hp=0/true");
        step(m, x100, 0, L, "hi=0/0 lo=0/200 hp=0/true");
        step(m, x100, 1, L, "hi=0/0 lo=1/100 hp=0/true");
        step(m, x100, 0, L, "hi=0/0 lo=0/100 hp=0/true");
        sequence(m, x100, L, 0, 1, 0, 0, 1);
    }

    /*
     * Low (VL0,w3)=192 B, (VL1,w1). 64 B: 64,128,192 -> three VL0 then one VL1.
     * 100 B: 100, 200 (>= 192) -> two VL0 then VL1: the crossing packet ends the turn.
     */
    @Test
    void overshootEndsTheTurn() {
        VlArbiterModel m = new VlArbiterModel(2, 2);
        m.setLow(0, 0, 3);
        m.setLow(1, 1, 1);
        sequence(m, in().pkts(0, 1, 64), L, 0, 0, 0, 1, 0, 0, 0, 1);
        m.reset();
        sequence(m, in().pkts(0, 1, 100), L, 0, 0, 1, 0, 0, 1, 0, 0, 1);
    }

    /*
     * Budget boundary, Low (VL0,w2)=128 B, (VL1,w1). VL0 127 B: used 127 < 128 so a second
     * packet goes (254). VL0 128 B: used 128 = budget, next decision moves on.
     */
    @Test
    void budgetBoundaryIsStrictlyLess() {
        VlArbiterModel m = new VlArbiterModel(2, 2);
        m.setLow(0, 0, 2);
        m.setLow(1, 1, 1);
        In x127 = in().pkt(0, 127).pkt(1, 64);
        step(m, x127, 0, L, "hi=0/0 lo=0/127 hp=0/true");
        step(m, x127, 0, L, "hi=0/0 lo=0/254 hp=0/true");
        step(m, x127, 1, L, "hi=0/0 lo=1/64 hp=0/true");
        m.reset();
        In x128 = in().pkt(0, 128).pkt(1, 64);
        step(m, x128, 0, L, "hi=0/0 lo=0/128 hp=0/true");
        step(m, x128, 1, L, "hi=0/0 lo=1/64 hp=0/true");
        step(m, x128, 0, L, "hi=0/0 lo=0/128 hp=0/true");
    }

    // ------------------------------------------------------------------ skipping

    /*
     * dataVls 3, Low 0:(VL1,w0) 1:(VL5,w4) 2:(VL15,w4) 3:(VL2,w1) 4:(VL0,w1); VLs 0..14 all
     * have 64 B packets. Entries 0 (weight 0), 1 (VL5 >= 3) and 2 (VL15) are skipped:
     * d1 VL2 at entry 3; d2 VL0 at entry 4; d3 wraps past 0,1,2 to entry 3 again.
     */
    @Test
    void weightZeroAndNonexistentVlsAreSkipped() {
        VlArbiterModel m = new VlArbiterModel(3, 5);
        m.setLow(0, 1, 0);
        m.setLow(1, 5, 4);
        m.setLow(2, 15, 4);
        m.setLow(3, 2, 1);
        m.setLow(4, 0, 1);
        In x = in().pkts(0, 14, 64);
        step(m, x, 2, L, "hi=0/0 lo=3/64 hp=0/true");
        step(m, x, 0, L, "hi=0/0 lo=4/64 hp=0/true");
        step(m, x, 2, L, "hi=0/0 lo=3/64 hp=0/true");
        step(m, x, 0, L, "hi=0/0 lo=4/64 hp=0/true");
    }

    /* dataVls 15: an entry naming VL15 is never usable; VL14 is. */
    @Test
    void vl15EntryIsSkippedWithFifteenDataVls() {
        VlArbiterModel m = new VlArbiterModel(15, 3);
        m.setHigh(0, 15, 9);
        m.setHigh(1, 14, 1);
        m.setHigh(2, 13, 1);
        m.setLimit(255);
        In x = in().pkts(0, 14, 64);
        step(m, x, 14, H, "hi=1/64 lo=0/0 hp=0/true");
        step(m, x, 13, H, "hi=2/64 lo=0/0 hp=0/true");
        step(m, x, 14, H, "hi=1/64 lo=0/0 hp=0/true");
    }

    /*
     * Low 0:(VL0,w2) 1:(VL1,w2) 2:(VL2,w2), 64 B packets, budget 128 each.
     * d1 VL0 lo 0/64. d2 VL0 without credits (64 B of budget left): skipped, entry 1 VL1
     * starts at used 0 -> 1/64. d3 all fit: VL1 1/128. d4 entry 2 VL2 2/64. d5 VL2 without
     * credits: entry 0 VL0 restarts at 0 -> 0/64 (its old leftover is gone). d6 VL0 0/128.
     * d7 VL1 without credits: entry 1 skipped, VL2 2/64. d8 VL2 2/128. d9 VL0 0/64.
     */
    @Test
    void vlWithoutCreditsIsSkippedAndNextEntryStartsAtZero() {
        VlArbiterModel m = new VlArbiterModel(3, 3);
        m.setLow(0, 0, 2);
        m.setLow(1, 1, 2);
        m.setLow(2, 2, 2);
        In all = in().pkts(0, 2, 64);
        step(m, all, 0, L, "hi=0/0 lo=0/64 hp=0/true");
        step(m, in().pkts(0, 2, 64).noCredit(0), 1, L, "hi=0/0 lo=1/64 hp=0/true");
        step(m, all, 1, L, "hi=0/0 lo=1/128 hp=0/true");
        step(m, all, 2, L, "hi=0/0 lo=2/64 hp=0/true");
        step(m, in().pkts(0, 2, 64).noCredit(2), 0, L, "hi=0/0 lo=0/64 hp=0/true");
        step(m, all, 0, L, "hi=0/0 lo=0/128 hp=0/true");
        step(m, in().pkts(0, 2, 64).noCredit(1), 2, L, "hi=0/0 lo=2/64 hp=0/true");
        step(m, all, 2, L, "hi=0/0 lo=2/128 hp=0/true");
        step(m, in().pkts(0, 2, 64).empty(1), 0, L, "hi=0/0 lo=0/64 hp=0/true");
    }

    /*
     * Read literally (step 2 scans i..i+entries-1 once), the current entry is not revisited
     * with a fresh budget: a table whose only eligible entry is the current, spent one yields
     * nothing although that VL still has a packet that fits. The lockstep test relies on the
     * RTL doing the same; see the report on docs/vl-arbiter.md.
     */
    @Test
    void aSpentEntryThatIsTheOnlyEligibleOneStartsAFreshTurn() {
        VlArbiterModel one = new VlArbiterModel(1, 1);
        one.setLow(0, 0, 2);
        In x = in().pkt(0, 64);
        step(one, x, 0, L, "hi=0/0 lo=0/64 hp=0/true");
        step(one, x, 0, L, "hi=0/0 lo=0/128 hp=0/true");
        step(one, x, 0, L, "hi=0/0 lo=0/64 hp=0/true");   // budget 128 spent: a fresh turn, used restarts
        step(one, x, 0, L, "hi=0/0 lo=0/128 hp=0/true");

        VlArbiterModel m = new VlArbiterModel(2, 4);
        m.setLow(0, 0, 1);
        m.setLow(1, 1, 1);
        step(m, in().pkt(0, 64), 0, L, "hi=0/0 lo=0/64 hp=0/true");
        step(m, in().pkt(0, 64), 0, L, "hi=0/0 lo=0/64 hp=0/true"); // VL1 has no packet: VL0 goes on, fresh turn
        step(m, in().pkts(0, 1, 64), 1, L, "hi=0/0 lo=1/64 hp=0/true");
        step(m, in().pkts(0, 1, 64), 0, L, "hi=0/0 lo=0/64 hp=0/true");
    }

    // ------------------------------------------------------------------ same VL several times

    /* Low 0:(VL0,w1) 1:(VL0,w1) 2:(VL1,w1): VL0 gets two turns per round, each from 0. */
    @Test
    void sameVlInSeveralEntries() {
        VlArbiterModel m = new VlArbiterModel(2, 3);
        m.setLow(0, 0, 1);
        m.setLow(1, 0, 1);
        m.setLow(2, 1, 1);
        In x = in().pkts(0, 1, 64);
        step(m, x, 0, L, "hi=0/0 lo=0/64 hp=0/true");
        step(m, x, 0, L, "hi=0/0 lo=1/64 hp=0/true");
        step(m, x, 1, L, "hi=0/0 lo=2/64 hp=0/true");
        step(m, x, 0, L, "hi=0/0 lo=0/64 hp=0/true");
    }

    /*
     * High and Low both (VL0,w1),(VL1,w1), limit 0: H VL0 (closes), L VL0 (reload 0/true),
     * H entry 1 VL1, L entry 1 VL1, H VL0 ... each table keeps its own index and used.
     */
    @Test
    void sameVlInBothTables() {
        VlArbiterModel m = new VlArbiterModel(2, 2);
        m.setHigh(0, 0, 1);
        m.setHigh(1, 1, 1);
        m.setLow(0, 0, 1);
        m.setLow(1, 1, 1);
        In x = in().pkts(0, 1, 64);
        step(m, x, 0, H, "hi=0/64 lo=0/0 hp=0/false");
        step(m, x, 0, L, "hi=0/64 lo=0/64 hp=0/true");
        step(m, x, 1, H, "hi=1/64 lo=0/64 hp=0/false");
        step(m, x, 1, L, "hi=1/64 lo=1/64 hp=0/true");
        step(m, x, 0, H, "hi=0/64 lo=1/64 hp=0/false");
    }

    // ------------------------------------------------------------------ high / low

    private static VlArbiterModel fourVlModel(int hiWeight, int loWeight) {
        VlArbiterModel m = new VlArbiterModel(4, 2);
        m.setHigh(0, 0, hiWeight);
        m.setHigh(1, 1, hiWeight);
        m.setLow(0, 2, loWeight);
        m.setLow(1, 3, loWeight);
        return m;
    }

    /* limit 0: exactly one High packet, then one Low packet, alternating. */
    @Test
    void limitZeroIsOneHighPacketThenLow() {
        VlArbiterModel m = fourVlModel(255, 255);
        In x = in().pkts(0, 3, 64);
        step(m, x, 0, H, "hi=0/64 lo=0/0 hp=0/false");
        step(m, x, 2, L, "hi=0/64 lo=0/64 hp=0/true");
        step(m, x, 0, H, "hi=0/128 lo=0/64 hp=0/false");
        step(m, x, 2, L, "hi=0/128 lo=0/128 hp=0/true");
        step(m, x, 0, H, "hi=0/192 lo=0/128 hp=0/false");
    }

    /*
     * limit 1 (reset: hpLeft 4096). VL0 1000 B: 3096, 2096, 1096, 96, then the crossing packet
     * max(0, 96-1000) = 0 closes: 5 High packets = 5000 B. Low VL2 reloads 4096.
     * VL0 1024 B: 3072, 2048, 1024, 0 -> exactly 4 packets, then Low.
     */
    @Test
    void limitOneAllowsTheCrossingPacket() {
        VlArbiterModel m = fourVlModel(255, 255);
        m.setLimit(1);
        m.reset();
        In x = in().pkt(0, 1000).pkts(1, 3, 64);
        step(m, x, 0, H, "hi=0/1000 lo=0/0 hp=3096/true");
        step(m, x, 0, H, "hi=0/2000 lo=0/0 hp=2096/true");
        step(m, x, 0, H, "hi=0/3000 lo=0/0 hp=1096/true");
        step(m, x, 0, H, "hi=0/4000 lo=0/0 hp=96/true");
        step(m, x, 0, H, "hi=0/5000 lo=0/0 hp=0/false");
        step(m, x, 2, L, "hi=0/5000 lo=0/64 hp=4096/true");
        step(m, x, 0, H, "hi=0/6000 lo=0/64 hp=3096/true");

        m.reset();
        In y = in().pkt(0, 1024).pkts(1, 3, 64);
        step(m, y, 0, H, "hi=0/1024 lo=0/0 hp=3072/true");
        step(m, y, 0, H, "hi=0/2048 lo=0/0 hp=2048/true");
        step(m, y, 0, H, "hi=0/3072 lo=0/0 hp=1024/true");
        step(m, y, 0, H, "hi=0/4096 lo=0/0 hp=0/false");
        step(m, y, 2, L, "hi=0/4096 lo=0/64 hp=4096/true");
    }

    /*
     * Every Low packet reloads, also while hpOpen is still true: limit 1, H VL0 1000 B ->
     * 3096/true; High has nothing (VL0/VL1 empty), Low VL2 -> 4096/true; H again 3096/true.
     */
    @Test
    void lowPacketReloadsEvenWhenOpen() {
        VlArbiterModel m = fourVlModel(255, 255);
        m.setLimit(1);
        m.reset();
        In x = in().pkt(0, 1000).pkts(1, 3, 64);
        step(m, x, 0, H, "hi=0/1000 lo=0/0 hp=3096/true");
        step(m, in().pkts(2, 3, 64), 2, L, "hi=0/1000 lo=0/64 hp=4096/true");
        step(m, x, 0, H, "hi=0/2000 lo=0/64 hp=3096/true");
    }

    /*
     * limit 255 (reset: hpLeft 255*4096 = 1044480, never decremented): High always first,
     * High (VL0,w1),(VL1,w1) alternate; Low VL2 goes only when High has nothing.
     * Then 8191 B packets on w255 entries: 300 decisions (2.4 MB) all High.
     */
    @Test
    void limit255HighAlwaysFirst() {
        VlArbiterModel m = fourVlModel(1, 1);
        m.setLimit(255);
        m.reset();
        In x = in().pkts(0, 3, 64);
        step(m, x, 0, H, "hi=0/64 lo=0/0 hp=1044480/true");
        step(m, x, 1, H, "hi=1/64 lo=0/0 hp=1044480/true");
        sequence(m, x, H, 0, 1, 0, 1, 0, 1, 0, 1);
        step(m, in().pkts(2, 3, 64), 2, L, "hi=1/64 lo=0/64 hp=1044480/true");
        step(m, x, 0, H, "hi=0/64 lo=0/64 hp=1044480/true");

        VlArbiterModel big = fourVlModel(255, 255);
        big.setLimit(255);
        big.reset();
        In huge = in().pkts(0, 3, 8191);
        for (int i = 0; i < 300; i++) {
            assertEquals(H, decide(big, huge).table(), "decision " + i);
        }
        assertEquals(1044480, big.hpLeft());
    }

    /*
     * Reading "if hpOpen (always, when limit = 255)" as: with limit 255 High is tried first
     * whatever hpOpen says. limit 0: H VL0 closes. setLimit(255) (no reload, hpOpen still
     * false). Next: High first, entry 1 VL1; hpOpen was false -> reload to 1044480/true.
     */
    @Test
    void limit255OverridesAStaleClosedState() {
        VlArbiterModel m = fourVlModel(1, 1);
        In x = in().pkts(0, 3, 64);
        step(m, x, 0, H, "hi=0/64 lo=0/0 hp=0/false");
        m.setLimit(255);
        step(m, x, 1, H, "hi=1/64 lo=0/0 hp=1044480/true");
    }

    /*
     * limit 1, High (VL0,w1),(VL1,w1), Low VL2/VL3 without packets. VL0 4096 B, VL1 1000 B.
     * d1 H VL0: 4096 -> hp 0/false. d2 Low has nothing, High entry 1 VL1: reload first (4096)
     * then subtract 1000 -> 3096/true. d3 H entry 0 VL0: max(0, 3096-4096) = 0/false.
     * d4 as d2. With limit 0 the same pattern stays 0/false (reload to 0, one packet closes).
     */
    @Test
    void closedAndLowHasNothingReloadsAndHighGoes() {
        VlArbiterModel m = fourVlModel(1, 1);
        m.setLimit(1);
        m.reset();
        In x = in().pkt(0, 4096).pkt(1, 1000);
        step(m, x, 0, H, "hi=0/4096 lo=0/0 hp=0/false");
        step(m, x, 1, H, "hi=1/1000 lo=0/0 hp=3096/true");
        step(m, x, 0, H, "hi=0/4096 lo=0/0 hp=0/false");
        step(m, x, 1, H, "hi=1/1000 lo=0/0 hp=3096/true");

        VlArbiterModel z = fourVlModel(1, 1);
        In y = in().pkts(0, 1, 64).pkt(2, 64).noCredit(2);
        step(z, y, 0, H, "hi=0/64 lo=0/0 hp=0/false");
        step(z, y, 1, H, "hi=1/64 lo=0/0 hp=0/false");
        step(z, y, 0, H, "hi=0/64 lo=0/0 hp=0/false");
    }

    /*
     * Open: limit 1, d1 H VL0 64 B -> 4032/true; then no packets, packets without credits,
     * packets only on nonexistent VLs 4..14: null, nothing changes.
     * Closed: VL0 4096 B closes (0/false); an empty decision reloads (4096/true) and leaves
     * indices and used alone; a second empty decision changes nothing.
     */
    @Test
    void nothingEligibleReturnsNullAndOnlyReloadsWhenClosed() {
        VlArbiterModel m = fourVlModel(1, 1);
        m.setLimit(1);
        m.reset();
        step(m, in().pkts(0, 3, 64), 0, H, "hi=0/64 lo=0/0 hp=4032/true");
        none(m, in(), "hi=0/64 lo=0/0 hp=4032/true");
        In noCredits = in().pkts(0, 3, 64).noCredit(0).noCredit(1).noCredit(2).noCredit(3);
        none(m, noCredits, "hi=0/64 lo=0/0 hp=4032/true");
        none(m, in().pkts(4, 14, 64), "hi=0/64 lo=0/0 hp=4032/true");

        VlArbiterModel c = fourVlModel(1, 1);
        c.setLimit(1);
        c.reset();
        step(c, in().pkt(0, 4096), 0, H, "hi=0/4096 lo=0/0 hp=0/false");
        none(c, in(), "hi=0/4096 lo=0/0 hp=4096/true");
        none(c, in(), "hi=0/4096 lo=0/0 hp=4096/true");
    }

    // ------------------------------------------------------------------ properties

    private static boolean eligible(VlArbiterModel m, int vl, int w, In x) {
        return w > 0 && vl < m.dataVls() && x.has[vl] && x.fits[vl];
    }

    /**
     * Random tables, limits and inputs, with tables and limit changed between decisions:
     * every packet sent has a packet and fits, VL15 whenever has[15] (state untouched), table
     * packets come from a usable entry that is now the table's current entry, and no packet
     * at all when no entry is eligible.
     */
    @Test
    void randomDecisionsAreAlwaysLegal() {
        long seed = Long.getLong("vlarb.seed", 0x7_6_9_2024L);
        System.out.println("VlArbiterModelTest random seed=" + seed
                + " (rerun with -Dvlarb.seed=" + seed + ")");
        Random rnd = new Random(seed);
        int sent = 0;
        for (int trial = 0; trial < 300; trial++) {
            int dataVls = 1 + rnd.nextInt(15);
            int entries = 1 + rnd.nextInt(trial % 2 == 0 ? 4 : 64);
            VlArbiterModel m = new VlArbiterModel(dataVls, entries);
            int[][] vl = new int[2][entries];
            int[][] w = new int[2][entries];
            for (int t = 0; t < 2; t++) {
                for (int k = 0; k < entries; k++) {
                    setRandom(m, rnd, vl, w, t, k);
                }
            }
            m.setLimit(randomLimit(rnd));
            m.reset();
            double density = rnd.nextDouble();
            for (int d = 0; d < 200; d++) {
                String ctx = "seed=" + seed + " trial=" + trial + " decision=" + d;
                if (rnd.nextInt(20) == 0) {
                    setRandom(m, rnd, vl, w, rnd.nextInt(2), rnd.nextInt(entries));
                }
                if (rnd.nextInt(50) == 0) {
                    m.setLimit(randomLimit(rnd));
                }
                In x = in();
                for (int v = 0; v < 16; v++) {
                    x.has[v] = rnd.nextDouble() < (v == 15 ? 0.1 : density);
                    x.bytes[v] = 1 + rnd.nextInt(8191);
                    x.fits[v] = rnd.nextInt(4) != 0;
                }
                boolean anyEligible = false;
                for (int t = 0; t < 2; t++) {
                    for (int k = 0; k < entries; k++) {
                        anyEligible |= eligible(m, vl[t][k], w[t][k], x);
                    }
                }
                String before = m.toString();
                Decision dec = decide(m, x);
                if (x.has[15]) {
                    assertEquals(new Decision(15, Table.VL15), dec, ctx);
                    assertEquals(before, m.toString(), ctx + ": VL15 changed state");
                    continue;
                }
                assertTrue(m.hiIndex() >= 0 && m.hiIndex() < entries, ctx);
                assertTrue(m.loIndex() >= 0 && m.loIndex() < entries, ctx);
                assertTrue(m.hpLeft() >= 0 && m.hpLeft() <= 255 * 4096, ctx);
                if (dec == null) {
                    continue;
                }
                sent++;
                assertTrue(anyEligible, ctx + ": sent with nothing eligible");
                assertTrue(x.has[dec.vl()] && x.fits[dec.vl()], ctx + ": " + dec);
                assertTrue(dec.vl() < dataVls, ctx + ": " + dec);
                int t = dec.table() == Table.HIGH ? 0 : 1;
                assertTrue(dec.table() != Table.VL15, ctx);
                int k = t == 0 ? m.hiIndex() : m.loIndex();
                assertEquals(dec.vl(), vl[t][k], ctx + ": current entry's VL");
                assertTrue(w[t][k] > 0, ctx + ": current entry's weight");
            }
        }
        assertTrue(sent > 10000, "only " + sent + " packets sent");
    }

    private static void setRandom(VlArbiterModel m, Random rnd, int[][] vl, int[][] w, int t,
                                  int k) {
        vl[t][k] = rnd.nextInt(16);
        int r = rnd.nextInt(10);
        w[t][k] = r < 3 ? 0 : r < 7 ? 1 + rnd.nextInt(4) : 1 + rnd.nextInt(255);
        if (t == 0) {
            m.setHigh(k, vl[t][k], w[t][k]);
        } else {
            m.setLow(k, vl[t][k], w[t][k]);
        }
    }

    private static int randomLimit(Random rnd) {
        int r = rnd.nextInt(5);
        return r == 0 ? 0 : r == 1 ? 1 : r == 2 ? 255 : rnd.nextInt(256);
    }

    /**
     * Saturated run, all data VLs always eligible, packets 1..4096 B, both tables with at
     * least two usable entries (so that every visit is a turn of its own). Checks per table: entries are visited in
     * cyclic order of the usable entries; each visit sends weight*64 .. weight*64+4095 bytes;
     * over each full table round every VL gets its weight share, i.e. W_v <= bytes_v <=
     * W_v + n_v*4095 with W_v the sum of weight*64 over its n_v entries. And per limit L < 255:
     * High bytes between two Low packets are in [L*4096, L*4096+4095] (L=0: one packet).
     */
    @Test
    void saturatedByteSharesFollowWeights() {
        long seed = Long.getLong("vlarb.seed", 0x7_6_9_2024L) + 1;
        System.out.println("VlArbiterModelTest saturated seed=" + seed
                + " (rerun with -Dvlarb.seed=" + (seed - 1) + ")");
        Random rnd = new Random(seed);
        int rounds = 0;
        for (int trial = 0; trial < 120; trial++) {
            int dataVls = 1 + rnd.nextInt(15);
            int entries = 2 + rnd.nextInt(trial % 2 == 0 ? 6 : 63);
            VlArbiterModel m = new VlArbiterModel(dataVls, entries);
            int[][] vl = new int[2][entries];
            int[][] w = new int[2][entries];
            for (int t = 0; t < 2; t++) {
                for (int k = 0; k < entries; k++) {
                    vl[t][k] = rnd.nextInt(16);
                    int max = rnd.nextBoolean() ? 8 : 255;
                    w[t][k] = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(max);
                }
                int k1 = rnd.nextInt(entries);
                int k2 = (k1 + 1 + rnd.nextInt(entries - 1)) % entries;
                for (int k : new int[] {k1, k2}) {
                    vl[t][k] = rnd.nextInt(dataVls);
                    w[t][k] = 1 + rnd.nextInt(255);
                }
                for (int k = 0; k < entries; k++) {
                    if (t == 0) {
                        m.setHigh(k, vl[t][k], w[t][k]);
                    } else {
                        m.setLow(k, vl[t][k], w[t][k]);
                    }
                }
            }
            int limit = trial % 10 == 0 ? 255 : trial % 10 == 1 ? 0 : rnd.nextInt(8);
            m.setLimit(limit);
            m.reset();
            String cfg = "seed=" + seed + " trial=" + trial + " dataVls=" + dataVls
                    + " limit=" + limit;

            long[][] want = new long[2][16];   // W_v per table
            long[][] slack = new long[2][16];  // n_v * 4095 per table
            for (int t = 0; t < 2; t++) {
                for (int k = 0; k < entries; k++) {
                    if (w[t][k] > 0 && vl[t][k] < dataVls) {
                        want[t][vl[t][k]] += w[t][k] * 64L;
                        slack[t][vl[t][k]] += 4095;
                    }
                }
            }
            int[] visitEntry = {-1, -1};
            long[] visitBytes = new long[2];
            long[][] roundBytes = new long[2][16];
            long highRun = 0;
            int highPackets = 0;
            int lowPackets = 0;
            for (int d = 0; d < 6000; d++) {
                In x = in();
                for (int v = 0; v < dataVls; v++) {
                    x.pkt(v, 1 + rnd.nextInt(4096));
                }
                Decision dec = decide(m, x);
                String ctx = cfg + " decision=" + d + " " + dec + " " + m;
                assertTrue(dec != null && dec.table() != Table.VL15, ctx);
                int t = dec.table() == Table.HIGH ? 0 : 1;
                int k = t == 0 ? m.hiIndex() : m.loIndex();
                int b = x.bytes[dec.vl()];
                if (k != visitEntry[t]) {
                    int prev = visitEntry[t];
                    if (prev >= 0) {
                        long lo = w[t][prev] * 64L;
                        assertTrue(visitBytes[t] >= lo && visitBytes[t] <= lo + 4095,
                                ctx + ": visit of entry " + prev + " sent " + visitBytes[t]);
                        int next = (prev + 1) % entries;
                        while (w[t][next] == 0 || vl[t][next] >= dataVls) {
                            next = (next + 1) % entries;
                        }
                        assertEquals(next, k, ctx + ": next usable entry after " + prev);
                        if (k <= prev) { // wrapped: one full round of table t done
                            for (int v = 0; v < 16; v++) {
                                assertTrue(roundBytes[t][v] >= want[t][v]
                                                && roundBytes[t][v] <= want[t][v] + slack[t][v],
                                        ctx + ": VL" + v + " got " + roundBytes[t][v]
                                                + " B in a round, weight share " + want[t][v]);
                            }
                            roundBytes[t] = new long[16];
                            rounds++;
                        }
                    }
                    visitEntry[t] = k;
                    visitBytes[t] = 0;
                }
                visitBytes[t] += b;
                roundBytes[t][dec.vl()] += b;
                if (t == 0) {
                    highRun += b;
                    highPackets++;
                    continue;
                }
                lowPackets++;
                if (limit == 0) {
                    assertEquals(1, highPackets, ctx + ": High packets before this Low one");
                } else if (limit != 255) {
                    assertTrue(highRun >= limit * 4096L && highRun <= limit * 4096L + 4095,
                            ctx + ": High sent " + highRun + " B before this Low packet");
                }
                highRun = 0;
                highPackets = 0;
            }
            if (limit == 255) {
                assertEquals(0, lowPackets, cfg);
            } else {
                assertTrue(lowPackets > 0, cfg);
            }
        }
        assertTrue(rounds > 500, "only " + rounds + " full rounds checked");
    }
}
