package director.tb.gateway;

import org.junit.jupiter.api.Tag;
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

/** The gateway profile (5 host ports, 10GbE ports 5 and 6, FC port 7) under mixed traffic, every frame checked by the scoreboard. */
@Tag("system")
class GatewaySystemTest {
    static final DirectorParams P = DirectorParams.gateway();

    private static RunResult run(RunConfig rc) {
        RunResult r = Testbench.run(rc);
        System.out.print(RunReport.text(r));
        return r;
    }

    @Test
    void mixedEthernetFibreChannelAndInfinibandTrafficIsForwardedExactly() {
        RunResult r = run(RunConfig.of(P, TrafficSpec.uniform(0.8).withMix(Mix.parse("eth=0.5,fc=0.3,ib=0.2")), 60_000, 21)
                .withSl2Vl(RunConfig.Sl2VlPlan.MOD8));
        assertNull(r.fault());
        assertEquals(0, r.mismatches(), "every frame as the golden model predicts");
        assertEquals(0, r.lost());
        assertTrue(r.deliveredFrames() > 1000, "traffic flowed: " + r.deliveredFrames());
        for (int p : new int[] {5, 6, 7}) assertTrue(r.deliveredBytes()[p] > 0, "module port " + p + " sent frames");
        assertEquals(r.dropsPredicted(), r.dropsCounted());
        assertTrue(r.clean());
        assertTrue(r.gateway().frames(director.tb.run.GatewayStats.Proto.ETH_TO_LAN) > 100);
        assertTrue(r.gateway().frames(director.tb.run.GatewayStats.Proto.ETH_TO_SERVER) > 100);
        assertTrue(r.gateway().frames(director.tb.run.GatewayStats.Proto.IB) > 100);
        assertTrue(r.gateway().frames(director.tb.run.GatewayStats.Proto.FC_TO_SAN) > 50);
        assertTrue(r.gateway().frames(director.tb.run.GatewayStats.Proto.FC_TO_SERVER) > 50);
        assertTrue(r.gateway().frames(director.tb.run.GatewayStats.Proto.ETH_LOCAL) > 0, "vNIC-to-vNIC frames switched inside");
    }

    /** Gateway error frames among the traffic (--corrupt): every gateway drop reason happens, each counted by the RTL
     *  exactly as the golden model predicts, and every good frame still arrives. */
    @Test
    void everyGatewayDropReasonIsCountedAsPredicted() {
        RunResult r = run(RunConfig.of(P, TrafficSpec.uniform(0.8).withMix(Mix.parse("eth=0.45,fc=0.45,ib=0.1")).withCorrupt(0.15), 80_000, 31)
                .withSl2Vl(RunConfig.Sl2VlPlan.MOD8));
        assertTrue(r.clean(), "0 mismatches, 0 lost, drops counted as predicted");
        for (DropReason d : DropReason.values())
            if (d.isGateway() && d != DropReason.POLICED) assertTrue(r.dropsPredicted().get(d) > 0, d + " exercised: " + r.dropsPredicted());
        assertEquals(r.dropsPredicted(), r.dropsCounted());
    }

    /**
     * Migration: every vNIC and every vHBA is rebound to another host port (new DLID, new QP) while LAN and SAN
     * traffic to it flows; every frame decided before the commit cycle must reach the old binding, every later one
     * the new, none lost, duplicated or reordered (the scoreboard's exact check with the golden model's table
     * history).
     */
    @Test
    void everyVnicAndVhbaMigratesWhileTrafficFlows() {
        RunConfig rc = RunConfig.of(P, TrafficSpec.uniform(0.9).withMix(Mix.parse("eth=0.4,fc=0.3,ib=0.3")), 40_000, 8)
                .withSl2Vl(RunConfig.Sl2VlPlan.MOD8);
        var cfg = director.tb.model.SwitchConfig.of(P);
        java.util.List<Integer> hostOf = new java.util.ArrayList<>(), vhbaHostOf = new java.util.ArrayList<>();
        for (var v : director.tb.stim.VnicPlan.standard(cfg)) hostOf.add(v.hostPort());
        for (var v : director.tb.stim.VnicPlan.vhbas(cfg)) vhbaHostOf.add(v.hostPort());
        var migration = director.tb.run.Scenario.migrationOfEveryEntry(rc.cycles(), P.hostPorts(), hostOf, vhbaHostOf);
        assertEquals(hostOf.size() + vhbaHostOf.size(), migration.migrations().size());
        RunResult r = run(rc.withScenario(migration));
        assertNull(r.fault());
        assertEquals(0, r.mismatches(), "every frame to the binding in force when it was decided");
        assertEquals(0, r.lost());
        assertTrue(r.clean());
        for (int v = 0; v < hostOf.size(); v++) assertTrue(r.gateway().vnicFrames(v, false) > 10, "vNIC " + v + " received LAN frames");
        for (int h = 0; h < vhbaHostOf.size(); h++) assertTrue(r.gateway().vhbaFrames(h, false) > 0, "vHBA " + h + " received SAN frames");
    }

    /**
     * QoS: every vNIC policed (CIR = PIR, sums under 90% of each host's and 10GbE port's line), each host offering its full line rate
     * of EoIB: every policer decision exactly as the golden model's (drops counted alike), and the rate each vNIC's
     * policer let through (from its first to its last decision, less the initial burst) within 5% of its CIR.
     */
    @Test
    void policedVnicsKeepTheirCir() {
        var cfg = director.tb.model.SwitchConfig.of(P);
        var vnics = director.tb.stim.VnicPlan.standard(cfg);
        var qos = director.tb.run.Scenario.qos(vnics, director.tb.stim.VnicPlan.vhbas(cfg), cfg.hostPorts(), P.lineGbps(), P.ethMaxFrameBytes());
        RunConfig rc = RunConfig.of(P, TrafficSpec.uniform(1.0).withMix(Mix.parse("eth=1")), 150_000, 12).withScenario(qos);
        RunResult r = run(rc);
        assertTrue(r.clean(), "every frame and every policer drop as predicted");
        assertTrue(r.dropsCounted().get(DropReason.POLICED) > 1000, "the policers were busy: " + r.dropsCounted().get(DropReason.POLICED));
        for (int v = 0; v < vnics.size(); v++) {
            var pol = qos.policers().get(v);
            double rate = r.gateway().policerRate(v);
            double cir = pol.cirKbps() * 1000.0;
            assertEquals(cir, rate, 0.05 * cir, "vNIC " + v + ": " + rate / 1e9 + " Gb/s against its CIR " + cir / 1e9);
            assertTrue(r.gateway().policedFrames(v) > 0, "vNIC " + v + " was over its CIR");
        }
    }

    /**
     * QoS, the vHBA shaper: the 15 shaped vHBAs of {@code --scenario qos} (CIR 0.333 or 0.667 Gb/s, summing with the
     * one unshaped vHBA to 80% of the FC port) offered about 2.5 Gb/s each of FCoIB (load 0.8 from every host port,
     * 2.0 Gb/s a vHBA on host port 0, which has four) for 200 us: nothing is dropped and nothing lost (every frame as
     * the golden model predicts, in order, the host ports held back by credits), and each shaped vHBA leaves its FC
     * port at its CIR within 5% (measured within 0.6%), so the larger CIR class leaves twice as fast. Without the
     * shapers the same traffic leaves at about the FC port's fair share (0.35-0.8 Gb/s), the two classes alike
     * (measured 1.0x): the shaper is what holds them.
     */
    @Test
    void shapedVhbasLoseNothingAndKeepTheirCir() {
        var cfg = director.tb.model.SwitchConfig.of(P);
        var qos = director.tb.run.Scenario.qos(director.tb.stim.VnicPlan.standard(cfg), director.tb.stim.VnicPlan.vhbas(cfg),
                cfg.hostPorts(), P.lineGbps(), P.ethMaxFrameBytes());
        RunConfig base = RunConfig.of(P, TrafficSpec.uniform(0.8).withMix(Mix.parse("fc=1")), 50_000, 14)
                .withSl2Vl(RunConfig.Sl2VlPlan.MOD8);
        RunResult r = run(base.withScenario(qos));
        assertTrue(r.clean(), "every frame as predicted, none lost");
        assertTrue(director.tb.report.RunReport.lineRatePass(r), "every output but the shaped FC port kept up with the ideal OQ switch");
        assertEquals(0L, r.dropsCounted().values().stream().mapToLong(Long::longValue).sum(), "nothing dropped: " + r.dropsCounted());
        assertEquals(15, qos.shapers().size());
        for (var e : qos.shapers().entrySet()) {
            double cir = e.getValue().cirKbps() * 1000.0;
            double rate = r.gateway().shaperRate(e.getKey());
            assertEquals(cir, rate, 0.05 * cir, "vHBA " + e.getKey() + ": " + rate / 1e9 + " Gb/s against its CIR " + cir / 1e9);
        }
        // unshaped, the 2:1 CIR classes leave at about the FC port's fair share alike: the shaper makes the difference
        RunResult free = run(base);
        assertTrue(free.clean());
        double[] sum = new double[2];
        int[] count = new int[2];
        StringBuilder rates = new StringBuilder();
        for (var e : qos.shapers().entrySet()) {
            double unshaped = free.gateway().sanRate(e.getKey());
            int cls = e.getValue().cirKbps() > 400_000 ? 1 : 0;
            sum[cls] += unshaped;
            count[cls]++;
            rates.append(String.format(java.util.Locale.ROOT, " %d: %.3f", e.getKey(), unshaped / 1e9));
        }
        double ratio = (sum[1] / count[1]) / (sum[0] / count[0]);
        assertTrue(ratio < 1.3, "unshaped, the vHBAs of the larger CIR leave " + ratio + "x as fast as the others (Gb/s):" + rates);
    }

    /** The captures of a mixed run, read by tshark: every 10GbE frame is Ethernet with a good FCS, every FC frame FC
     *  with a good CRC, every packet a host received from the LAN or the SAN decodes as EoIB carrying Ethernet or as
     *  FCoIB carrying FC with a good CRC. */
    @Test
    void capturesDecodeInTshark(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        director.tb.tools.RequiredTools.tshark();
        RunResult r = run(RunConfig.of(P, TrafficSpec.uniform(0.5).withMix(Mix.parse("eth=0.5,fc=0.3,ib=0.2")), 15_000, 4).withCapture(dir));
        assertTrue(r.clean());
        var fcRows = director.tb.io.Tshark.fields(dir.resolve("port-07.pcap"), java.util.List.of(), java.util.List.of("frame.protocols", "fc.crc.status"));
        assertEquals(r.gateway().frames(director.tb.run.GatewayStats.Proto.FC_TO_SAN), fcRows.size(), "every frame to the SAN captured");
        for (var row : fcRows) {
            assertTrue(row.get("frame.protocols").contains("fc"), row.toString());
            assertEquals("1", row.get("fc.crc.status"), "FC CRC good: " + row);
        }
        long ethFrames = 0;
        for (int p = 5; p < 7; p++) {
            var rows = director.tb.io.Tshark.fields(dir.resolve(String.format("port-%02d.pcap", p)), java.util.List.of("-o", "eth.check_fcs:TRUE"),
                    java.util.List.of("frame.protocols", "eth.fcs.status"));
            ethFrames += rows.size();
            for (var row : rows) {
                assertTrue(row.get("frame.protocols").startsWith("eth:ethertype"), row.toString());
                assertEquals("1", row.get("eth.fcs.status"), "FCS good: " + row);
            }
        }
        assertEquals(r.gateway().frames(director.tb.run.GatewayStats.Proto.ETH_TO_LAN), ethFrames, "every frame to the LAN captured");
        long eoib = 0, fcoib = 0;
        for (int p = 0; p < 5; p++) {
            var rows = director.tb.io.Tshark.fields(dir.resolve(String.format("port-%02d.erf", p)), java.util.List.of(),
                    java.util.List.of("frame.protocols", "infiniband.lrh.slid", "fcoib.crc.status"));
            for (var row : rows)
                if (row.get("infiniband.lrh.slid").equals("49151")) {  // from the gateway (GW_LID 0xBFFF)
                    if (row.get("frame.protocols").contains("fcoib")) {
                        fcoib++;
                        assertEquals("1", row.get("fcoib.crc.status"), "FC CRC inside FCoIB good: " + row);
                    } else {
                        eoib++;
                        assertTrue(row.get("frame.protocols").contains("infiniband.eoib:eth"), row.toString());
                    }
                }
        }
        assertEquals(r.gateway().frames(director.tb.run.GatewayStats.Proto.ETH_TO_SERVER) + r.gateway().frames(director.tb.run.GatewayStats.Proto.ETH_LOCAL),
                eoib, "every LAN or vNIC-to-vNIC frame a host got is EoIB");
        assertEquals(r.gateway().frames(director.tb.run.GatewayStats.Proto.FC_TO_SERVER), fcoib, "every SAN frame a host got is FCoIB");
    }
}
