package director.tb.model;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Hand-worked cases at 5 bytes per cycle (10 Gb/s at 250 MHz). */
@Tag("fast")
class OutputQueuedReferenceTest {
    @Test
    void oneOutputServesInArrivalOrderAtLineRate() {
        OutputQueuedReference q = new OutputQueuedReference(2, 5.0);
        q.add(0, 0, 500);    // arrives by 100, sends 100..200
        q.add(0, 0, 1000);   // arrives by 200, sends 200..400
        q.add(1, 50, 100);   // arrives by 70, sends 70..90 on port 1
        assertArrayEquals(new long[] {0, 0}, q.deliveredBy(70));
        assertArrayEquals(new long[] {250, 100}, q.deliveredBy(150));
        assertArrayEquals(new long[] {500, 100}, q.deliveredBy(200));
        assertArrayEquals(new long[] {1000, 100}, q.deliveredBy(300));
        assertArrayEquals(new long[] {1500, 100}, q.deliveredBy(1000));
    }

    @Test
    void twoInputsToOneOutputQueueBehindEachOther() {
        OutputQueuedReference q = new OutputQueuedReference(1, 5.0);
        q.add(0, 0, 100);  // arrives by 20
        q.add(0, 0, 100);  // arrives by 20 too: waits until 40
        assertArrayEquals(new long[] {100}, q.deliveredBy(40));
        assertArrayEquals(new long[] {150}, q.deliveredBy(50));
        assertArrayEquals(new long[] {200}, q.deliveredBy(60));
    }
}
