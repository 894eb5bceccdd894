package director.tb.stim;

import director.rtl.params.DirectorParams;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Policer;
import director.tb.model.gateway.Shaper;
import director.tb.model.vlarb.VlTables;
import director.tb.sim.SimOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * --settings random: the same seed draws the same settings; over many seeds every setting stays in its legal range,
 * reaches both of its boundaries, and keeps the promises the draw makes (a usable entry for every data VL, partner
 * buffers that hold a VL at line rate, shapers fast enough to drain).
 */
@Tag("fast")
class RandomSettingsTest {
    static final SwitchConfig GW = SwitchConfig.of(DirectorParams.gateway());

    static RandomSettings draw(long seed) {
        return RandomSettings.draw(GW, VnicPlan.standard(GW), VnicPlan.vhbas(GW), seed, 60_000, 2_000_000);
    }

    @Test
    void theSameSeedDrawsTheSameSettingsAndAnotherSeedOthers() {
        assertEquals(draw(42), draw(42));
        assertEquals(draw(42).describe(), draw(42).describe());
        assertNotEquals(draw(42), draw(43));
    }

    @Test
    void everySettingStaysInItsRangeAndReachesItsBoundaries() {
        Set<String> seen = new HashSet<>();
        long floor = RandomSettings.minShaperKbps(GW, 60_000, 2_000_000);
        // 2 x 10 Gb/s x 60,000 / 2,000,000 = 0.6 Gb/s
        assertEquals(600_000, floor);
        for (long seed = 0; seed < 400; seed++) {
            RandomSettings s = draw(seed);
            VlTables t = s.tables();
            String where = "seed " + seed;
            assertTrue(t.high().size() <= GW.vlArbEntries() && t.low().size() <= GW.vlArbEntries(), where);
            for (int vl = 0; vl < GW.dataVls(); vl++) {
                final int v = vl;
                assertTrue(t.high().stream().anyMatch(e -> e.vl() == v && t.usable(e)) || t.low().stream().anyMatch(e -> e.vl() == v && t.usable(e)),
                        where + ": data VL " + vl + " has no usable entry");
            }
            if (t.limit() == 0) seen.add("limit 0");
            if (t.limit() == VlTables.UNLIMITED) seen.add("limit 255");
            if (t.high().isEmpty()) seen.add("high empty");
            if (t.high().size() == GW.vlArbEntries()) seen.add("high full");
            if (t.low().size() == GW.vlArbEntries()) seen.add("low full");
            for (var e : t.high()) { if (e.weight() == 0) seen.add("weight 0"); if (e.weight() == 255) seen.add("weight 255"); if (e.vl() >= GW.dataVls()) seen.add("vl not data"); }
            assertTrue(s.fcDelay() >= 1 && s.fcDelay() <= RandomSettings.MAX_FC_DELAY, where);
            if (s.fcDelay() == 1) seen.add("fc delay 1");
            assertTrue(s.partnerBlocks() >= RandomSettings.minPartnerBlocks(GW, s.fcDelay()) && s.partnerBlocks() <= SimOptions.MAX_PARTNER_BLOCKS, where);
            if (s.partnerBlocks() == SimOptions.MAX_PARTNER_BLOCKS) seen.add("blocks max");
            if (s.partnerBlocks() == RandomSettings.minPartnerBlocks(GW, s.fcDelay())) seen.add("blocks at the floor");
            assertEquals(GW.vnics(), s.policers().size(), where);
            assertEquals(GW.vhbas(), s.shapers().size(), where);
            for (Policer p : s.policers().values()) {
                if (!p.enabled()) { seen.add("policer off"); continue; }
                assertTrue(p.pirKbps() >= p.cirKbps(), where);
                for (long w : p.words()) { if (w == 0) seen.add("policer 0"); if (w == RandomSettings.MAX_RATE) seen.add("policer max"); if (w == 1) seen.add("policer 1"); }
            }
            for (Shaper h : s.shapers().values()) {
                if (!h.enabled()) { seen.add("shaper off"); continue; }
                assertTrue(h.cirKbps() >= floor, where + ": shaper CIR " + h.cirKbps() + " below " + floor);
                if (h.cirKbps() == RandomSettings.MAX_RATE) seen.add("shaper max");
                if (h.pirKbps() == 0) seen.add("shaper no peak");
                if (h.cbsBytes() == 0 || h.pbsBytes() == 0) seen.add("shaper burst 0");
            }
        }
        for (String b : new String[] {"limit 0", "limit 255", "high empty", "high full", "low full", "weight 0", "weight 255", "vl not data",
                "fc delay 1", "blocks max", "blocks at the floor", "policer off", "policer 0", "policer max", "policer 1", "shaper off", "shaper max",
                "shaper no peak", "shaper burst 0"})
            assertTrue(seen.contains(b), "400 seeds never drew: " + b);
    }

    @Test
    void partnerBuffersHoldALineOfCreditOverTheDelay() {
        // 5 bytes a cycle (10 Gb/s at 250 MHz) x 4096 cycles + 4224 = 24,704 bytes, a quarter more: 30,880 = 483 blocks
        assertEquals(483, RandomSettings.minPartnerBlocks(GW, 4096));
        // at delay 1: a largest packet and a quarter: ceil(1.25 x 4229 / 64) = 83 blocks
        assertEquals(83, RandomSettings.minPartnerBlocks(GW, 1));
        assertEquals(66, SimOptions.minPartnerBlocks(4224));
    }

    @Test
    void anEightPortProfileWithoutModulePortsDrawsNoPoliciesOrShapers() {
        SwitchConfig small = SwitchConfig.of(DirectorParams.small());
        RandomSettings s = RandomSettings.draw(small, VnicPlan.standard(small), VnicPlan.vhbas(small), 5, 20_000, 2_000_000);
        assertTrue(s.policers().isEmpty());
        assertTrue(s.shapers().isEmpty());
    }
}
