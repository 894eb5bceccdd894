package director.tb.stim.workload;

import org.junit.jupiter.api.Tag;
import director.rtl.params.DirectorParams;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.stim.Addressing;
import director.tb.stim.Mix;
import director.tb.stim.VnicPlan;
import director.tb.stim.trace.TraceFrame;
import director.tb.stim.trace.TraceRow;
import director.tb.stim.trace.TraceRow.Protocol;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

@Tag("fast")
class WorkloadTraceTest {
    /** 5 host ports, 10GbE ports 5 and 6, FC port 7, 10 Gb/s. */
    private static final SwitchConfig CFG = SwitchConfig.of(DirectorParams.fromSpec("gateway", Map.of()));
    private static final Mix MIX = Mix.parse("eth=0.6,fc=0.3,ib=0.1");
    private static final long TWO_MS = 2_000_000;

    private static FlowSizeCdf cdf(String name) {
        return FlowSizeCdf.read(FlowSizeCdfTest.workload(name));
    }

    /**
     * Offered load 0.5 with the real workloads: flow bytes per port over 2 ms traces, against 0.5 x 1.25 GB/s x 2 ms
     * = 1.25 MB.
     *
     * <p>One port's bytes in one 2 ms trace cannot be held to 5% with these heavy-tailed sizes: with Poisson arrivals
     * they vary by about 110% (hadoop) and 125% (websearch) of the mean from trace to trace (measured; a single
     * websearch flow can be 30 MB, twelve times what the port sends in 2 ms). So this check averages 1,000 seeds: the
     * mean over every port and seed (8,000 port-traces, standard error 1.2% and 1.4%) within 5%, and each port's mean
     * over the seeds (standard error 3.5% and 4%) within 15%. {@link #offeredBytesOfEachPortWithLightTailedSizes}
     * holds every port to 5%. Both also check the steady-state start: starting idle, the mean would be about 56%
     * (hadoop) and 25% (websearch) of the target.
     */
    @Test
    void offeredBytesMatchTheLoadWithTheRealWorkloads() {
        offered(cdf("hadoop.cdf"), 1000, 0.15, 0.05);
        offered(cdf("websearch.cdf"), 1000, 0.15, 0.05);
    }

    /**
     * Flow sizes uniform in 500..2500 bytes: one port's bytes in 2 ms vary by 3.7% (Poisson count of about 830
     * flows, sizes' spread), so 16 seeds put each port's mean within 5% with room to spare (standard error 0.9%).
     */
    @Test
    void offeredBytesOfEachPortWithLightTailedSizes() {
        offered(FlowSizeCdf.parse("light.cdf", "500 0\n2500 100\n"), 16, 0.05, 0.02);
    }

    private static void offered(FlowSizeCdf sizes, int seeds, double perPortTolerance, double overallTolerance) {
        double target = 0.5 * CFG.lineGbps() / 8 * TWO_MS;   // bytes per port
        double[] perPort = new double[CFG.ports()];
        for (int s = 0; s < seeds; s++)
            for (TraceRow r : WorkloadTrace.generate(CFG, sizes, MIX, 0.5, TWO_MS, 1000 + s))
                perPort[r.port()] += FlowFraming.carriedBytes(r);
        double all = 0;
        for (int p = 0; p < CFG.ports(); p++) {
            double mean = perPort[p] / seeds;
            all += mean;
            assertEquals(1.0, mean / target, perPortTolerance,
                    sizes.name() + ": port " + p + " offers " + mean + " B per 2 ms, target " + target);
        }
        assertEquals(1.0, all / CFG.ports() / target, overallTolerance,
                sizes.name() + ": mean over ports " + all / CFG.ports() + " B, target " + target);
    }

    @Test
    void rowsAreSortedInsideTheDurationAndComplete() {
        List<TraceRow> rows = WorkloadTrace.generate(CFG, cdf("hadoop.cdf"), MIX, 0.5, TWO_MS, 5);
        assertFalse(rows.isEmpty());
        Set<Protocol> seen = EnumSet.noneOf(Protocol.class);
        long line = 2;
        TraceRow prev = null;
        for (TraceRow r : rows) {
            String what = r.where() + " " + r;
            assertEquals(line++, r.line(), what);
            assertEquals("workload:hadoop.cdf", r.file());
            assertEquals(TraceFrame.TimeBase.NS, r.base());
            assertTrue(r.time() >= 0 && r.time() < TWO_MS, what);
            if (prev != null) {
                assertTrue(r.time() >= prev.time(), "times never decrease: " + what);
                if (r.time() == prev.time()) assertTrue(r.port() >= prev.port(), "ties by port: " + what);
            }
            assertNull(r.payload(), what);
            assertNotNull(r.seed(), what);
            assertNotNull(r.size(), what);
            seen.add(r.protocol());
            prev = r;
        }
        assertEquals(EnumSet.allOf(Protocol.class), seen, "every protocol in the mix and at the module ports");
        assertTrue(rows.get(0).time() < 2_000, "the trace starts in steady state: frames from t = 0, got " + rows.get(0));
        assertTrue(rows.get(rows.size() - 1).time() > TWO_MS - 2_000, "and runs to the end");
    }

    @Test
    void everyRowHasTheEndpointsAndSizesOfItsProtocol() {
        Map<Integer, List<Vnic>> vnicsOf = new HashMap<>();
        Map<Integer, List<Vhba>> vhbasOf = new HashMap<>();
        for (Vnic v : VnicPlan.standard(CFG)) {
            vnicsOf.computeIfAbsent(v.hostPort(), k -> new ArrayList<>()).add(v);
            vnicsOf.computeIfAbsent(v.modulePort(), k -> new ArrayList<>()).add(v);
        }
        for (Vhba v : VnicPlan.vhbas(CFG)) {
            vhbasOf.computeIfAbsent(v.hostPort(), k -> new ArrayList<>()).add(v);
            vhbasOf.computeIfAbsent(v.fcPort(), k -> new ArrayList<>()).add(v);
        }
        for (TraceRow r : WorkloadTrace.generate(CFG, cdf("websearch.cdf"), MIX, 0.5, TWO_MS, 6)) {
            String what = r.where() + " " + r;
            int p = r.port();
            int size = r.size();
            switch (r.protocol()) {
                case IB -> {
                    assertTrue(CFG.isHost(p), what);
                    assertTrue(r.dlid() != Addressing.lid(p) && r.dlid() >= Addressing.lid(0)
                            && r.dlid() <= Addressing.lid(CFG.hostPorts() - 1), "another host: " + what);
                    assertTrue(r.sl() >= 0 && r.sl() < 2, what);
                    assertTrue(size >= 1 && size <= CFG.mtuBytes(), what);
                }
                case EOIB, ETH -> {
                    boolean host = r.protocol() == Protocol.EOIB;
                    assertEquals(host, CFG.isHost(p), what);
                    assertTrue(host || CFG.isEth(p), what);
                    long vnicMac = host ? r.srcMac() : r.dstMac();
                    long lanMac = host ? r.dstMac() : r.srcMac();
                    Vnic v = vnicsOf.get(p).stream().filter(x -> x.mac() == vnicMac).findFirst().orElse(null);
                    assertNotNull(v, "a vNIC of port " + p + ": " + what);
                    assertEquals(0x0A, lanMac >>> 40, "a LAN MAC: " + what);
                    assertTrue(java.util.Arrays.stream(v.vlans()).anyMatch(x -> x == r.vlan()), "a VLAN of the vNIC: " + what);
                    int max = r.vlan() == 0 ? 1518 : 1522;
                    assertTrue(size >= 64 && size <= max, what);
                }
                case FCOIB, FC -> {
                    boolean host = r.protocol() == Protocol.FCOIB;
                    assertEquals(host, CFG.isHost(p), what);
                    assertTrue(host || CFG.isFc(p), what);
                    int vhbaId = host ? r.sId() : r.dId();
                    int target = host ? r.dId() : r.sId();
                    assertTrue(vhbasOf.get(p).stream().anyMatch(x -> x.fcId() == vhbaId), "a vHBA of port " + p + ": " + what);
                    assertEquals(VnicPlan.SAN_FCID_BASE >> 16, target >> 16, "a SAN target: " + what);
                    assertTrue(size >= 4 && size <= 2048 && size % 4 == 0, what);
                }
            }
        }
    }

    /**
     * Flows of exactly 10,000 bytes, IB only: each is three packets of 4096, 4096 and 1808 payload bytes, 3,304 ns
     * apart (28 header + 4096 + 6 CRC bytes at 1.25 bytes/ns); a flow running over time 0 or the end shows only its
     * frames inside. A flow is told by its (port, DLID, SL, QP). (The module ports send their own protocols.)
     */
    @Test
    void aFlowIsCutIntoFullFramesSentBackToBack() {
        FlowSizeCdf tenK = FlowSizeCdf.parse("10k.cdf", "10000 0\n10000 100\n");
        Map<List<Integer>, List<TraceRow>> flows = new HashMap<>();
        for (TraceRow r : WorkloadTrace.generate(CFG, tenK, Mix.IB_ONLY, 0.3, TWO_MS, 7))
            if (r.protocol() == Protocol.IB) flows.computeIfAbsent(List.of(r.port(), r.dlid(), r.sl(), r.qp()), k -> new ArrayList<>()).add(r);
        int whole = 0;
        List<Integer> sizes = List.of(4096, 4096, 1808);
        for (List<TraceRow> f : flows.values()) {
            List<Integer> got = f.stream().map(TraceRow::size).toList();
            TraceRow first = f.get(0), last = f.get(f.size() - 1);
            boolean cutAtStart = first.time() < 3304 * 2, cutAtEnd = last.time() >= TWO_MS - 3304 * 2;
            assertTrue(got.equals(sizes) || (cutAtStart && got.equals(sizes.subList(3 - got.size(), 3)))
                    || (cutAtEnd && got.equals(sizes.subList(0, got.size()))), "flow " + f);
            for (int i = 1; i < f.size(); i++)
                assertEquals(3304, f.get(i).time() - f.get(i - 1).time(), 1, "back to back at line rate: " + f);
            if (got.equals(sizes)) whole++;
        }
        // 0.3 x 1.25 GB/s / 10 kB = 37.5 flows per ms per host: about 375 over 5 hosts in 2 ms
        assertTrue(whole > 300 && whole < 450, whole + " whole flows");
    }

    @Test
    void ethernetFlowsUseFullFramesTaggedOrNot() {
        FlowSizeCdf threeK = FlowSizeCdf.parse("3k.cdf", "3000 0\n3000 100\n");
        int tagged = 0, untagged = 0;
        for (TraceRow r : WorkloadTrace.generate(CFG, threeK, MIX, 0.2, TWO_MS, 8)) {
            if (r.protocol() != Protocol.ETH && r.protocol() != Protocol.EOIB) continue;
            if (r.vlan() == 0) { assertEquals(1518, r.size()); untagged++; }
            else { assertEquals(1522, r.size()); tagged++; }
            assertEquals(1500, FlowFraming.carriedBytes(r));
        }
        assertTrue(tagged > 100 && untagged > 100, tagged + " tagged, " + untagged + " untagged");
    }

    /** FlowFraming's wire sizes against the frames the codecs build. */
    @Test
    void wireBytesAreThoseOfTheEncodedFrames() {
        director.tb.frame.UdRoute route = new director.tb.frame.UdRoute(0, 0, 2, 1, 0x100, 2);
        for (int size : new int[] {1, 2, 3, 4, 5, 100, 1808, 4096}) {
            assertEquals(route.packet(new byte[size]).encode().length, FlowFraming.wireBytes(Protocol.IB, size), "ib " + size);
        }
        for (int size : new int[] {64, 65, 66, 67, 68, 1518, 1522}) {
            byte[] frame = new byte[size - 4];
            assertEquals(director.tb.frame.Eoib.encapsulate(frame, route).length, FlowFraming.wireBytes(Protocol.EOIB, size),
                    "eoib " + size);
            assertEquals(size + 20, FlowFraming.wireBytes(Protocol.ETH, size));
        }
        for (int size : new int[] {4, 8, 2048}) {
            director.tb.frame.FcFrame f = new director.tb.frame.FcFrame(
                    new director.tb.frame.FcHeader(1, 2, 0, 3, 8, 0x290000, 0, 0, 0, 0, 0xFFFF, 0), new byte[size]);
            assertEquals(director.tb.frame.Fcoib.encapsulate(director.tb.frame.FcSof.SOFN3, f, director.tb.frame.FcEof.EOFN, route).length,
                    FlowFraming.wireBytes(Protocol.FCOIB, size), "fcoib " + size);
            assertEquals(f.portBytes(director.tb.frame.FcSof.SOFN3, director.tb.frame.FcEof.EOFN).length + 30,
                    FlowFraming.wireBytes(Protocol.FC, size), "fc " + size);
        }
        assertEquals(1500, FlowFraming.maxChunk(CFG, Protocol.ETH, true));
        assertEquals(CFG.mtuBytes(), FlowFraming.maxChunk(CFG, Protocol.IB, false));
        assertEquals(2048, FlowFraming.maxChunk(CFG, Protocol.FCOIB, false));
        assertEquals(64, FlowFraming.rowSize(Protocol.ETH, 1, false));
        assertEquals(8, FlowFraming.rowSize(Protocol.FC, 5, false));
    }

    @Test
    void theSameSeedGivesTheSameRows() {
        FlowSizeCdf sizes = cdf("hadoop.cdf");
        List<TraceRow> a = WorkloadTrace.generate(CFG, sizes, MIX, 0.4, 500_000, 11);
        assertEquals(a, WorkloadTrace.generate(CFG, sizes, MIX, 0.4, 500_000, 11));
        assertNotEquals(a, WorkloadTrace.generate(CFG, sizes, MIX, 0.4, 500_000, 12));
    }

    @Test
    void badArgumentsAreRefusedAndDescribeIsOneLine() {
        FlowSizeCdf sizes = cdf("hadoop.cdf");
        assertEquals("--load: must be in (0, 1], got 0.0",
                assertThrows(IllegalArgumentException.class, () -> WorkloadTrace.generate(CFG, sizes, MIX, 0, TWO_MS, 1)).getMessage());
        assertEquals("duration: must be > 0 ns, got 0",
                assertThrows(IllegalArgumentException.class, () -> WorkloadTrace.generate(CFG, sizes, MIX, 0.5, 0, 1)).getMessage());
        SwitchConfig small = SwitchConfig.of(DirectorParams.fromSpec("small", Map.of()));
        assertEquals("--mix: fc share 0.30 but profile 'small' has no FC ports (try --profile gateway)",
                assertThrows(IllegalArgumentException.class, () -> WorkloadTrace.generate(small, sizes, MIX, 0.5, TWO_MS, 1)).getMessage());
        assertEquals("workload hadoop.cdf (20 points, 0..10000000 B, mean 120421 B), load 0.50 of 10 Gb/s per source port "
                        + "(8 of 8 ports), mix eth=0.60,fc=0.30,ib=0.10 at host ports, 2000000 ns, seed 1",
                WorkloadTrace.describe(CFG, sizes, MIX, 0.5, TWO_MS, 1));
    }
}
