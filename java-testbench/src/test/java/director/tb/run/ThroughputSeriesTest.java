package director.tb.run;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Delivered bytes over time: ~100 bins over the window, frames spread over their beats, nothing lost or made up. */
@Tag("fast")
class ThroughputSeriesTest {
    @Test
    void binsCoverTheWindowAndTheDrain() {
        ThroughputSeries.Builder b = new ThroughputSeries.Builder(2, 20_000);
        b.add(0, 0, 99, 800);          // inside bin 0 (200 cycles a bin)
        b.add(1, 150, 249, 1000);      // half in bin 0, half in bin 1
        b.add(1, 25_000, 25_009, 80);  // the drain
        ThroughputSeries t = b.build(25_010);
        assertEquals(200, t.binCycles());
        assertEquals(126, t.bins());
        assertArrayEquals(new long[] {800, 0}, new long[] {t.bytes()[0][0], t.bytes()[0][1]});
        assertEquals(500, t.bytes()[1][0]);
        assertEquals(500, t.bytes()[1][1]);
        assertEquals(80, t.bytes()[1][125]);
        // the last bin covers the 10 cycles the run had left
        assertEquals(10, t.binSpan(125));
        assertEquals(80 * 8 / (10 * 4.0), t.gbps(1, 125, 4.0), 1e-12);
        assertEquals(800 * 8 / (200 * 4.0), t.gbps(0, 0, 4.0), 1e-12);
        assertEquals(0.4, t.midMicros(0, 4.0), 1e-12);
        assertFalse(t.isEmpty());
    }

    @Test
    void aFrameSpreadOverManyBinsKeepsEveryByte() {
        ThroughputSeries.Builder b = new ThroughputSeries.Builder(1, 1000);  // bins of 10 cycles
        b.add(0, 3, 820, 4099);
        ThroughputSeries t = b.build(1000);
        long sum = 0;
        for (long x : t.bytes()[0]) sum += x;
        assertEquals(4099, sum);
        assertEquals(0, t.bytes()[0][83]);
        assertTrue(t.bytes()[0][82] > 0);
        // a full bin gets its share: 10 of 818 cycles
        assertEquals(4099 * 10 / 818, t.bytes()[0][40]);
    }

    @Test
    void noFramesNoRates() {
        ThroughputSeries t = ThroughputSeries.empty(3, 100_000);
        assertTrue(t.isEmpty());
        assertEquals(100, t.bins());
        assertEquals(1000, t.binCycles());
    }
}
