package director.tb.stim;

import org.junit.jupiter.api.Tag;
import director.rtl.params.DirectorParams;
import director.tb.model.SwitchConfig;
import director.tb.sim.DirectorSim.Injection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The balanced plan on its own (no model): the figures follow from the datasheet's port counts (spec/director.md:
 * vp780 = 24 InfiniBand hosts, 10 x 10GbE, 5 x FC, 10 Gb/s each, 780 Gb/s in and out together).
 */
@Tag("fast")
class LineRatePlanTest {
    static final long CYCLES = 60_000, WARMUP = 5_000;

    private static TrafficGenerator plan(String profile, long seed) {
        SwitchConfig cfg = SwitchConfig.of(DirectorParams.fromSpec(profile, java.util.Map.of()));
        return new TrafficGenerator(cfg, TrafficSpec.uniform(1.0).withPattern(TrafficSpec.Pattern.BALANCED), seed);
    }

    @Test
    void vp780EveryInputSendsItsFullLineAnd780GbpsInAll() {
        SwitchConfig cfg = SwitchConfig.of(DirectorParams.vp780());
        assertEquals(39, cfg.ports());
        assertEquals(24, cfg.hostPorts());
        TrafficGenerator g = plan("vp780", 1);
        List<Injection> frames = g.until(CYCLES);
        double[] wire = new double[cfg.ports()];
        for (Injection f : frames) wire[f.port()] += f.bytes().length + cfg.wireOverhead(f.port());
        double line = CYCLES * cfg.lineBytesPerCycle();
        double totalIn = 0;
        for (int p = 0; p < cfg.ports(); p++) {
            // frames are scheduled back to back: the last one may start just before the limit
            assertEquals(1.0, wire[p] / line, (cfg.maxPacketBytes() + 64) / line, "input " + p + " sends its whole line (to a frame)");
            totalIn += wire[p] / line * cfg.lineGbps();
        }
        assertEquals(390.0, totalIn, 1.0, "390 Gb/s into the director");
        double out = 0;
        for (int o = 0; o < cfg.ports(); o++) out += g.plan().given(o) / line * cfg.lineGbps();
        assertEquals(390.0, out, 390 * 0.03, "390 Gb/s asked of the outputs (the plan runs a backlog ahead of the window's end)");
    }

    @Test
    void vp780HostsSendAboutSixAndAQuarterGbpsToTheModulesAndTheModulesOnlyToHosts() {
        SwitchConfig cfg = SwitchConfig.of(DirectorParams.vp780());
        TrafficGenerator g = plan("vp780", 2);
        g.until(CYCLES);
        double line = CYCLES * cfg.lineBytesPerCycle();
        double toModules = 0;
        for (int o = cfg.hostPorts(); o < cfg.ports(); o++) toModules += g.plan().given(o) / line * cfg.lineGbps();
        assertEquals(150.0, toModules, 150 * 0.03, "the 15 module outputs take 150 Gb/s, all of it from the 24 hosts");
        assertEquals(6.25, toModules / cfg.hostPorts(), 0.2, "about 6.25 Gb/s a host");
    }

    @Test
    void noOutputOfTheIdealSwitchRunsDryAfterTheWarmUp() {
        for (long seed : new long[] {1, 2, 3}) {
            SwitchConfig cfg = SwitchConfig.of(DirectorParams.vp780());
            TrafficGenerator g = plan("vp780", seed);
            g.until(WARMUP);
            double[] before = new double[cfg.ports()];
            for (int o = 0; o < cfg.ports(); o++) before[o] = g.plan().idle(o);
            g.until(CYCLES);
            for (int o = 0; o < cfg.ports(); o++) {
                assertTrue(g.plan().idle(o) - before[o] <= 5, "seed " + seed + ": output " + o + " of an ideal output-queued switch idles "
                        + (g.plan().idle(o) - before[o]) + " cycles after the warm-up");
                double backlog = g.plan().freeAt(o) - CYCLES;
                assertTrue(backlog > 0 && backlog < 3 * LineRatePlan.BAND_CYCLES, "seed " + seed + ": output " + o + " backlog " + backlog + " cycles");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameFrames() {
        List<Injection> a = plan("gateway", 9).until(20_000), b = plan("gateway", 9).until(20_000);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).id(), b.get(i).id());
            assertEquals(a.get(i).earliestCycle(), b.get(i).earliestCycle());
            assertArrayEquals(a.get(i).bytes(), b.get(i).bytes());
        }
    }

    @Test
    void aProfileWithoutModulePortsStillBalancesItsHosts() {
        SwitchConfig cfg = SwitchConfig.of(DirectorParams.small());
        TrafficGenerator g = plan("small", 4);
        g.until(CYCLES);
        double line = CYCLES * cfg.lineBytesPerCycle();
        for (int o = 0; o < cfg.ports(); o++)
            assertEquals(1.0, g.plan().given(o) / line, 0.05, "output " + o);
    }
}
