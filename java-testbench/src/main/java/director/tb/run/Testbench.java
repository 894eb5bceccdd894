package director.tb.run;

import director.rtl.csr.CsrMap;
import director.tb.check.LatencyStats;
import director.tb.check.Scoreboard;
import director.tb.model.DropReason;
import director.tb.model.GoldenModel;
import director.tb.model.OutputQueuedReference;
import director.tb.model.Prediction;
import director.tb.model.SwitchConfig;
import director.tb.model.vlarb.VlTables;
import director.tb.sim.*;
import director.tb.stim.Addressing;
import director.tb.stim.TrafficGenerator;

import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.*;

/**
 * The run loop: programs routes, offers traffic batch by batch, drains, and checks. The golden model and
 * scoreboard run on a second thread (the checker) fed in order, so checking overlaps simulation.
 */
public final class Testbench {
    private Testbench() {}

    /** Writes the vNIC and vHBA tables of the plan (GW_LID keeps its reset value), in the RTL and in the golden model. */
    public static void programGateway(DirectorSim sim, GoldenModel golden, List<director.tb.model.gateway.Vnic> vnics,
                                      List<director.tb.model.gateway.Vhba> vhbas) {
        for (director.tb.model.gateway.Vnic v : vnics) {
            for (long[] w : v.csrWrites()) sim.csrWrite((int) w[0], w[1]);
            if (golden != null) golden.gateway().set(v);
        }
        for (director.tb.model.gateway.Vhba v : vhbas) {
            for (long[] w : v.csrWrites()) sim.csrWrite((int) w[0], w[1]);
            if (golden != null) golden.gateway().setVhba(v);
        }
    }

    /** Routes every port's LID to the port, in the RTL (CSR) and in the golden model. */
    public static void programRoutes(DirectorSim sim, GoldenModel golden, int ports) {
        for (int p = 0; p < ports; p++) {
            int lid = Addressing.lid(p);
            sim.csrWrite(CsrMap.lftAddr(lid), (1L << CsrMap.LftValidBit()) | p);
            if (golden != null) golden.setRoute(lid, p);
        }
    }

    /**
     * Writes every (in, out) SL-to-VL table per the plan, in the RTL and in the golden model: ZERO writes nothing
     * (every SL to VL0), MOD8 maps SL s to VL {@code s % dataVls} (the name is historical: SL mod dataVls, which
     * is SL mod 8 with the default 8 data VLs), RANDOM draws each SL's VL in 0..dataVls-1 from the seed.
     */
    public static void programSl2Vl(DirectorSim sim, GoldenModel golden, int ports, int dataVls, RunConfig.Sl2VlPlan plan, long seed) {
        if (plan == RunConfig.Sl2VlPlan.ZERO) return;
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x512L);
        for (int in = 0; in < ports; in++)
            for (int out = 0; out < ports; out++) {
                long t = 0;
                for (int sl = 0; sl < 16; sl++)
                    t |= (long) (plan == RunConfig.Sl2VlPlan.MOD8 ? sl % dataVls : r.nextInt(dataVls)) << (4 * sl);
                sim.csrWrite(CsrMap.sl2vlAddr(in, out), t);
                if (golden != null) golden.setSl2Vl(in, out, t);
            }
    }

    public static SimOptions simOptions(RunConfig rc) {
        return new SimOptions(rc.seed(), Math.round(rc.params().lineGbps() * 1000), rc.params().coreMHz(), rc.egressMode(),
                rc.stallPpm(), rc.watchdog()).withCredits(rc.links().partnerBlocks(), rc.links().fcDelay());
    }

    /** Writes the VL arbitration tables and limit of every output port (the reset values stay when null). */
    public static void programVlTables(DirectorSim sim, VlTables tables, int ports) {
        if (tables == null) return;
        for (int p = 0; p < ports; p++)
            for (long[] w : tables.csrWrites(p)) sim.csrWrite((int) w[0], w[1]);
    }

    /** The tables a run's output ports use: the configured ones, or the RTL's reset values. */
    public static VlTables vlTables(RunConfig rc) {
        SwitchConfig cfg = SwitchConfig.of(rc.params());
        return rc.links().tables() != null ? rc.links().tables() : VlTables.defaults(cfg.dataVls(), cfg.vlArbEntries());
    }

    /** Runs with frames from the traffic generator. */
    public static RunResult run(RunConfig rc) {
        SwitchConfig cfg = SwitchConfig.of(rc.params());
        TrafficGenerator gen = new TrafficGenerator(cfg, rc.traffic(), rc.seed());
        if (!rc.scenario().migrations().isEmpty()) gen.forMigration();
        return run(rc, gen::until);
    }

    /** A source of frames: all frames with earliest cycle below the limit, not returned before. */
    public interface Source { List<DirectorSim.Injection> until(long cycleLimit); }

    public static RunResult run(RunConfig rc, Source source) {
        SwitchConfig cfg = SwitchConfig.of(rc.params());
        int n = cfg.ports();
        Path lib = Models.director(rc.params(), rc.waves() != null);
        Checker checker = rc.check() ? new Checker(cfg, rc.scenario().timed()) : null;
        long[] offered = new long[n], accepted = new long[n], delivWin = new long[n], deliv = new long[n], delivFrames = new long[n];
        long offeredFrames = 0;
        SimFault fault = null;
        long t0 = System.nanoTime();
        long cycle = 0, drainCycles = 0, windowEndCycle = rc.cycles(), baseCycle = 0;
        double windowSeconds = 0;
        long modelNanos = 0;
        Map<DropReason, Long> counted = new EnumMap<>(DropReason.class);
        Captures captures = rc.capture() != null ? new Captures(rc.capture(), cfg) : null;
        List<List<VlStats.Sent>> sent = new ArrayList<>();
        for (int p = 0; p < n; p++) sent.add(new ArrayList<>());
        long[][] creditStall = new long[n][16];
        List<Links.PartnerEvent> events = new ArrayList<>(rc.links().events());
        try (DirectorSim sim = DirectorSim.create(lib, simOptions(rc)); Captures ignored = captures) {
            programRoutes(sim, checker != null ? checker.golden : null, n);
            if (rc.iterations() > 0) sim.csrWrite(CsrMap.SchedItersAddr(), rc.iterations());
            programSl2Vl(sim, checker != null ? checker.golden : null, n, cfg.dataVls(), rc.sl2vl(), rc.seed());
            programVlTables(sim, rc.links().tables(), n);
            Map<Integer, director.tb.model.gateway.Vnic> vnicTable = new HashMap<>();
            Map<Integer, director.tb.model.gateway.Vhba> vhbaTable = new HashMap<>();
            if (cfg.hasGateway()) {
                List<director.tb.model.gateway.Vnic> plan = director.tb.stim.VnicPlan.standard(cfg);
                List<director.tb.model.gateway.Vhba> vhbaPlan = director.tb.stim.VnicPlan.vhbas(cfg);
                programGateway(sim, checker != null ? checker.golden : null, plan, vhbaPlan);
                for (director.tb.model.gateway.Vnic v : plan) vnicTable.put(v.index(), v);
                for (director.tb.model.gateway.Vhba v : vhbaPlan) vhbaTable.put(v.index(), v);
            }
            var goldenGw = checker != null ? checker.golden.gateway() : null;
            programRates(sim, "shaper of vHBA", "vHBA", rc.scenario().shapers(), vhbaTable.size(), CsrMap::shaperAddr,
                    director.tb.model.gateway.Shaper::words, goldenGw == null ? null : goldenGw::setShaper);
            programRates(sim, "policer of vNIC", "vNIC", rc.scenario().policers(), vnicTable.size(), CsrMap::policerAddr,
                    director.tb.model.gateway.Policer::words, goldenGw == null ? null : goldenGw::setPolicer);
            List<Scenario.Migration> migrations = new ArrayList<>(rc.scenario().migrations());
            for (Scenario.Migration m : migrations) {
                int entries = m.kind() == Scenario.Kind.VNIC ? vnicTable.size() : vhbaTable.size();
                if (m.index() >= entries)
                    throw new SimException("migration of " + m.kind().label + " " + m.index() + ": the run's " + m.kind().label + " table has " + entries + " entries");
                if (m.newHostPort() >= cfg.hostPorts())
                    throw new SimException("migration of " + m.kind().label + " " + m.index() + ": port " + m.newHostPort() + " is not a host port (0.." + (cfg.hostPorts() - 1) + ")");
            }
            long base = sim.status().cycle();  // cycles spent on reset and register writes
            windowEndCycle = base + rc.cycles();
            baseCycle = base;
            // waves, faults and mismatches all speak in model cycles since reset (what GTKWave shows, at 1 ps)
            if (rc.waves() != null) sim.waves(rc.waves(), rc.wavesFrom(), rc.wavesTo());
            try {
                // ---- the measurement window ----
                long tWindow = System.nanoTime();
                for (cycle = 0; cycle < rc.cycles(); ) {
                    applyPartnerEvents(events, sim, cycle);
                    applyMigrations(migrations, vnicTable, vhbaTable, sim, checker, cycle);
                    long step = untilNextEvent(events, cycle, Math.min(rc.batch(), rc.cycles() - cycle));
                    if (!migrations.isEmpty()) step = Math.max(1, Math.min(step, migrations.get(0).cycle() - cycle));
                    List<DirectorSim.Injection> frames = shift(source.until(cycle + step), base);
                    for (DirectorSim.Injection f : frames) {
                        // what the source's schedule puts on the line before the window ends, at line pace
                        double sendable = (base + rc.cycles() - f.earliestCycle()) * cfg.lineBytesPerCycle();
                        offered[f.port()] += (long) Math.min(f.bytes().length, Math.max(0, Math.floor(sendable)));
                        offeredFrames++;
                    }
                    if (checker != null) checker.submitInjections(frames);
                    sim.push(frames);
                    long r0 = System.nanoTime();
                    sim.run(step);
                    modelNanos += System.nanoTime() - r0;
                    cycle += step;
                    final long windowEnd = base + rc.cycles();
                    collect(sim, checker, deliv, delivFrames, captures, sent, cfg.hostPorts());
                }
                long[] moved = sim.portBytes();  // beat-exact bytes taken and delivered inside the window
                for (int p = 0; p < n; p++) { accepted[p] = moved[2 * p]; delivWin[p] = moved[2 * p + 1]; }
                if (checker != null) checker.drain();
                windowSeconds = (System.nanoTime() - tWindow) / 1e9;
                // ---- drain (partner changes scheduled after the window still happen, at their cycle) ----
                while (drainCycles < rc.maxDrain()) {
                    applyPartnerEvents(events, sim, rc.cycles() + drainCycles);
                    DirectorSim.Status s = sim.status();
                    boolean checkerDone = checker == null || checker.outstanding() == 0;
                    if (s.pendingFrames() == 0 && s.idle() && s.egressPartial() == 0 && checkerDone) break;
                    long step = untilNextEvent(events, rc.cycles() + drainCycles, Math.min(rc.batch(), rc.maxDrain() - drainCycles));
                    sim.run(step);
                    drainCycles += step;
                    collect(sim, checker, deliv, delivFrames, captures, sent, cfg.hostPorts());
                }
                // ---- the RTL's own counters ----
                for (DropReason r : DropReason.values()) counted.put(r, 0L);
                long[][] rtlCounters = new long[n][CsrMap.counterCount()];
                for (int p = 0; p < n; p++) {
                    for (int k = 0; k < CsrMap.counterCount(); k++) rtlCounters[p][k] = sim.csrRead(CsrMap.counterAddr(p, k));
                    for (DropReason r : DropReason.values())
                        if (!r.isGateway()) counted.merge(r, rtlCounters[p][r.counterIndex], Long::sum);
                }
                if (checker != null) checker.submitCounters(rtlCounters, sim.status().cycle());
                if (cfg.hasGateway()) {
                    long[][] gw = new long[n][CsrMap.GwCounterStride()];
                    for (int p = 0; p < n; p++)
                        for (Object k : scala.jdk.javaapi.CollectionConverters.asJava(CsrMap.GwCounter$.MODULE$.used())) {
                            int idx = (Integer) k;
                            gw[p][idx] = sim.csrRead(CsrMap.gwCounterAddr(p, idx));
                        }
                    for (int p = 0; p < n; p++)
                        for (DropReason r : DropReason.values()) if (r.isGateway()) counted.merge(r, gw[p][r.rtlCode], Long::sum);
                    if (checker != null) checker.submitGwCounters(gw, sim.status().cycle());
                }
                for (int p = 0; p < n; p++)
                    for (int v = 0; v < cfg.dataVls(); v++)
                        creditStall[p][v] = sim.csrRead(CsrMap.vlCounterAddr(p, v, CsrMap.VlCounter$.MODULE$.CreditStallCycles()));
                if (checker != null) checker.submitVlCounters(readVlCounters(sim, cfg), sim.status().cycle());
            } catch (SimFault f) {
                fault = f;
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Checker.Summary sum = checker != null ? checker.finish(windowEndCycle) : Checker.Summary.none(n);
        long[] pct = new long[RunResult.PERCENTILES.length];
        for (int i = 0; i < pct.length; i++) pct[i] = sum.latency.percentile(RunResult.PERCENTILES[i]);
        return new RunResult(rc, rc.params().describe(), cfg.nsPerCycle(), baseCycle, offered, accepted, sum.expectedBytes, sum.idealWindow, delivWin, deliv,
                offeredFrames, RunResult.sum(delivFrames), sum.dropsPredicted, counted,
                sum.mismatches, sum.firstMismatches, sum.lost, sum.lostExamples, pct, sum.latency.mean(),
                drainCycles, wall, (rc.cycles() + drainCycles) / wall, windowSeconds, modelNanos / 1e9, director.harness.ModelBuild.buildSeconds(lib), fault,
                lib.toString(), new VlStats(vlTables(rc), sent, creditStall, baseCycle, windowEndCycle),
                checker != null && cfg.hasGateway() ? checker.gateway : null);
    }

    /**
     * Applies the migrations due at window cycle {@code now} (sorted by cycle): the vNIC's new host port, DLID (the
     * port's LID) and host QP (+0x10000, so the two bindings' packets differ) are written words 0-2 then 3; the entry
     * changes in the cycle word 3 is taken (the model cycle before that write), which the checker is told.
     */
    /** Writes the four rate words of each policer or shaper of the run, and tells the golden model (when checking). */
    private static <T> void programRates(DirectorSim sim, String what, String table, Map<Integer, T> settings, int entries,
                                         java.util.function.IntBinaryOperator addr, java.util.function.Function<T, long[]> words,
                                         java.util.function.BiConsumer<Integer, T> golden) {
        for (var e : settings.entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= entries)
                throw new SimException(what + " " + e.getKey() + ": the run's " + table + " table has " + entries + " entries");
            long[] w = words.apply(e.getValue());
            for (int k = 0; k < 4; k++) sim.csrWrite(addr.applyAsInt(e.getKey(), k), w[k]);
            if (golden != null) golden.accept(e.getKey(), e.getValue());
        }
    }

    private static void applyMigrations(List<Scenario.Migration> migrations, Map<Integer, director.tb.model.gateway.Vnic> vnics,
                                        Map<Integer, director.tb.model.gateway.Vhba> vhbas, DirectorSim sim, Checker checker, long now) {
        while (!migrations.isEmpty() && migrations.get(0).cycle() <= now) {
            Scenario.Migration m = migrations.remove(0);
            int lid = Addressing.lid(m.newHostPort());
            director.tb.model.gateway.Vnic vnic = null;
            director.tb.model.gateway.Vhba vhba = null;
            long[][] w;
            if (m.kind() == Scenario.Kind.VNIC) {
                var old = vnics.get(m.index());
                vnic = old.movedTo(m.newHostPort(), lid, (old.qp() + 0x10000) & 0xFFFFFF);
                vnics.put(m.index(), vnic);
                w = vnic.csrWrites();
            } else {
                var old = vhbas.get(m.index());
                vhba = old.movedTo(m.newHostPort(), lid, (old.qp() + 0x10000) & 0xFFFFFF);
                vhbas.put(m.index(), vhba);
                w = vhba.csrWrites();
            }
            // words 0..2 are staged, word 3 commits the entry in the cycle it is written
            for (int k = 0; k < 3; k++) sim.csrWrite((int) w[k][0], w[k][1]);
            long commit = sim.status().cycle();
            sim.csrWrite((int) w[3][0], w[3][1]);
            if (checker != null) checker.submitBinding(commit, vnic, vhba);
        }
    }

    /** Applies the partner changes due at window cycle {@code now} (the list is sorted by cycle). */
    private static void applyPartnerEvents(List<Links.PartnerEvent> events, DirectorSim sim, long now) {
        while (!events.isEmpty() && events.get(0).cycle() <= now) {
            Links.PartnerEvent e = events.remove(0);
            sim.partner(e.port(), e.vl(), e.rate());
        }
    }

    /** A step of at most {@code step} cycles that stops at the next partner change. */
    private static long untilNextEvent(List<Links.PartnerEvent> events, long now, long step) {
        return events.isEmpty() ? step : Math.max(1, Math.min(step, events.get(0).cycle() - now));
    }

    private static List<DirectorSim.Injection> shift(List<DirectorSim.Injection> frames, long base) {
        if (base == 0) return frames;
        List<DirectorSim.Injection> out = new ArrayList<>(frames.size());
        for (DirectorSim.Injection f : frames) out.add(new DirectorSim.Injection(f.port(), f.id(), f.earliestCycle() + base, f.bytes()));
        return out;
    }

    /** The VLs whose per-VL counters are read: the data VLs and VL15. */
    static int[] countedVls(SwitchConfig cfg) {
        int[] v = new int[cfg.dataVls() + 1];
        for (int i = 0; i < cfg.dataVls(); i++) v[i] = i;
        v[cfg.dataVls()] = 15;
        return v;
    }

    /** The per-VL counters the golden model predicts, read from the RTL: [port][vl 0..15][n 0..31], -1 where not read. */
    static long[][][] readVlCounters(DirectorSim sim, SwitchConfig cfg) {
        long[][][] c = new long[cfg.ports()][16][32];
        for (long[][] a : c) for (long[] b : a) java.util.Arrays.fill(b, -1);
        for (int p = 0; p < cfg.ports(); p++)
            for (int v : countedVls(cfg)) {
                for (int k = 0; k < 4; k++) c[p][v][k] = sim.csrRead(CsrMap.vlCounterAddr(p, v, k));
                for (DropReason r : DropReason.values()) {
                    if (r.isGateway()) continue;  // counted per port (gateway counters), not per VL
                    int k = CsrMap.VlCounter$.MODULE$.DropBase() + r.rtlCode;
                    c[p][v][k] = sim.csrRead(CsrMap.vlCounterAddr(p, v, k));
                }
            }
        return c;
    }

    /** Drains the model's finished egress and ingress frames into the counts, captures, VL log and the checker. */
    private static void collect(DirectorSim sim, Checker checker, long[] deliv, long[] delivFrames, Captures captures,
                                List<List<VlStats.Sent>> sent, int hostPorts) {
        if (checker == null && captures == null) {
            sim.popEgressCounts(delivFrames, deliv);
            sim.popIngress(d -> { });
            return;
        }
        List<EgressFrame> batch = new ArrayList<>();
        sim.popEgress(f -> {
            deliv[f.port()] += f.bytes().length;
            delivFrames[f.port()]++;
            batch.add(f);
            // the VL log covers InfiniBand links (a 10GbE port's frames carry no VL)
            if (f.port() < hostPorts) sent.get(f.port()).add(new VlStats.Sent(f.firstCycle(), (f.bytes()[0] >> 4) & 0xf, f.bytes().length));
            if (captures != null) captures.write(f);
        });
        List<IngressDone> dones = new ArrayList<>();
        sim.popIngress(dones::add);
        if (checker != null) {
            // ingress first: in a timed run a frame is predicted when its last beat is in, before its egress is checked
            checker.submitIngress(dones);
            checker.submitEgress(batch);
        }
    }

    /**
     * Per-port egress captures, stamped with each frame's first beat: an InfiniBand host port as DIR/port-NN.erf (one
     * InfiniBand ERF record per packet), a 10GbE port as DIR/port-NN.pcap (Ethernet with its FCS, the FCS length
     * signalled in the link type so Wireshark checks it), an FC port as DIR/port-NN.pcap (link type 225, FC-2 with
     * the SOF and EOF as ordered sets).
     */
    static final class Captures implements AutoCloseable {
        private interface Sink {
            void write(long ps, byte[] b) throws java.io.IOException;
            void close() throws java.io.IOException;

            /** A pcap capture; {@code fc}: frames go in as link type 225 wants them (ordered sets). */
            static Sink of(director.tb.io.PcapWriter w, boolean fc) {
                return new Sink() {
                    public void write(long ps, byte[] b) throws java.io.IOException { w.write(ps, fc ? fcOrderedSets(b) : b); }
                    public void close() throws java.io.IOException { w.close(); }
                };
            }
        }
        private final Sink[] writers;
        private final double psPerCycle;

        Captures(Path dir, SwitchConfig cfg) {
            this.psPerCycle = cfg.nsPerCycle() * 1000;
            this.writers = new Sink[cfg.ports()];
            try {
                java.nio.file.Files.createDirectories(dir);
                for (int p = 0; p < cfg.ports(); p++) {
                    Path file = dir.resolve(String.format("port-%02d.%s", p, cfg.isModule(p) ? "pcap" : "erf"));
                    if (cfg.isFc(p)) writers[p] = Sink.of(new director.tb.io.PcapWriter(file, director.tb.io.Pcap.LinkType.FC_2_WITH_FRAME_DELIMS), true);
                    else if (cfg.isEth(p)) writers[p] = Sink.of(new director.tb.io.PcapWriter(file, director.tb.io.Pcap.LinkType.ETHERNET_WITH_FCS), false);
                    else {
                        director.tb.io.ErfWriter w = new director.tb.io.ErfWriter(file);
                        writers[p] = new Sink() {
                            public void write(long ps, byte[] b) throws java.io.IOException { w.write(ps, b); }
                            public void close() throws java.io.IOException { w.close(); }
                        };
                    }
                }
            } catch (java.io.IOException e) {
                throw new SimException("--capture " + dir + ": " + e.getMessage());
            }
        }

        /** An FC port's frame as link type 225 wants it: SOF and EOF as ordered sets (raw when it does not parse). */
        static byte[] fcOrderedSets(byte[] port) {
            try {
                director.tb.frame.FcFrame.Delimited d = director.tb.frame.FcFrame.parsePort(port);
                return d.frame().orderedSetBytes(d.sof(), d.eof());
            } catch (RuntimeException e) {
                return port;  // left for Wireshark to call malformed; the scoreboard reports the mismatch
            }
        }

        void write(EgressFrame f) {
            try {
                writers[f.port()].write(Math.round(f.firstCycle() * psPerCycle), f.bytes());
            } catch (java.io.IOException e) {
                throw new SimException("capture of port " + f.port() + ": " + e.getMessage());
            }
        }

        @Override
        public void close() {
            for (Sink w : writers) {
                try {
                    if (w != null) w.close();
                } catch (java.io.IOException e) {
                    throw new SimException("closing a capture: " + e.getMessage());
                }
            }
        }
    }

    /** The golden model and scoreboard on their own thread, fed strictly in submission order. */
    static final class Checker {
        final GoldenModel golden;
        final Scoreboard board;
        final LatencyStats latency = new LatencyStats();
        final long[] expectedBytes;
        final OutputQueuedReference ideal;
        final Map<Long, Long> ingressFirst = new HashMap<>();
        final GatewayStats gateway;
        /** Per expected frame id (gateway profiles only): its protocol and vNIC, for the gateway figures. */
        private final Map<Long, ArrayDeque<int[]>> gwTag = new HashMap<>();
        final ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "checker");
            t.setDaemon(true);
            return t;
        });
        final List<Future<?>> pending = new ArrayList<>();
        private final Map<Long, Long> egressAwaitingIngress = new HashMap<>();

        /** Predict each frame when its last beat is in (needed when the tables change while traffic flows). */
        final boolean timed;
        private final Map<Long, DirectorSim.Injection> awaitingIngress = new HashMap<>();

        Checker(SwitchConfig cfg, boolean timed) {
            this.timed = timed;
            golden = new GoldenModel(cfg);
            board = new Scoreboard(cfg.ports());
            expectedBytes = new long[cfg.ports()];
            ideal = new OutputQueuedReference(cfg.ports(), cfg.lineBytesPerCycle());
            gateway = cfg.hasGateway() ? new GatewayStats(cfg.vnics(), cfg.vhbas()) : null;
        }

        /** The protocol of a forwarded frame and its vNIC (DestQP of a host's EoIB packet, SrcQP of the director's). */
        private int[] tag(int in, int out, byte[] inBytes, byte[] outBytes) {
            SwitchConfig c = golden.config();
            if (c.isEth(out)) return new int[] {GatewayStats.Proto.ETH_TO_LAN.ordinal(), qp(inBytes, 13) - director.tb.model.gateway.Vnic.QP_BASE};
            if (c.isEth(in)) return new int[] {GatewayStats.Proto.ETH_TO_SERVER.ordinal(), qp(outBytes, 25) - director.tb.model.gateway.Vnic.QP_BASE};
            if (c.isFc(out)) return new int[] {GatewayStats.Proto.FC_TO_SAN.ordinal(), qp(inBytes, 13) - director.tb.model.gateway.Vhba.QP_BASE};
            if (c.isFc(in)) return new int[] {GatewayStats.Proto.FC_TO_SERVER.ordinal(), qp(outBytes, 25) - director.tb.model.gateway.Vhba.QP_BASE};
            // host to host through the gateway (a vNIC to a vNIC behind the same 10GbE port): SLID = GW_LID
            if ((((outBytes[6] & 0xff) << 8) | (outBytes[7] & 0xff)) == golden.gateway().gwLid())
                return new int[] {GatewayStats.Proto.ETH_LOCAL.ordinal(), qp(outBytes, 25) - director.tb.model.gateway.Vnic.QP_BASE};
            return new int[] {GatewayStats.Proto.IB.ordinal(), -1};
        }

        /** The tag of the copy whose SrcQP (the director's QP of its vNIC) the delivered packet carries. */
        private static int[] matchTag(ArrayDeque<int[]> tags, byte[] delivered) {
            int vnic = qp(delivered, 25) - director.tb.model.gateway.Vnic.QP_BASE;
            for (java.util.Iterator<int[]> it = tags.iterator(); it.hasNext(); ) {
                int[] t = it.next();
                if (t[1] == vnic) { it.remove(); return t; }
            }
            return tags.poll();
        }

        private static int qp(byte[] b, int off) { return (b[off] & 0xff) << 16 | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff); }

        /** Inline (same thread) unless -Ddirector.checker=thread: see the bench figures in the README. */
        static final boolean THREADED = "thread".equals(System.getProperty("director.checker", "inline"));

        void submit(Runnable r) {
            if (!THREADED) { r.run(); return; }
            pending.add(exec.submit(r));
            if (pending.size() > 64) { await(pending.remove(0)); }
        }

        void submitInjections(List<DirectorSim.Injection> frames) {
            submit(() -> {
                for (DirectorSim.Injection f : frames) {
                    if (timed) awaitingIngress.put(f.id(), f);
                    else predict(f, Long.MAX_VALUE);
                }
            });
        }

        /** The golden model's fate of one injected frame, its last beat in at {@code lastBeatCycle}; expectations. */
        private void predict(DirectorSim.Injection f, long lastBeatCycle) {
                for (Prediction p : golden.ingressAll(f.port(), f.bytes(), lastBeatCycle)) {
                    if (!p.isDrop()) {
                        board.expect(new Scoreboard.Expected(f.id(), f.port(), p.outPort(), p.bytes(), p.flowSl()));
                        if (gateway != null) gwTag.computeIfAbsent(f.id(), k -> new ArrayDeque<>()).add(tag(f.port(), p.outPort(), f.bytes(), p.bytes()));
                        expectedBytes[p.outPort()] += p.bytes().length;
                        SwitchConfig c = golden.config();
                        ideal.add(p.outPort(), f.earliestCycle(), f.bytes().length + c.wireOverhead(f.port()),
                                p.bytes().length, c.wireOverhead(p.outPort()));
                    }
                }
        }

        /** A vNIC or a vHBA entry committed in model cycle {@code cycle} (timed runs). */
        void submitBinding(long cycle, director.tb.model.gateway.Vnic vnic, director.tb.model.gateway.Vhba vhba) {
            submit(() -> {
                if (vnic != null) golden.gateway().setAt(cycle, vnic);
                if (vhba != null) golden.gateway().setVhbaAt(cycle, vhba);
            });
        }

        void submitIngress(List<IngressDone> dones) {
            submit(() -> {
                for (IngressDone d : dones) {
                    if (timed) {
                        DirectorSim.Injection f = awaitingIngress.remove(d.id());
                        if (f != null) predict(f, d.lastCycle());
                    }
                    Long egressLast = egressAwaitingIngress.remove(d.id());
                    if (egressLast != null) latency.add(egressLast - d.firstCycle());
                    else ingressFirst.put(d.id(), d.firstCycle());
                }
            });
        }

        void submitEgress(List<EgressFrame> frames) {
            submit(() -> {
                for (EgressFrame f : frames) {
                    Scoreboard.Expected e = board.observe(f);
                    if (e == null) continue;
                    ArrayDeque<int[]> tags = gateway != null ? gwTag.get(e.id()) : null;
                    if (tags != null) {
                        // a group frame's copies share its id: they differ in their vNIC (the DestQP they carry)
                        int[] t = tags.size() == 1 ? tags.poll() : matchTag(tags, f.bytes());
                        if (tags.isEmpty()) gwTag.remove(e.id());
                        if (t != null) gateway.add(GatewayStats.Proto.values()[t[0]], t[1], f.bytes().length, f.firstCycle());
                    }
                    Long first = ingressFirst.remove(e.id());
                    if (first != null) latency.add(f.lastCycle() - first);
                    else egressAwaitingIngress.put(e.id(), f.lastCycle());
                }
            });
        }

        void submitCounters(long[][] rtl, long cycle) {
            submit(() -> {
                GoldenModel.Counter[] cs = GoldenModel.Counter.values();
                for (int p = 0; p < rtl.length; p++)
                    for (GoldenModel.Counter c : cs)
                        if (rtl[p][c.csrIndex] != golden.counter(p, c))
                            board.recordOther(cycle, p, "counter " + CsrMap.counterNames().apply(c.csrIndex) + " reads "
                                    + rtl[p][c.csrIndex] + ", the golden model expects " + golden.counter(p, c));
            });
        }

        void submitGwCounters(long[][] rtl, long cycle) {
            submit(() -> {
                for (int p = 0; p < rtl.length; p++)
                    for (Object k : scala.jdk.javaapi.CollectionConverters.asJava(CsrMap.GwCounter$.MODULE$.used())) {
                        int n = (Integer) k;
                        if (rtl[p][n] != golden.gwCounter(p, n))
                            board.recordOther(cycle, p, "gateway counter n " + n + " reads " + rtl[p][n] + ", the golden model expects "
                                    + golden.gwCounter(p, n));
                    }
            });
        }

        void submitVlCounters(long[][][] rtl, long cycle) {
            submit(() -> {
                for (int p = 0; p < rtl.length; p++)
                    for (int v = 0; v < 16; v++)
                        for (int k = 0; k < 32; k++) {
                            if (rtl[p][v][k] < 0) continue;
                            long want = golden.vlCounter(p, v, k);
                            if (want >= 0 && rtl[p][v][k] != want)
                                board.recordOther(cycle, p, "per-VL counter (VL " + v + ", n " + k + ") reads " + rtl[p][v][k]
                                        + ", the golden model expects " + want);
                        }
            });
        }

        long outstanding() {
            drain();
            return board.outstanding();
        }

        void drain() {
            for (Future<?> f : pending) await(f);
            pending.clear();
        }

        private static void await(Future<?> f) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("checker failed: " + e.getCause(), e.getCause());
            }
        }

        record Summary(long mismatches, List<Scoreboard.Mismatch> firstMismatches, long lost, List<String> lostExamples,
                       LatencyStats latency, long[] expectedBytes, Map<DropReason, Long> dropsPredicted, long[] idealWindow) {
            static Summary none(int n) {
                Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
                for (DropReason r : DropReason.values()) d.put(r, 0L);
                return new Summary(0, List.of(), 0, List.of(), new LatencyStats(), new long[n], d, new long[n]);
            }
        }

        Summary finish(long windowEnd) {
            drain();
            if (gateway != null)
                for (int v = 0; v < gateway.vnics(); v++)
                    gateway.setPolicing(v, golden.gateway().policer(v).cirKbps(), golden.gateway().policer(v).pbsBytes(),
                            golden.gateway().policedFrames(v), golden.gateway().policerSpan(v), golden.config().nsPerCycle());
            if (gateway != null)
                for (int h = 0; h < gateway.vhbas(); h++) gateway.setShaping(h, golden.gateway().shaper(h), golden.config().nsPerCycle());
            exec.shutdown();
            List<String> lostEx = new ArrayList<>();
            for (Scoreboard.Expected e : board.missing(10))
                lostEx.add("id " + e.id() + " input " + e.inPort() + " -> output " + e.outPort() + " (" + e.bytes().length + " bytes)");
            return new Summary(board.mismatchCount(), board.firstMismatches(), board.outstanding(), lostEx, latency,
                    expectedBytes, golden.drops(), ideal.deliveredBy(windowEnd));
        }
    }
}
