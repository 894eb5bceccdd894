package director.tb.run;

import org.junit.jupiter.api.Tag;
import director.rtl.csr.CsrMap;
import director.rtl.params.DirectorParams;
import director.tb.model.DropReason;
import director.tb.report.RunReport;
import director.tb.sim.*;
import director.tb.stim.SizeDist;
import director.tb.stim.TrafficSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** System tests on the 8-port profile: every frame checked by the scoreboard against the golden model. */
@Tag("system")
class DirectorSmallTest {
    static final DirectorParams SMALL = DirectorParams.small();

    private static RunResult run(RunConfig rc) {
        RunResult r = Testbench.run(rc);
        System.out.print(RunReport.text(r));
        return r;
    }

    @Test
    void uniformTrafficWithErrorFramesIsForwardedAndDropsAreCountedAsPredicted() {
        TrafficSpec t = TrafficSpec.uniform(0.8).withErrors(0.05, 0.02, 0.02).withCorrupt(0.2);
        RunResult r = run(RunConfig.of(SMALL, t, 100_000, 11));
        assertNull(r.fault());
        assertEquals(0, r.mismatches());
        assertEquals(0, r.lost());
        for (DropReason d : DropReason.values())
            if (!d.isGateway()) assertTrue(r.dropsPredicted().get(d) >= 5, d + " exercised: " + r.dropsPredicted());
        assertEquals(r.dropsPredicted(), r.dropsCounted(), "RTL drop counters equal the golden model's");
        assertTrue(r.clean());
    }

    @Test
    void uniformAtFullLoadKeepsUpWithAnIdealOutputQueuedSwitch() {
        RunResult r = run(RunConfig.of(SMALL, TrafficSpec.uniform(1.0), 100_000, 1));
        assertTrue(RunReport.lineRatePass(r), "every output within 2% of the ideal output-queued switch");
    }

    @Test
    void sl2vlRewritesTheVlAndRegeneratesTheVcrc() throws Exception {
        // random tables per (in, out); the scoreboard compares exact bytes against the golden model's rewrite
        RunResult r = run(RunConfig.of(SMALL, TrafficSpec.uniform(0.8).withSizes(SizeDist.parse("uniform:0-300")), 30_000, 17)
                .withSl2Vl(RunConfig.Sl2VlPlan.RANDOM));
        assertTrue(r.clean(), "every packet left with the predicted VL and a good VCRC");
        try (DirectorSim sim = DirectorSim.create(DirectorModel.library(SMALL, false), DirectorEnv.simOptions(RunConfig.of(SMALL, TrafficSpec.uniform(1), 1, 1)))) {
            sim.csrWrite(CsrMap.sl2vlAddr(3, 5), 0x0123456789ABCDEFL);
            assertEquals(0x0123456789ABCDEFL, sim.csrRead(CsrMap.sl2vlAddr(3, 5)));
            assertEquals(0L, sim.csrRead(CsrMap.sl2vlAddr(5, 3)), "a pair never written maps to VL0");
            assertThrows(SimException.class, () -> sim.csrRead(CsrMap.sl2vlAddr(8, 0)), "input 8 does not exist");
        }
    }

    @Test
    void permutationAtFullLoadKeepsLinePaceOnEveryPort() {
        RunResult r = run(RunConfig.of(SMALL, TrafficSpec.uniform(1.0).withPattern(TrafficSpec.Pattern.PERMUTATION), 60_000, 5));
        assertTrue(RunReport.lineRatePass(r), "line rate on every port");
        for (int p = 0; p < 8; p++) assertTrue(r.acceptedBytes()[p] >= 0.99 * r.offeredBytes()[p], "port " + p);
    }

    @Test
    void uniformAtFullLoadMinimumAndMaximumSizes() {
        for (String sizes : List.of("min", "mtu")) {
            RunResult r = run(RunConfig.of(SMALL, TrafficSpec.uniform(1.0).withSizes(SizeDist.parse(sizes)), 40_000, 3));
            assertTrue(r.clean(), sizes);
        }
    }

    @Test
    void tenfoldOverloadOfOneOutputLosesNothing() {
        // every input sends everything to port 0: 8x its line rate, plus the egress partner stalls at random
        RunConfig rc = RunConfig.of(SMALL, TrafficSpec.uniform(1.0).withHotspot(0, 1.0), 60_000, 9)
                .withEgress(SimOptions.EgressMode.LINE_STALLS, 100_000);
        RunResult r = run(rc);
        assertTrue(r.clean(), "backpressure only: no mismatch, nothing lost");
        assertEquals(r.expectedBytes()[0], r.deliveredBytes()[0]);
        // lossless: what the inputs were allowed to send is what port 0 delivered plus what the buffers can hold
        long held = RunResult.sum(r.acceptedBytes()) - r.deliveredWindowBytes()[0];
        long buffers = (long) SMALL.ports() * (SMALL.ingressBufferBytes() + SMALL.maxPacketBytes()) + SMALL.egressVlBytes() * SMALL.lanes();
        assertTrue(held <= buffers, "inputs held back: " + held + " bytes inside the switch, buffers hold " + buffers);
        assertTrue(r.gbps(RunResult.sum(r.offeredBytes())) > 70, "the offer really was 8x one port");
    }

    @Test
    void egressCapturesReadBackAndDecodeInTshark(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        RunResult r = run(RunConfig.of(SMALL, TrafficSpec.uniform(0.5), 20_000, 13).withCapture(dir));
        assertTrue(r.clean());
        long records = 0;
        for (int p = 0; p < SMALL.ports(); p++) {
            Path f = dir.resolve(String.format("port-%02d.erf", p));
            List<director.tb.io.ErfRecord> recs = director.tb.io.ErfReader.readAll(f);
            long bytes = 0, last = -1;
            for (director.tb.io.ErfRecord rec : recs) {
                director.tb.frame.IbPacket pkt = director.tb.frame.IbPacket.decode(rec.packet()); // CRCs and lengths check
                assertEquals(director.tb.stim.Addressing.lid(p), pkt.dlid(), "port " + p + " carries only its own LID");
                assertTrue(rec.timestampPicoseconds() > last, "timestamps increase");
                last = rec.timestampPicoseconds();
                bytes += rec.packet().length;
            }
            assertEquals(r.deliveredBytes()[p], bytes, "capture of port " + p + " holds every delivered byte");
            records += recs.size();
            if (director.tb.io.Tshark.available()) {
                List<String> problems = director.tb.io.Tshark.decodeProblems(f);
                assertTrue(problems.isEmpty(), "tshark on " + f + ": " + problems);
            }
        }
        assertEquals(r.deliveredFrames(), records);
        if (!director.tb.io.Tshark.available()) System.out.println("tshark not installed: captures not decoded by Wireshark");
    }

    @Test
    void theSameSeedReproducesTheRunBitForBit() {
        RunConfig rc = RunConfig.of(SMALL, TrafficSpec.uniform(0.9), 20_000, 77).withEgress(SimOptions.EgressMode.LINE_STALLS, 50_000);
        RunResult a = Testbench.run(rc), b = Testbench.run(rc);
        assertArrayEquals(a.deliveredWindowBytes(), b.deliveredWindowBytes());
        assertArrayEquals(a.acceptedBytes(), b.acceptedBytes());
        assertArrayEquals(a.latencyPercentiles(), b.latencyPercentiles());
        assertEquals(a.drainCycles(), b.drainCycles());
        RunResult c = Testbench.run(rc.withSeed(78));
        assertFalse(java.util.Arrays.equals(a.deliveredWindowBytes(), c.deliveredWindowBytes()), "another seed, another run");
    }

    @Test
    void registersIdentifyTheModelAndRejectUnmappedAddresses() {
        try (DirectorSim sim = DirectorSim.create(DirectorModel.library(SMALL, false), DirectorEnv.simOptions(RunConfig.of(SMALL, TrafficSpec.uniform(1), 1, 1)))) {
            assertEquals(CsrMap.Id(), sim.csrRead(CsrMap.IdAddr()));
            assertEquals(CsrMap.paramsWord(SMALL), sim.csrRead(CsrMap.ParamsAddr()));
            sim.csrWrite(CsrMap.lftAddr(42), (1 << 15) | 5);
            assertEquals((1 << 15) | 5, sim.csrRead(CsrMap.lftAddr(42)));
            SimException e = assertThrows(SimException.class, () -> sim.csrRead(0x7fffff));
            assertTrue(e.getMessage().contains("0x7fffff"), e.getMessage());
            assertThrows(SimException.class, () -> sim.csrWrite(CsrMap.lftAddr(1), (1 << 15) | 8), "port 8 does not exist");
            assertThrows(SimException.class, () -> sim.csrWrite(CsrMap.IdAddr(), 1), "ID is read-only");
            SimException bad = assertThrows(SimException.class,
                    () -> sim.push(List.of(new DirectorSim.Injection(9, 1, 0, new byte[64]))));
            assertTrue(bad.getMessage().contains("port 9"), bad.getMessage());
        }
    }

    @Test
    void aMalformedStreamTripsTheRtlAssertionAndNamesCyclePortAndSeed() {
        RunConfig rc = RunConfig.of(SMALL, TrafficSpec.uniform(0.5), 5_000, 4);
        try (DirectorSim sim = DirectorSim.create(DirectorModel.library(SMALL, false), DirectorEnv.simOptions(rc).withBrokenSop(3, 1000))) {
            var frames = new director.tb.stim.TrafficGenerator(director.tb.model.SwitchConfig.of(SMALL), rc.traffic(), 4).until(5_000);
            sim.push(frames);
            SimFault f = assertThrows(SimFault.class, () -> sim.run(5_000));
            assertTrue(f.cycle() >= 1000, "cycle " + f.cycle());
            assertEquals(4, f.seed());
            assertEquals(3, f.port().orElse(-1), f.getMessage());
            assertTrue(f.getMessage().contains("sop must mark exactly the first beat"), f.getMessage());
            assertThrows(SimFault.class, () -> sim.run(1), "a faulted model stays faulted");
            // reset clears the fault, the queues and the cycle count; the model then forwards again
            sim.reset();
            assertEquals(0, sim.status().cycle() > 20 ? -1 : 0, "cycle count restarted");
            DirectorEnv.programRoutes(new director.tb.sim.Registers(sim), SMALL.ports());
            long t0 = sim.status().cycle();
            sim.push(List.of(new DirectorSim.Injection(1, 99, t0, director.tb.frame.IbPacket.builder().dlid(3).slid(2)
                    .opcode(0x64).qkey(1).srcQp(1).payload(new byte[40]).build().encode())));
            sim.run(400);
            List<EgressFrame> out = new java.util.ArrayList<>();
            sim.popEgress(out::add);
            assertEquals(1, out.size());
            assertEquals(2, out.get(0).port(), "DLID 3 is port 2's LID");
        }
        assertThrows(IllegalStateException.class, () -> {
            DirectorSim s = DirectorSim.create(DirectorModel.library(SMALL, false), DirectorEnv.simOptions(rc));
            s.close();
            s.run(1);
        }, "a closed model is an exception, not a crash");
    }

    @Test
    void aMultiThreadedModelChecksCleanAndSurfacesAssertionsOnTheCallingThread() {
        // 16 ports: built with Verilator --threads 2; assertions fire in worker threads and must still reach Java
        DirectorParams p16 = DirectorParams.fromSpec("small", java.util.Map.of("ports", "16"));
        RunResult r = run(RunConfig.of(p16, TrafficSpec.uniform(0.9).withCorrupt(0.05), 20_000, 23));
        assertTrue(r.clean(), "threaded model: clean run");
        RunConfig rc = RunConfig.of(p16, TrafficSpec.uniform(0.5), 5_000, 4);
        try (DirectorSim sim = DirectorSim.create(DirectorModel.library(p16, false), DirectorEnv.simOptions(rc).withBrokenSop(11, 1000))) {
            sim.push(new director.tb.stim.TrafficGenerator(director.tb.model.SwitchConfig.of(p16), rc.traffic(), 4).until(5_000));
            SimFault f = assertThrows(SimFault.class, () -> sim.run(5_000));
            assertEquals(11, f.port().orElse(-1), f.getMessage());
            assertTrue(f.getMessage().contains("sop must mark exactly the first beat"), f.getMessage());
        }
    }

    @Test
    void theWatchdogStopsARunThatCannotProgress() {
        // an egress partner that never takes a beat: the switch fills and stalls
        RunConfig rc = RunConfig.of(SMALL, TrafficSpec.uniform(1.0).withHotspot(2, 1.0), 40_000, 8)
                .withEgress(SimOptions.EgressMode.LINE_STALLS, 1_000_000).withWatchdog(3_000);
        RunResult r = Testbench.run(rc);
        assertNotNull(r.fault());
        assertTrue(r.fault().getMessage().contains("watchdog"), r.fault().getMessage());
        assertEquals(8, r.fault().seed());
        assertFalse(RunReport.lineRatePass(r));
    }

    @Test
    void missingLibraryIsAClearError() {
        SimException e = assertThrows(SimException.class,
                () -> DirectorSim.create(Path.of("/nonexistent/libDirectorTop.so"), DirectorEnv.simOptions(RunConfig.of(SMALL, TrafficSpec.uniform(1), 1, 1))));
        assertTrue(e.getMessage().contains("/nonexistent/libDirectorTop.so"), e.getMessage());
    }
}
