package director.tb.run;

import org.junit.jupiter.api.Tag;
import director.rtl.csr.CsrMap;
import director.rtl.params.DirectorParams;
import director.tb.check.VlShareCheck;
import director.tb.model.vlarb.VlTables;
import director.tb.report.RunReport;
import director.tb.sim.DirectorSim;
import director.tb.sim.SimException;
import director.tb.stim.TrafficSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Virtual lanes, credits and VL arbitration at system level (docs/virtual-lanes.md), on the small profile's port
 * silicon with 11 ports so that ten inputs can load one output tenfold. Every run is also fully checked by the
 * scoreboard and the golden model (per-VL counters included); the link partners fault the run if the switch ever
 * sends without credits.
 */
@Tag("system")
class VlSystemTest {
    static final DirectorParams P = DirectorParams.withOverridesJava(DirectorParams.small(), Map.of("ports", "11"));
    static final int OUT = 0;

    private static RunResult run(RunConfig rc) {
        RunResult r = Testbench.run(rc);
        System.out.print(RunReport.text(r));
        return r;
    }

    /** Every input sends everything to output 0 at {@code load}: SLs uniform, VL = SL mod 8 both at the host and
     *  through SL2VL, so all eight data VLs of output 0 are loaded alike. */
    private static RunConfig toOneOutput(double load, long cycles, long seed) {
        return RunConfig.of(P, TrafficSpec.uniform(load).withHotspot(OUT, 1.0), cycles, seed)
                .withSl2Vl(RunConfig.Sl2VlPlan.MOD8).withDrain(4_000_000);
    }

    private static VlTables tables(String csv) throws Exception {
        Path f = Files.createTempFile("vl-tables", ".csv");
        Files.writeString(f, csv);
        return VlTables.parse(f, P.dataVls(), P.vlArbEntries());
    }

    private static void assertClean(RunResult r) {
        assertNull(r.fault(), "no fault (a credit overrun at a link partner would be one)");
        assertEquals(0, r.mismatches(), "mismatches");
        assertEquals(0, r.lost(), "lost");
        assertTrue(r.clean());
        assertEquals(r.expectedBytes()[OUT], r.deliveredBytes()[OUT], "output 0 delivered everything expected");
    }

    @Test
    void tenfoldOverloadOnOneOutputLosesNothing() {
        RunResult r = run(toOneOutput(1.0, 20_000, 5));
        assertClean(r);
        assertTrue(r.gbps(RunResult.sum(r.offeredBytes())) > 100, "the offer really was 11 x one port's line rate");
        assertTrue(r.gbps(r.deliveredWindowBytes()[OUT]) > 9.5, "output 0 stayed busy: " + r.gbps(r.deliveredWindowBytes()[OUT]));
        // backpressure only: the inputs were held back by credits (per-VL quotas filled), nothing was dropped, and
        // what the switch took beyond what it sent fits its buffers
        assertTrue(RunResult.sum(r.acceptedBytes()) < 0.95 * RunResult.sum(r.offeredBytes()), "sources were held back");
        long held = RunResult.sum(r.acceptedBytes()) - r.deliveredWindowBytes()[OUT];
        long buffers = (long) P.ports() * (P.ingressBufferBytes() + (long) P.egressVlBytes() * P.lanes());
        assertTrue(held <= buffers, "held inside: " + held + " bytes, buffers " + buffers);
    }

    @Test
    void weightedTurnsAndSharesUnderSaturation() throws Exception {
        VlTables t = tables("""
                table,vl,weight
                low,0,16
                low,1,32
                low,2,64
                low,3,96
                low,4,128
                low,5,160
                low,6,192
                low,7,255
                """);
        RunResult r = run(toOneOutput(0.25, 100_000, 7).withLinks(Links.defaults().withTables(t)));
        assertClean(r);
        // saturated from 20000 cycles on: every VL of output 0 has a packet waiting and credits
        long from = r.vl().windowStart() + 20_000, to = r.vl().windowEnd();
        VlShareCheck.Result c = VlShareCheck.check(r.vl().sequence(OUT, from, to), t, P.maxPacketBytes());
        System.out.println(c.summary());
        assertTrue(c.ok(), c.summary());
        // shares: a round gives VL v at least 64 w_v bytes and less than 64 w_v + one packet, so its share lies in
        // [64 w_v / (64 W + 8 max), (64 w_v + max) / (64 W)] (W = sum of weights), give or take the partial rounds
        // at the two ends of the window
        int[] w = {16, 32, 64, 96, 128, 160, 192, 255};
        int sumW = 0;
        for (int x : w) sumW += x;
        long[] b = r.vl().bytesPerVl(OUT, from, to);
        long total = 0;
        for (long x : b) total += x;
        double edge = 2.0 * (64.0 * sumW + 8 * P.maxPacketBytes()) / total;
        for (int v = 0; v < 8; v++) {
            double lo = 64.0 * w[v] / (64.0 * sumW + 8 * P.maxPacketBytes()), hi = (64.0 * w[v] + P.maxPacketBytes()) / (64.0 * sumW);
            double got = (double) b[v] / total;
            System.out.printf("VL %d: weight share %.3f, delivered %.3f, bounds [%.3f, %.3f]%n", v, (double) w[v] / sumW, got, lo, hi);
            assertTrue(got >= lo - edge && got <= hi + edge, "VL " + v + " share " + got + " outside [" + lo + ", " + hi + "] +- " + edge);
        }
    }

    @Test
    void highPriorityNeverExceedsItsLimitAndLowStillGetsItsTurns() throws Exception {
        VlTables t = tables("""
                high,0,64
                high,1,64
                low,2,16
                low,3,16
                low,4,16
                low,5,16
                low,6,16
                low,7,16
                limit,1
                """);
        RunResult r = run(toOneOutput(0.4, 60_000, 9).withLinks(Links.defaults().withTables(t)));
        assertClean(r);
        long from = r.vl().windowStart() + 20_000, to = r.vl().windowEnd();
        List<VlShareCheck.Sent> seq = r.vl().sequence(OUT, from, to);
        VlShareCheck.Result c = VlShareCheck.check(seq, t, P.maxPacketBytes());
        System.out.println(c.summary());
        assertTrue(c.ok(), c.summary());
        // independently of the check: between two Low packets, High bytes <= 1 x 4096 + one max packet
        long high = 0, worst = 0;
        int lowPackets = 0;
        for (VlShareCheck.Sent s : seq) {
            if (s.vl() <= 1) { high += s.bytes(); worst = Math.max(worst, high); }
            else { high = 0; lowPackets++; }
        }
        assertTrue(worst <= 4096 + P.maxPacketBytes(), "high-priority run of " + worst + " bytes");
        assertTrue(worst > 4096 - P.maxPacketBytes(), "the limit, not the traffic, ended the high runs: " + worst);
        assertTrue(lowPackets > 20, "low priority kept getting packets through: " + lowPackets);
    }

    @Test
    void aCreditStarvedVlDoesNotSlowTheOthers() {
        RunConfig base = toOneOutput(0.25, 60_000, 13);
        RunResult a = run(base);
        // the same traffic; output 0's link partner returns no credits on VL 3 from the start to cycle 50000 (its
        // 256 blocks last VL3's eighth of the link about 26000 cycles)
        RunResult b = run(base.withLinks(Links.defaults().withStarve("0:3:0:50000", P.ports(), P.dataVls())));
        assertClean(a);
        assertClean(b);
        long from = b.vl().windowStart() + 30_000, to = b.vl().windowStart() + 50_000;
        long[] va = a.vl().bytesPerVl(OUT, from, to), vb = b.vl().bytesPerVl(OUT, from, to);
        long othersA = 0, othersB = 0;
        for (int v = 0; v < 8; v++) if (v != 3) { othersA += va[v]; othersB += vb[v]; }
        System.out.printf("VL3 starved: others %d -> %d bytes, VL3 %d -> %d bytes%n", othersA, othersB, va[3], vb[3]);
        assertEquals(0, vb[3], "no VL3 packet left while the partner returned no credits (its 256 blocks were used up)");
        assertTrue(othersB >= othersA, "the other VLs lost nothing: " + othersA + " -> " + othersB);
        assertTrue(othersB >= 0.97 * (vb[3] + othersB) && b.gbps(b.deliveredWindowBytes()[OUT]) > 9.0,
                "the link stayed busy with the other VLs");
        assertTrue(b.vl().creditStall()[OUT][3] > 15_000, "the RTL counted credit-stall cycles on VL3: " + b.vl().creditStall()[OUT][3]);
        assertEquals(0, b.vl().creditStall()[OUT][2], "VL2 never waited for credits");
    }

    @Test
    void aVlStarvedForeverStopsTheRunWithAMessageNamingPortAndVl() {
        // the partner never returns VL3's credits: the packets on VL3 can never leave; the watchdog stops the run
        RunResult r = run(toOneOutput(0.25, 20_000, 3).withWatchdog(5_000)
                .withLinks(Links.defaults().withStarve("0:3:0", P.ports(), P.dataVls())));
        assertNotNull(r.fault(), "the run cannot finish");
        String m = r.fault().getMessage();
        assertTrue(m.contains("watchdog") && m.contains("egress port 0 VL 3") && m.contains("consumes nothing"), m);
        assertEquals(0, r.mismatches(), "nothing wrong came out before");
    }

    @Test
    void aSlowLinkPartnerWithSmallBuffersIsNeverOverrun() {
        // 70 blocks of credit per VL (one largest packet fits), consumed at 30 blocks per 1000 cycles on every VL of
        // output 0: the switch must wait for credits constantly; the partner faults the run on any overrun
        Links slow = Links.defaults().withCredits(70, 200);
        for (int v = 0; v < 8; v++) slow = slow.withEvent(new Links.PartnerEvent(0, OUT, v, 30));
        RunResult r = run(toOneOutput(0.1, 60_000, 21).withLinks(slow));
        assertClean(r);
        long stalls = 0;
        for (int v = 0; v < 8; v++) stalls += r.vl().creditStall()[OUT][v];
        assertTrue(stalls > 10_000, "credit stalls counted: " + stalls);
        // 8 VLs x 30 blocks per 1000 cycles x 64 bytes = 15.4 bytes/cycle offered by credits, more than the line:
        // the port still ran close to line rate
        assertTrue(r.gbps(r.deliveredWindowBytes()[OUT]) > 8.0, "delivered " + r.gbps(r.deliveredWindowBytes()[OUT]));
    }

    @Test
    void tablesRewrittenWhileTrafficFlowsTakeEffect() throws Exception {
        // saturate output 0 on all eight VLs with table A, rewrite port 0's tables to B at cycle 40000 while the
        // packets flow, and check the turns against A before and against B after (one round of margin each side)
        VlTables a = tables("low,0,32\nlow,1,32\nlow,2,32\nlow,3,32\nlow,4,32\nlow,5,32\nlow,6,32\nlow,7,32\n");
        VlTables b = tables("low,7,255\nlow,6,128\nlow,5,64\nlow,4,32\nlow,3,16\nlow,2,8\nlow,1,4\nlow,0,2\n");
        RunConfig rc = toOneOutput(0.25, 1, 31);
        director.tb.model.SwitchConfig cfg = director.tb.model.SwitchConfig.of(P);
        director.tb.stim.TrafficGenerator gen = new director.tb.stim.TrafficGenerator(cfg, rc.traffic(), rc.seed());
        List<VlStats.Sent> out = new java.util.ArrayList<>();
        long pushed = 0, popped = 0, change;
        try (DirectorSim sim = DirectorSim.create(DirectorModel.library(P, false), DirectorEnv.simOptions(rc))) {
            director.tb.sim.Registers regs = new director.tb.sim.Registers(sim);
            DirectorEnv.programRoutes(regs, P.ports());
            DirectorEnv.programSl2Vl(regs, P.ports(), P.dataVls(), RunConfig.Sl2VlPlan.MOD8, rc.seed());
            DirectorEnv.programVlTables(regs, a, P.ports());
            long base = sim.status().cycle();
            java.util.function.Consumer<director.tb.sim.EgressFrame> take = f -> {
                if (f.port() == OUT) out.add(new VlStats.Sent(f.firstCycle(), (f.bytes()[0] >> 4) & 0xf, f.bytes().length));
            };
            long[] counts = new long[2];  // frames pushed, popped
            offer(sim, gen, 0, 40_000, base, take, counts);
            change = sim.status().cycle();
            DirectorEnv.programVlTables(regs, b, P.ports());  // every port, while the frames keep coming
            long shift = sim.status().cycle() - base - 40_000;  // the register writes took model cycles
            offer(sim, gen, 40_000, 80_000, base + shift, take, counts);
            pushed = counts[0];
            popped = counts[1];
            long end = sim.status().cycle();
            for (int i = 0; i < 400 && popped < pushed; i++) { sim.run(5000); popped += sim.popEgress(take); }
            assertEquals(pushed, popped, "every frame came out (all are routed to port 0)");
            List<VlShareCheck.Sent> before = new java.util.ArrayList<>(), after = new java.util.ArrayList<>();
            for (VlStats.Sent s : out) {
                if (s.cycle() >= base + 15_000 && s.cycle() < change) before.add(new VlShareCheck.Sent(s.vl(), s.bytes()));
                if (s.cycle() >= change + 15_000 && s.cycle() < end) after.add(new VlShareCheck.Sent(s.vl(), s.bytes()));
            }
            VlShareCheck.Result ra = VlShareCheck.check(before, a, P.maxPacketBytes()), rb = VlShareCheck.check(after, b, P.maxPacketBytes());
            System.out.println("before the change: " + ra.summary() + "\nafter the change: " + rb.summary());
            assertTrue(ra.ok(), "table A before the change: " + ra.summary());
            assertTrue(rb.ok(), "table B after the change: " + rb.summary());
            assertTrue(after.size() > 50 && before.size() > 50, "enough packets: " + before.size() + ", " + after.size());
            assertFalse(VlShareCheck.check(after, a, P.maxPacketBytes()).ok(), "after the change table A no longer describes the turns");
        }
    }

    /** Offers the generator's frames of generator cycles [from, to) in steps of 1000 cycles, shifted to model cycle
     *  {@code base}, and takes what leaves; counts[0] += frames pushed, counts[1] += frames popped. */
    private static void offer(DirectorSim sim, director.tb.stim.TrafficGenerator gen, long from, long to, long base,
                              java.util.function.Consumer<director.tb.sim.EgressFrame> take, long[] counts) {
        for (long c = from; c < to; c += 1000) {
            List<DirectorSim.Injection> in = new java.util.ArrayList<>();
            for (DirectorSim.Injection f : gen.until(c + 1000)) in.add(new DirectorSim.Injection(f.port(), f.id(), f.earliestCycle() + base, f.bytes()));
            counts[0] += in.size();
            sim.push(in);
            sim.run(1000);
            counts[1] += sim.popEgress(take);
        }
    }

    @Test
    void vlRegistersReadBackAndRejectBadWrites() {
        try (DirectorSim sim = DirectorSim.create(DirectorModel.library(P, false), DirectorEnv.simOptions(RunConfig.of(P, TrafficSpec.uniform(1), 1, 1)))) {
            // reset values: Low entry k = (VL k, weight 64) for k < 8, everything else 0, limit 0
            for (int k = 0; k < 8; k++) assertEquals(k | 64 << 8, sim.csrRead(CsrMap.vlArbLowAddr(5, k)), "Low entry " + k);
            assertEquals(0, sim.csrRead(CsrMap.vlArbLowAddr(5, 8)));
            assertEquals(0, sim.csrRead(CsrMap.vlArbHighAddr(5, 0)));
            assertEquals(0, sim.csrRead(CsrMap.vlArbLimitAddr(5)));
            sim.csrWrite(CsrMap.vlArbHighAddr(5, 63), CsrMap.vlArbEntryWord(7, 200));
            sim.csrWrite(CsrMap.vlArbLowAddr(5, 2), CsrMap.vlArbEntryWord(15, 1));
            sim.csrWrite(CsrMap.vlArbLimitAddr(5), 255);
            assertEquals(7 | 200 << 8, sim.csrRead(CsrMap.vlArbHighAddr(5, 63)));
            assertEquals(15 | 1 << 8, sim.csrRead(CsrMap.vlArbLowAddr(5, 2)));
            assertEquals(255, sim.csrRead(CsrMap.vlArbLimitAddr(5)));
            assertEquals(0, sim.csrRead(CsrMap.vlArbHighAddr(4, 63)), "another port's table is untouched");
            assertThrows(SimException.class, () -> sim.csrWrite(CsrMap.vlArbHighAddr(5, 0), 0x10000), "bits above the weight");
            assertThrows(SimException.class, () -> sim.csrWrite(CsrMap.vlArbHighAddr(5, 0), 0x30), "bits between VL and weight");
            assertThrows(SimException.class, () -> sim.csrWrite(CsrMap.vlArbLimitAddr(5), 256), "limit above 255");
            assertThrows(SimException.class, () -> sim.csrRead(CsrMap.vlArbHighAddr(11, 0)), "port 11 does not exist");
            assertThrows(SimException.class, () -> sim.csrRead(CsrMap.vlArbLimitAddr(5) + 1), "nothing after the limit");
            assertThrows(SimException.class, () -> sim.csrWrite(CsrMap.vlCounterAddr(0, 0, 0), 1), "counters are read only");
            assertThrows(SimException.class, () -> sim.csrRead(CsrMap.vlCounterAddr(0, 0, 5)), "no per-VL counter 5");
            assertEquals(8, CsrMap.ParamsField$.MODULE$.DataVls().get(sim.csrRead(CsrMap.ParamsAddr())), "PARAMS reports 8 data VLs");
        }
    }
}
