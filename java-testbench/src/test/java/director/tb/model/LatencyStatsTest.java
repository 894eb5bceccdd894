package director.tb.model;

import org.junit.jupiter.api.Tag;
import director.tb.check.LatencyStats;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("fast")
class LatencyStatsTest {
    @Test
    void nearestRankPercentiles() {
        LatencyStats s = new LatencyStats();
        for (int i = 100; i >= 1; i--) s.add(i);
        assertEquals(50, s.percentile(0.5));
        assertEquals(99, s.percentile(0.99));
        assertEquals(100, s.percentile(1.0));
        assertEquals(1, s.percentile(0.0));
        assertEquals(50.5, s.mean(), 1e-9);
    }
}
