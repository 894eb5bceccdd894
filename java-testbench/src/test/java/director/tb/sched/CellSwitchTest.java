package director.tb.sched;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The study's bookkeeping against hand-worked cases: VOQ requests, departures, the delay convention, the window. */
@Tag("fast")
class CellSwitchTest {
    @Test
    void aCellThatCrossesInItsArrivalSlotCountsOneAndQueuedCellsWait() {
        CellSwitch sw = new CellSwitch(2, 0, 10);
        sw.arrive(0, 1, 0);
        assertArrayEquals(new long[] {0b10, 0}, sw.rows());
        assertNull(sw.depart(new int[] {1, -1}, 0));          // delay 0 - 0 + 1 = 1
        assertArrayEquals(new long[] {0, 0}, sw.rows());
        sw.arrive(0, 1, 1);
        sw.arrive(0, 1, 1);
        sw.arrive(1, 0, 1);
        assertArrayEquals(new long[] {0b10, 0b01}, sw.rows());
        assertNull(sw.depart(new int[] {1, 0}, 1));            // delays 1 and 1
        assertNull(sw.depart(new int[] {-1, -1}, 2));
        assertNull(sw.depart(new int[] {1, -1}, 3));           // arrived 1, left 3: delay 3
        assertEquals(4, sw.delay.count());
        assertEquals((1 + 1 + 1 + 3) / 4.0, sw.delay.mean(), 1e-12);
        assertEquals(3, sw.delay.max());
        assertEquals(4, sw.arrivals());
        assertEquals(4, sw.departures());
        assertEquals(0, sw.taggedLeft());
    }

    @Test
    void onlyCellsArrivingInsideTheWindowAreMeasured() {
        CellSwitch sw = new CellSwitch(2, 5, 7);
        sw.arrive(0, 0, 4);   // before the window: leaves inside it, counts as a departure only
        sw.arrive(0, 0, 5);
        assertNull(sw.depart(new int[] {0, -1}, 5));
        assertEquals(1, sw.taggedLeft());
        sw.arrive(1, 1, 7);   // after the window
        assertNull(sw.depart(new int[] {0, 1}, 8));  // the window's cell leaves after the window: measured, delay 4
        assertEquals(0, sw.taggedLeft());
        assertEquals(1, sw.delay.count());
        assertEquals(4.0, sw.delay.mean());
        assertEquals(1, sw.arrivals());
        assertEquals(1, sw.departures());
    }

    @Test
    void invalidMatchingsAreNamed() {
        CellSwitch sw = new CellSwitch(4, 0, 10);
        sw.arrive(0, 2, 0);
        sw.arrive(1, 2, 0);
        assertEquals("input 1 matched to output 3, which it did not request", sw.depart(new int[] {-1, 3, -1, -1}, 0));
        CellSwitch two = new CellSwitch(4, 0, 10);
        two.arrive(0, 2, 0);
        two.arrive(1, 2, 0);
        assertEquals("output 2 matched to two inputs", two.depart(new int[] {2, 2, -1, -1}, 0));
        assertEquals("input 0 matched to output 9, not a port of this 4-port switch", sw.depart(new int[] {9, -1, -1, -1}, 0));
    }

    @Test
    void theOutputQueuedSwitchServesOneCellPerOutputAndSlotInArrivalOrder() {
        OutputQueued oq = new OutputQueued(4, 0, 20);
        for (int i = 0; i < 3; i++) oq.arrive(0);
        oq.endSlot(0, true);    // delays 1, 2, 3; two left behind
        oq.arrive(0);
        oq.arrive(1);
        oq.endSlot(1, true);    // output 0: 2 ahead, delay 3; output 1: delay 1
        assertEquals(5, oq.delay.count());
        assertEquals((1 + 2 + 3 + 3 + 1) / 5.0, oq.delay.mean(), 1e-12);
        assertEquals(3, oq.delay.max());
    }

    @Test
    void theBatchMeansIntervalIsStudentsTOverTwentyBatches() {
        DelayStats s = new DelayStats(0, 20, 20);
        for (int b = 0; b < 20; b++) s.add(b, b % 2 == 0 ? 1 : 3);  // batch means 1, 3, 1, 3, ...: sd 1.026
        double sd = Math.sqrt(20 * 1.0 / 19);
        assertEquals(2.0, s.mean(), 1e-12);
        assertEquals(2.093 * sd / Math.sqrt(20), s.ci95(), 1e-9);
        assertTrue(Double.isNaN(new DelayStats(0, 20, 20).ci95()));
    }
}
