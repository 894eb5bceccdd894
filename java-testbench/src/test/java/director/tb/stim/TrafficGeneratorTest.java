package director.tb.stim;

import director.tb.model.SwitchConfig;
import director.tb.sim.DirectorSim;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TrafficGeneratorTest {
    /** 4 ports, 3 data VLs. */
    private static final SwitchConfig CFG = new SwitchConfig("t", 4, 8, 250, 10.0, 4224, 4096, 256, 3, 3, 64);

    @Test
    void eachSlIsSentOnVlSlModDataVls() {
        TrafficSpec spec = TrafficSpec.uniform(1.0).withErrors(0.05, 0.05, 0.05).withCorrupt(0.2);
        List<DirectorSim.Injection> frames = new TrafficGenerator(CFG, spec, 42).until(200_000);
        int[] perVl = new int[16];
        for (DirectorSim.Injection f : frames) {
            byte[] b = f.bytes();
            if (b.length < 8 || b.length > CFG.maxPacketBytes()) continue;  // runts (random bytes) and oversize (VL0)
            int vl = (b[0] >> 4) & 0xf, sl = (b[1] >> 4) & 0xf;
            if (vl < 3) assertEquals(sl % 3, vl, "frame id " + f.id() + " SL " + sl);
            perVl[vl]++;
        }
        assertTrue(perVl[0] > 0 && perVl[1] > 0 && perVl[2] > 0, "every data VL used");
        assertTrue(perVl[15] > 0, "the VL15 corrupt kind stays on VL15");
        int badVl = 0;
        for (int v = 3; v < 15; v++) badVl += perVl[v];
        assertTrue(badVl > 0, "the bad-VL corrupt kind sends on VLs 3..14, which the switch does not have");
        assertTrue(badVl < perVl[0], "only the corrupt kind does");
    }

    @Test
    void framesAreTheSameForTheSameSeed() {
        TrafficSpec spec = TrafficSpec.uniform(0.5).withCorrupt(0.1);
        List<DirectorSim.Injection> a = new TrafficGenerator(CFG, spec, 7).until(20_000);
        List<DirectorSim.Injection> b = new TrafficGenerator(CFG, spec, 7).until(20_000);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).id(), b.get(i).id());
            assertArrayEquals(a.get(i).bytes(), b.get(i).bytes());
        }
    }
}
