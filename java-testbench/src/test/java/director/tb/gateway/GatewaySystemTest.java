package director.tb.gateway;

import director.rtl.params.DirectorParams;
import director.tb.model.DropReason;
import director.tb.report.RunReport;
import director.tb.run.RunConfig;
import director.tb.run.RunResult;
import director.tb.run.Testbench;
import director.tb.stim.Mix;
import director.tb.stim.TrafficSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The gateway profile (5 host ports, 3 x 10GbE) under mixed traffic, every frame checked by the scoreboard. */
class GatewaySystemTest {
    static final DirectorParams P = DirectorParams.gateway();

    private static RunResult run(RunConfig rc) {
        RunResult r = Testbench.run(rc);
        System.out.print(RunReport.text(r));
        return r;
    }

    @Test
    void mixedEthernetAndInfinibandTrafficIsForwardedExactly() {
        RunResult r = run(RunConfig.of(P, TrafficSpec.uniform(0.8).withMix(Mix.parse("eth=0.6,ib=0.4")), 60_000, 21)
                .withSl2Vl(RunConfig.Sl2VlPlan.MOD8));
        assertNull(r.fault());
        assertEquals(0, r.mismatches(), "every frame as the golden model predicts");
        assertEquals(0, r.lost());
        assertTrue(r.deliveredFrames() > 1000, "traffic flowed: " + r.deliveredFrames());
        for (int p : new int[] {5, 6, 7}) assertTrue(r.deliveredBytes()[p] > 0, "10GbE port " + p + " sent frames");
        assertEquals(r.dropsPredicted(), r.dropsCounted());
        assertTrue(r.clean());
    }
}
