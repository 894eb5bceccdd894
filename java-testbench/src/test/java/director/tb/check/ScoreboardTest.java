package director.tb.check;

import org.junit.jupiter.api.Tag;
import director.tb.sim.EgressFrame;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

@Tag("fast")
class ScoreboardTest {
    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    @Test
    void flowsMayInterleaveButKeepTheirOwnOrder() {
        Scoreboard sb = new Scoreboard(4);
        sb.expect(new Scoreboard.Expected(1, 0, 2, bytes(1)));
        sb.expect(new Scoreboard.Expected(2, 0, 2, bytes(2)));
        sb.expect(new Scoreboard.Expected(3, 1, 2, bytes(3)));
        assertEquals(3, sb.observe(new EgressFrame(2, bytes(3), 10, 11)).id(), "another input's flow may go first");
        assertEquals(1, sb.observe(new EgressFrame(2, bytes(1), 12, 13)).id());
        assertEquals(2, sb.observe(new EgressFrame(2, bytes(2), 14, 15)).id());
        assertEquals(0, sb.mismatchCount());
        assertEquals(0, sb.outstanding());
    }

    @Test
    void reorderingWithinAFlowIsAMismatch() {
        Scoreboard sb = new Scoreboard(2);
        sb.expect(new Scoreboard.Expected(1, 0, 1, bytes(1)));
        sb.expect(new Scoreboard.Expected(2, 0, 1, bytes(2)));
        assertNull(sb.observe(new EgressFrame(1, bytes(2), 5, 6)));
        assertEquals(1, sb.mismatchCount());
        assertTrue(sb.firstMismatches().get(0).what().contains("out of order"));
        assertEquals(6, sb.firstMismatches().get(0).cycle(), "the cycle of the frame's last beat");
        assertEquals(1, sb.firstMismatches().get(0).port());
        assertEquals(1, sb.outstanding(), "the earlier frame is still missing");
    }

    @Test
    void corruptedFrameReportsCyclePortAndByteDiff() {
        Scoreboard sb = new Scoreboard(2);
        sb.expect(new Scoreboard.Expected(9, 1, 0, bytes(0xaa, 0xbb, 0xcc, 0xdd)));
        assertNull(sb.observe(new EgressFrame(0, bytes(0xaa, 0xbb, 0x00, 0xdd), 77, 80)));
        Scoreboard.Mismatch m = sb.firstMismatches().get(0);
        assertEquals(80, m.cycle());
        assertEquals(0, m.port());
        assertTrue(m.what().contains("expected id 9"), m.what());
        assertTrue(m.diff().contains("first difference at byte 2"), m.diff());
        assertTrue(m.diff().contains("aa bb cc dd") && m.diff().contains("aa bb 00 dd"), m.diff());
    }

    @Test
    void unexpectedAndMissingFramesAreCounted() {
        Scoreboard sb = new Scoreboard(2);
        assertNull(sb.observe(new EgressFrame(1, bytes(1, 2), 3, 3)));
        assertTrue(sb.firstMismatches().get(0).what().contains("unexpected"));
        sb.expect(new Scoreboard.Expected(4, 0, 0, bytes(5)));
        assertEquals(1, sb.outstanding());
        assertEquals(4, sb.missing(10).get(0).id());
    }

    @Test
    void packetsOfDifferentSlsBetweenTheSamePortsMayBeReordered() {
        Scoreboard sb = new Scoreboard(4);
        // byte 1 = SL << 4 | LNH 2: SL 3, SL 5, SL 3 from input 0 to output 2
        sb.expect(new Scoreboard.Expected(1, 0, 2, bytes(0x00, 0x32, 0xa1)));
        sb.expect(new Scoreboard.Expected(2, 0, 2, bytes(0x00, 0x52, 0xa2)));
        sb.expect(new Scoreboard.Expected(3, 0, 2, bytes(0x00, 0x32, 0xa3)));
        assertEquals(2, sb.observe(new EgressFrame(2, bytes(0x00, 0x52, 0xa2), 10, 11)).id(), "SL 5 overtakes SL 3");
        assertEquals(1, sb.observe(new EgressFrame(2, bytes(0x00, 0x32, 0xa1), 12, 13)).id());
        assertEquals(3, sb.observe(new EgressFrame(2, bytes(0x00, 0x32, 0xa3), 14, 15)).id());
        assertEquals(0, sb.mismatchCount());
        assertEquals(0, sb.outstanding());
    }

    @Test
    void packetsOfOneSlBetweenTheSamePortsMustStayInOrder() {
        Scoreboard sb = new Scoreboard(4);
        sb.expect(new Scoreboard.Expected(1, 0, 2, bytes(0x00, 0x32, 0xa1)));
        sb.expect(new Scoreboard.Expected(2, 0, 2, bytes(0x00, 0x52, 0xa2)));
        sb.expect(new Scoreboard.Expected(3, 0, 2, bytes(0x00, 0x32, 0xa3)));
        assertNull(sb.observe(new EgressFrame(2, bytes(0x00, 0x32, 0xa3), 20, 21)), "id 3 before id 1, both SL 3");
        assertEquals(1, sb.mismatchCount());
        Scoreboard.Mismatch m = sb.firstMismatches().get(0);
        assertEquals("frame id 3 from input 0 (SL 3) arrived out of order: 1 earlier frame(s) of its flow still missing", m.what());
        assertEquals(21, m.cycle());
        assertEquals(2, m.port());
        assertEquals(2, sb.outstanding(), "ids 1 and 2 still expected");
        assertEquals(java.util.List.of(1L, 2L), sb.missing(10).stream().map(Scoreboard.Expected::id).sorted().toList());
    }

    @Test
    void framesShorterThanTwoBytesAreSlZero() {
        Scoreboard sb = new Scoreboard(2);
        sb.expect(new Scoreboard.Expected(1, 0, 1, bytes(0x07)));
        sb.expect(new Scoreboard.Expected(2, 0, 1, bytes(0x00, 0x02)));  // SL 0 too: same flow
        assertNull(sb.observe(new EgressFrame(1, bytes(0x00, 0x02), 5, 6)));
        assertTrue(sb.firstMismatches().get(0).what().contains("(SL 0) arrived out of order"), sb.firstMismatches().get(0).what());
    }

    @Test
    void aCorruptedSlIsComparedWithTheClosestFrameOfAnySl() {
        Scoreboard sb = new Scoreboard(2);
        sb.expect(new Scoreboard.Expected(7, 1, 0, bytes(0x00, 0x32, 0xcc, 0xdd)));
        assertNull(sb.observe(new EgressFrame(0, bytes(0x00, 0x42, 0xcc, 0xdd), 30, 33)), "SL 4 arrives where SL 3 was expected");
        Scoreboard.Mismatch m = sb.firstMismatches().get(0);
        assertEquals("frame differs from expected id 7 (input 1)", m.what());
        assertTrue(m.diff().contains("first difference at byte 1"), m.diff());
        assertEquals(0, sb.outstanding(), "the closest expectation is used up");
    }
}
