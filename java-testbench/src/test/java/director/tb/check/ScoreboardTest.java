package director.tb.check;

import director.tb.sim.EgressFrame;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

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
}
