package director.tb.run;

import director.harness.Progress;
import director.rtl.csr.CsrMap;
import director.tb.check.Checker;
import director.tb.io.PortCaptures;
import director.tb.model.DropReason;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.model.vlarb.VlTables;
import director.tb.sim.*;
import director.tb.stim.Addressing;
import director.tb.stim.Source;

import java.nio.file.Path;
import java.util.*;

/**
 * The verification environment of one run (as Corundum's and OpenTitan's testbenches have one): it owns the model
 * and its port drivers and monitors (the C++ bus-functional models behind {@link DirectorSim}), the register layer
 * ({@link Registers}), the golden model and scoreboard ({@link Checker}, which hears every register write), the
 * captures, and one {@link Source} of frames. {@code run}, {@code replay} and {@code bench} differ only in the source
 * and in what they do with the {@link RunResult}.
 *
 * <p>Phases: {@link #configure} (tables and rates, through the register layer), the measurement window (frames offered
 * batch by batch at their cycles, partner changes and migrations at theirs), the drain (until every frame is out or
 * the limit), and the end-of-run checks of the RTL's counters.
 */
public final class DirectorEnv {
    private final RunConfig rc;
    private final SwitchConfig cfg;
    private final Source source;
    private final Checker checker;
    private final int n;
    // per-port figures the monitors keep
    private final long[] offered, accepted, delivWin, deliv, delivFrames;
    private long offeredFrames;
    private final List<List<VlStats.Sent>> sent = new ArrayList<>();
    private final long[][] creditStall;
    private final ThroughputSeries.Builder throughput;
    private final Map<DropReason, Long> counted = new EnumMap<>(DropReason.class);
    // the run's tables, as the migrations change them
    private final Map<Integer, Vnic> vnicTable = new HashMap<>();
    private final Map<Integer, Vhba> vhbaTable = new HashMap<>();
    /** Bytes of injected frames not yet taken in, for the ingress captures (only when capturing). */
    private final Map<Long, byte[]> awaitingCapture = new HashMap<>();

    private final Path library;
    private DirectorSim sim;
    private Registers regs;
    private PortCaptures captures;
    private long base, drainCycles, modelNanos, progressCycle;
    private Progress.Task progress;
    /** The harness's meters at the end of the warm-up and at the end of the window. */
    private PortMeters atWarmup, atEnd;

    public DirectorEnv(RunConfig rc, Source source, boolean logFrames) {
        this(rc, source, logFrames, null);
    }

    /** An environment on the model library at {@code library}, or (null) the one {@link DirectorModel} gives for {@code rc}. */
    DirectorEnv(RunConfig rc, Source source, boolean logFrames, Path library) {
        this.library = library;
        this.rc = rc;
        this.cfg = SwitchConfig.of(rc.params());
        this.source = source;
        this.n = cfg.ports();
        this.checker = rc.check() ? new Checker(cfg, rc.scenario().timed(), logFrames) : null;
        offered = new long[n]; accepted = new long[n]; delivWin = new long[n]; deliv = new long[n]; delivFrames = new long[n];
        creditStall = new long[n][16];
        for (int p = 0; p < n; p++) sent.add(new ArrayList<>());
        throughput = new ThroughputSeries.Builder(n, rc.cycles());
    }

    public static SimOptions simOptions(RunConfig rc) {
        return new SimOptions(rc.seed(), Math.round(rc.params().lineGbps() * 1000), rc.params().coreMHz(), rc.egressMode(),
                rc.stallPpm(), rc.watchdog()).withCredits(rc.links().partnerBlocks(), rc.links().fcDelay());
    }

    /** The tables a run's output ports use: the configured ones, or the RTL's reset values. */
    private static VlTables vlTables(RunConfig rc) {
        SwitchConfig cfg = SwitchConfig.of(rc.params());
        return rc.links().tables() != null ? rc.links().tables() : VlTables.defaults(cfg.dataVls(), cfg.vlArbEntries());
    }

    /** Simulates, checks, and returns the figures. A model fault ends the run early and is part of the result. */
    public RunResult run() {
        // -Ddirector.traced=true: every run uses the tracing build (waves off until asked for, which costs nothing
        // measurable), so a debug re-run needs no second model build; the debug flow's test uses it
        Path lib = library != null ? library
                : DirectorModel.library(rc.params(), rc.waves() != null || Boolean.getBoolean("director.traced"), rc.coverage() != null);
        SimFault fault = null;
        long t0 = System.nanoTime();
        double windowSeconds = 0;
        List<Links.PartnerEvent> events = new ArrayList<>(rc.links().events());
        try (DirectorSim s = DirectorSim.create(lib, simOptions(rc));
             PortCaptures c = rc.capture() != null ? new PortCaptures(rc.capture(), cfg) : null;
             Progress.Task task = progressTask(rc.cycles())) {
            sim = s;
            captures = c;
            progress = task;
            regs = new Registers(sim).listen(checker).journal(setupWrites);
            List<Scenario.Migration> migrations = configure();
            regs.journal(null);
            base = sim.status().cycle();  // cycles spent on reset and register writes
            // waves, faults and mismatches all speak in model cycles since reset (what GTKWave shows, at 1 ps)
            if (rc.waves() != null) sim.waves(rc.waves(), rc.wavesFrom(), rc.wavesTo());
            try {
                long tWindow = System.nanoTime();
                window(events, migrations);
                windowSeconds = (System.nanoTime() - tWindow) / 1e9;
                drain(events);
                progress.update(rc.cycles(), figures(drainCycles > 0 ? String.format(Locale.ROOT, ", drained +%,d cycles", drainCycles) : ""));
                readCounters();
            } catch (SimFault f) {
                fault = f;
                progress.update(progressCycle, figures(", stopped by a model fault"));
            }
            // the cover points counted so far (after a fault too: what the run reached)
            if (rc.coverage() != null) {
                java.nio.file.Path parent = rc.coverage().toAbsolutePath().getParent();
                try {
                    if (parent != null) java.nio.file.Files.createDirectories(parent);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("--coverage " + rc.coverage() + ": " + e.getMessage(), e);
                }
                sim.coverage(rc.coverage());
            }
        }
        RunResult r = result(lib, fault, (System.nanoTime() - t0) / 1e9, windowSeconds, modelNanos / 1e9);
        if (rc.coverage() != null) {
            // the testbench's bins beside the RTL's points (after the checker has finished)
            director.tb.check.CoverageBins bins = checker != null ? checker.bins() : new director.tb.check.CoverageBins(cfg);
            bins.settings(rc);
            try {
                bins.appendTo(rc.coverage());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("--coverage " + rc.coverage() + ": " + e.getMessage(), e);
            }
        }
        return r;
    }

    // ---------------------------------------------------------------- configuration

    /** Programs every table and rate of the run through the register layer; returns the migrations, in cycle order. */
    /** The register writes of the set-up, in order ({address, value}): what a C++ driver must write to run the same job. */
    private final List<long[]> setupWrites = new ArrayList<>();

    private List<Scenario.Migration> configure() {
        programRoutes(regs, n);
        if (rc.iterations() > 0) regs.schedIterations(rc.iterations());
        if (rc.schedPeriod() != 1) regs.schedPeriod(rc.schedPeriod());
        programSl2Vl(regs, n, cfg.dataVls(), rc.sl2vl(), rc.seed());
        programVlTables(regs, rc.links().tables(), n);
        if (cfg.hasGateway()) {
            for (Vnic v : source.vnics(cfg)) { regs.vnic(v); vnicTable.put(v.index(), v); }
            for (Vhba v : source.vhbas(cfg)) { regs.vhba(v); vhbaTable.put(v.index(), v); }
        }
        for (var e : rc.scenario().shapers().entrySet()) {
            checkEntry("shaper of vHBA", "vHBA", e.getKey(), vhbaTable.size());
            regs.shaper(e.getKey(), e.getValue());
        }
        for (var e : rc.scenario().policers().entrySet()) {
            checkEntry("policer of vNIC", "vNIC", e.getKey(), vnicTable.size());
            regs.policer(e.getKey(), e.getValue());
        }
        List<Scenario.Migration> migrations = new ArrayList<>(rc.scenario().migrations());
        for (Scenario.Migration m : migrations) {
            checkEntry("migration of " + m.kind().label, m.kind().label, m.index(),
                    m.kind() == Scenario.Kind.VNIC ? vnicTable.size() : vhbaTable.size());
            if (m.newHostPort() >= cfg.hostPorts())
                throw new SimException("migration of " + m.kind().label + " " + m.index() + ": port " + m.newHostPort() + " is not a host port (0.." + (cfg.hostPorts() - 1) + ")");
        }
        return migrations;
    }

    private static void checkEntry(String what, String table, int index, int entries) {
        if (index < 0 || index >= entries)
            throw new SimException(what + " " + index + ": the run's " + table + " table has " + entries + " entries");
    }

    /** Routes every port's LID to the port. */
    public static void programRoutes(Registers regs, int ports) {
        for (int p = 0; p < ports; p++) regs.route(Addressing.lid(p), p);
    }

    /**
     * Writes every (in, out) SL-to-VL table per the plan: ZERO writes nothing (every SL to VL0), MOD8 maps SL s to VL
     * {@code s % dataVls} (the name is historical: SL mod dataVls), RANDOM draws each SL's VL in 0..dataVls-1 from the seed.
     */
    public static void programSl2Vl(Registers regs, int ports, int dataVls, RunConfig.Sl2VlPlan plan, long seed) {
        if (plan == RunConfig.Sl2VlPlan.ZERO) return;
        SplittableRandom r = new SplittableRandom(seed ^ 0x512L);
        for (int in = 0; in < ports; in++)
            for (int out = 0; out < ports; out++) {
                long t = 0;
                for (int sl = 0; sl < 16; sl++)
                    t |= (long) (plan == RunConfig.Sl2VlPlan.MOD8 ? sl % dataVls : r.nextInt(dataVls)) << (4 * sl);
                regs.sl2vl(in, out, t);
            }
    }

    /** Writes the VL arbitration tables and limit of every output port (the reset values stay when null). */
    public static void programVlTables(Registers regs, VlTables tables, int ports) {
        if (tables == null) return;
        for (int p = 0; p < ports; p++) regs.vlTables(p, tables);
    }

    // ---------------------------------------------------------------- the measurement window and the drain

    private void window(List<Links.PartnerEvent> events, List<Scenario.Migration> migrations) {
        long warm = rc.warmup();
        if (warm == 0) atWarmup = sim.meters();
        for (long cycle = 0; cycle < rc.cycles(); ) {
            applyPartnerEvents(events, cycle);
            applyMigrations(migrations, cycle);
            long step = untilNextEvent(events, cycle, Math.min(rc.batch(), rc.cycles() - cycle));
            if (cycle < warm) step = Math.min(step, warm - cycle);
            if (!migrations.isEmpty()) step = Math.max(1, Math.min(step, migrations.get(0).cycle() - cycle));
            List<DirectorSim.Injection> frames = shift(source.until(cycle + step), base);
            for (DirectorSim.Injection f : frames) {
                // what the source's schedule puts on the line before the window ends, at line pace
                double sendable = (base + rc.cycles() - f.earliestCycle()) * cfg.lineBytesPerCycle();
                offered[f.port()] += (long) Math.min(f.bytes().length, Math.max(0, Math.floor(sendable)));
                offeredFrames++;
                if (captures != null) awaitingCapture.put(f.id(), f.bytes());
            }
            if (checker != null) checker.submitInjections(frames, source::origin);
            sim.push(frames);
            long r0 = System.nanoTime();
            sim.run(step);
            modelNanos += System.nanoTime() - r0;
            cycle += step;
            if (cycle == warm) atWarmup = sim.meters();
            collect();
            if (progress.due()) progress.update(progressCycle = cycle, figures(""));
        }
        atEnd = sim.meters();
        long[] moved = sim.portBytes();  // beat-exact bytes taken and delivered inside the window
        for (int p = 0; p < n; p++) { accepted[p] = moved[2 * p]; delivWin[p] = moved[2 * p + 1]; }
        if (checker != null) checker.drain();
    }

    /** Runs on until every frame is out and checked (partner changes scheduled after the window still happen). */
    private void drain(List<Links.PartnerEvent> events) {
        while (drainCycles < rc.maxDrain()) {
            applyPartnerEvents(events, rc.cycles() + drainCycles);
            DirectorSim.Status s = sim.status();
            boolean checkerDone = checker == null || checker.outstanding() == 0;
            if (s.pendingFrames() == 0 && s.idle() && s.egressPartial() == 0 && checkerDone) break;
            long step = untilNextEvent(events, rc.cycles() + drainCycles, Math.min(rc.batch(), rc.maxDrain() - drainCycles));
            sim.run(step);
            drainCycles += step;
            collect();
            if (progress.due()) progress.update(rc.cycles(), figures(String.format(Locale.ROOT, ", draining +%,d cycles", drainCycles)));
        }
    }

    /**
     * The run's progress line (stderr, after a few seconds; see Progress): window cycles done of the total, cycles/s,
     * time left, and the frames checked and mismatches so far. Counted in thousands from 100,000 cycles on.
     */
    private static Progress.Task progressTask(long cycles) {
        boolean k = cycles >= 100_000;
        return Progress.start(Progress.labelOr("run"), cycles, k ? "k cycles" : " cycles", k ? 1000 : 1, true);
    }

    /**
     * The figures after the counts: mismatches and frames checked so far (frames delivered when not checking), then
     * {@code more}; the mismatches first, so that a narrow terminal cuts the least important end.
     */
    private String figures(String more) {
        if (checker == null) return String.format(Locale.ROOT, "%,d frames delivered (not checked)%s", RunResult.sum(delivFrames), more);
        return String.format(Locale.ROOT, "%,d mismatches, %,d frames checked%s", checker.mismatchesSoFar(), checker.checkedSoFar(), more);
    }

    /**
     * Applies the migrations due at window cycle {@code now} (sorted by cycle): the entry's new host port, DLID (the
     * port's LID) and host QP (+0x10000, so the two bindings' packets differ); the register layer tells the checker
     * the cycle the entry changed.
     */
    private void applyMigrations(List<Scenario.Migration> migrations, long now) {
        while (!migrations.isEmpty() && migrations.get(0).cycle() <= now) {
            Scenario.Migration m = migrations.remove(0);
            int lid = Addressing.lid(m.newHostPort());
            if (m.kind() == Scenario.Kind.VNIC) {
                Vnic old = vnicTable.get(m.index());
                Vnic moved = old.movedTo(m.newHostPort(), lid, (old.qp() + 0x10000) & 0xFFFFFF);
                vnicTable.put(m.index(), moved);
                regs.vnic(moved);
            } else {
                Vhba old = vhbaTable.get(m.index());
                Vhba moved = old.movedTo(m.newHostPort(), lid, (old.qp() + 0x10000) & 0xFFFFFF);
                vhbaTable.put(m.index(), moved);
                regs.vhba(moved);
            }
        }
    }

    /** Applies the partner changes due at window cycle {@code now} (the list is sorted by cycle). */
    private void applyPartnerEvents(List<Links.PartnerEvent> events, long now) {
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

    /** The monitors: drains the model's finished egress and ingress frames into the figures, captures and checker. */
    private void collect() {
        if (checker == null && captures == null) {
            sim.popEgressCounts(delivFrames, deliv);
            sim.popIngress(d -> { });
            return;
        }
        List<EgressFrame> batch = new ArrayList<>();
        sim.popEgress(f -> {
            deliv[f.port()] += f.bytes().length;
            delivFrames[f.port()]++;
            throughput.add(f.port(), f.firstCycle() - base, f.lastCycle() - base, f.bytes().length);
            batch.add(f);
            // the VL log covers InfiniBand links (a 10GbE port's frames carry no VL)
            if (f.port() < cfg.hostPorts()) sent.get(f.port()).add(new VlStats.Sent(f.firstCycle(), (f.bytes()[0] >> 4) & 0xf, f.bytes().length));
            if (captures != null) captures.egress(f.port(), f.firstCycle(), f.bytes());
        });
        List<IngressDone> dones = new ArrayList<>();
        sim.popIngress(dones::add);
        if (captures != null)
            for (IngressDone d : dones) {
                byte[] b = awaitingCapture.remove(d.id());
                if (b != null) captures.ingress(d.port(), d.firstCycle(), b);
            }
        if (checker != null) {
            // ingress first: in a timed run a frame is predicted when its last beat is in, before its egress is checked
            checker.submitIngress(dones);
            checker.submitEgress(batch);
        }
    }

    // ---------------------------------------------------------------- end of run

    /** The RTL's own counters, checked against the golden model's. */
    private void readCounters() {
        for (DropReason r : DropReason.values()) counted.put(r, 0L);
        long[][] rtlCounters = new long[n][];
        for (int p = 0; p < n; p++) {
            rtlCounters[p] = regs.portCounters(p);
            for (DropReason r : DropReason.values())
                if (!r.isGateway()) counted.merge(r, rtlCounters[p][r.counterIndex], Long::sum);
        }
        if (checker != null) checker.submitCounters(rtlCounters, sim.status().cycle());
        if (cfg.hasGateway()) {
            long[][] gw = new long[n][];
            for (int p = 0; p < n; p++) gw[p] = regs.gatewayCounters(p);
            for (int p = 0; p < n; p++)
                for (DropReason r : DropReason.values()) if (r.isGateway()) counted.merge(r, gw[p][r.rtlCode], Long::sum);
            if (checker != null) checker.submitGwCounters(gw, sim.status().cycle());
        }
        long[][][] vl = readVlCounters();
        for (int p = 0; p < n; p++)
            for (int v = 0; v < cfg.dataVls(); v++)
                creditStall[p][v] = vl[p][v][CsrMap.VlCounter$.MODULE$.CreditStallCycles()];
        if (checker != null) checker.submitVlCounters(vl, sim.status().cycle());
    }

    /** The VLs whose per-VL counters are read: the data VLs and VL15. */
    static int[] countedVls(SwitchConfig cfg) {
        int[] v = new int[cfg.dataVls() + 1];
        for (int i = 0; i < cfg.dataVls(); i++) v[i] = i;
        v[cfg.dataVls()] = 15;
        return v;
    }

    /**
     * The per-VL counters the golden model predicts and the data VLs' credit-stall cycles, read from the RTL (a burst a
     * port and VL): [port][vl 0..15][n 0..31], -1 where not read.
     */
    private long[][][] readVlCounters() {
        long[][][] c = new long[n][16][32];
        for (long[][] a : c) for (long[] b : a) Arrays.fill(b, -1);
        List<Integer> ns = new ArrayList<>(List.of(0, 1, 2, 3));
        for (DropReason r : DropReason.values())
            if (!r.isGateway()) ns.add(CsrMap.VlCounter$.MODULE$.DropBase() + r.rtlCode);  // gateway drops: per port, not per VL
        int[] counted = ns.stream().mapToInt(Integer::intValue).toArray();
        ns.add(CsrMap.VlCounter$.MODULE$.CreditStallCycles());
        int[] withStall = ns.stream().mapToInt(Integer::intValue).toArray();
        for (int p = 0; p < n; p++)
            for (int v : countedVls(cfg)) {
                int[] read = v < cfg.dataVls() ? withStall : counted;  // VL15 has no credits
                long[] got = regs.vlCounters(p, v, read);
                for (int i = 0; i < read.length; i++) c[p][v][read[i]] = got[i];
            }
        return c;
    }

    private RunResult result(Path lib, SimFault fault, double wall, double windowSeconds, double modelSeconds) {
        long windowEnd = base + rc.cycles();
        Checker.Summary sum = checker != null ? checker.finish(base + rc.warmup(), windowEnd) : Checker.Summary.none(n);
        long[] pct = new long[RunResult.PERCENTILES.length];
        for (int i = 0; i < pct.length; i++) pct[i] = sum.latency().percentile(RunResult.PERCENTILES[i]);
        return new RunResult(rc, rc.params().describe(), cfg.nsPerCycle(), base, offered, accepted, sum.expectedBytes(),
                sum.idealWindow(), delivWin, deliv, offeredFrames, RunResult.sum(delivFrames), sum.dropsPredicted(), counted,
                sum.mismatches(), sum.firstMismatches(), sum.lost(), sum.lostExamples(), pct, sum.latency().mean(),
                drainCycles, wall, (rc.cycles() + drainCycles) / wall, windowSeconds, modelSeconds,
                director.harness.ModelBuild.buildSeconds(lib), fault, lib.toString(), new VlStats(vlTables(rc), sent, creditStall, base, windowEnd),
                checker != null && cfg.hasGateway() ? checker.gateway() : null, source.describe(),
                checker != null ? checker.frames() : null, sum.firstLost(), throughput.build(rc.cycles() + drainCycles),
                sum.latencyGroups(),
                atEnd == null || atWarmup == null ? null : new WindowMeters(base + rc.warmup(), windowEnd, atEnd.minus(atWarmup), sum.demandWire()),
                List.copyOf(setupWrites));
    }
}
