package director.tb.check;

import director.rtl.csr.CsrMap;
import director.tb.model.DropReason;
import director.tb.model.GoldenModel;
import director.tb.model.OutputQueuedReference;
import director.tb.model.Prediction;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Policer;
import director.tb.model.gateway.Shaper;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.run.GatewayStats;
import director.tb.sim.DirectorSim;
import director.tb.sim.EgressFrame;
import director.tb.sim.IngressDone;
import director.tb.sim.Registers;

import java.util.*;
import java.util.concurrent.*;

/**
 * The golden model and the scoreboard, the one place where the reference and the RTL's outputs meet: fed injected
 * frames, ingress completions, egress frames and the RTL's counters strictly in order (inline, or on a thread of its
 * own with -Ddirector.checker=thread), and the register writes as typed events ({@link Registers.Listener}), so the
 * golden model's tables follow the RTL's. Optionally keeps a {@link FrameLog} of every frame's fate.
 */
public final class Checker implements Registers.Listener {
    private final GoldenModel golden;
    private final Scoreboard board;
    /** Every frame's fate, or null when not asked for. */
    private final FrameLog frames;
    final LatencyStats latency = new LatencyStats();
    /** The same latencies by VL (InfiniBand outputs) and by delivered protocol, for the report's CDFs. */
    final LatencyGroups latencyGroups = new LatencyGroups();
    /** The testbench's coverage bins of the delivered frames (read after {@link #finish}). */
    private final CoverageBins bins;

    public CoverageBins bins() { return bins; }
    final long[] expectedBytes;
    final OutputQueuedReference ideal;
    final Map<Long, Long> ingressFirst = new HashMap<>();
    private final GatewayStats gateway;
    /** Per expected frame id (gateway profiles only): its protocol and vNIC, for the gateway figures. */
    private final Map<Long, ArrayDeque<int[]>> gwTag = new HashMap<>();
    final ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "checker");
        t.setDaemon(true);
        return t;
    });
    final List<Future<?>> pending = new ArrayList<>();
    /** A delivered frame whose ingress completion has not been seen yet: its last beat out and its latency groups. */
    private record Delivered(long lastCycle, int vl, LatencyGroups.Protocol protocol) {}
    private final Map<Long, Delivered> egressAwaitingIngress = new HashMap<>();

    /** Predict each frame when its last beat is in (needed when the tables change while traffic flows). */
    private final boolean timed;
    private final Map<Long, DirectorSim.Injection> awaitingIngress = new HashMap<>();

    public Checker(SwitchConfig cfg, boolean timed, boolean logFrames) {
        this.timed = timed;
        this.frames = logFrames ? new FrameLog() : null;
        golden = new GoldenModel(cfg);
        bins = new CoverageBins(cfg);
        board = new Scoreboard(cfg.ports());
        expectedBytes = new long[cfg.ports()];
        ideal = new OutputQueuedReference(cfg.ports(), cfg.lineBytesPerCycle());
        gateway = cfg.hasGateway() ? new GatewayStats(cfg.vnics(), cfg.vhbas()) : null;
    }

    /** The protocol of a forwarded frame and its vNIC (DestQP of a host's EoIB packet, SrcQP of the director's). */
    private int[] tag(int in, int out, byte[] inBytes, byte[] outBytes) {
        SwitchConfig c = golden.config();
        if (c.isEth(out)) return new int[] {GatewayStats.Proto.ETH_TO_LAN.ordinal(), qp(inBytes, 13) - Vnic.QP_BASE};
        if (c.isEth(in)) return new int[] {GatewayStats.Proto.ETH_TO_SERVER.ordinal(), qp(outBytes, 25) - Vnic.QP_BASE};
        if (c.isFc(out)) return new int[] {GatewayStats.Proto.FC_TO_SAN.ordinal(), qp(inBytes, 13) - Vhba.QP_BASE};
        if (c.isFc(in)) return new int[] {GatewayStats.Proto.FC_TO_SERVER.ordinal(), qp(outBytes, 25) - Vhba.QP_BASE};
        // host to host through the gateway (a vNIC to a vNIC behind the same 10GbE port): SLID = GW_LID
        if ((((outBytes[6] & 0xff) << 8) | (outBytes[7] & 0xff)) == golden.gateway().gwLid())
            return new int[] {GatewayStats.Proto.ETH_LOCAL.ordinal(), qp(outBytes, 25) - Vnic.QP_BASE};
        return new int[] {GatewayStats.Proto.IB.ordinal(), -1};
    }

    /** The tag of the copy whose SrcQP (the director's QP of its vNIC) the delivered packet carries. */
    private static int[] matchTag(ArrayDeque<int[]> tags, byte[] delivered) {
        int vnic = qp(delivered, 25) - Vnic.QP_BASE;
        for (java.util.Iterator<int[]> it = tags.iterator(); it.hasNext(); ) {
            int[] t = it.next();
            if (t[1] == vnic) { it.remove(); return t; }
        }
        return tags.poll();
    }

    private static int qp(byte[] b, int off) { return (b[off] & 0xff) << 16 | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff); }

    /** The golden model (read-only use: its figures after the run). */
    public GoldenModel golden() { return golden; }

    /** The gateway figures (null without module ports). */
    public GatewayStats gateway() { return gateway; }

    /** Every frame's fate (null unless asked for); complete after {@link #finish}. */
    public FrameLog frames() { return frames; }

    /** Inline (same thread) unless -Ddirector.checker=thread: see the bench figures in the README. */
    static final boolean THREADED = "thread".equals(System.getProperty("director.checker", "inline"));

    void submit(Runnable r) {
        if (!THREADED) { r.run(); return; }
        pending.add(exec.submit(r));
        if (pending.size() > 64) { await(pending.remove(0)); }
    }

    /** Frames handed to the model; {@code origin} labels them in the frame log (may be null). */
    public void submitInjections(List<DirectorSim.Injection> injected, java.util.function.LongFunction<String> origin) {
        submit(() -> {
            for (DirectorSim.Injection f : injected) {
                if (frames != null) frames.injected(f.id(), f.port(), f.earliestCycle(), origin == null ? "" : origin.apply(f.id()));
                if (timed) awaitingIngress.put(f.id(), f);
                else predict(f, Long.MAX_VALUE);
            }
        });
    }

    /** The golden model's fate of one injected frame, its last beat in at {@code lastBeatCycle}; expectations. */
    private void predict(DirectorSim.Injection f, long lastBeatCycle) {
            for (Prediction p : golden.ingressAll(f.port(), f.bytes(), lastBeatCycle)) {
                if (frames != null) frames.predicted(f.id(), p.isDrop() ? p.drop() : null);
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

    // ---- register writes, as the golden model must follow them (Registers.Listener) ----
    @Override public void route(int lid, int port) { submit(() -> golden.setRoute(lid, port)); }
    @Override public void sl2vl(int in, int out, long table) { submit(() -> golden.setSl2Vl(in, out, table)); }
    /** A vNIC entry committed in model cycle {@code cycle}: decisions in later cycles see it. */
    @Override public void vnic(long cycle, Vnic v) { submit(() -> golden.gateway().setAt(cycle, v)); }
    @Override public void vhba(long cycle, Vhba v) { submit(() -> golden.gateway().setVhbaAt(cycle, v)); }
    @Override public void policer(int vnic, Policer p) { submit(() -> golden.gateway().setPolicer(vnic, p)); }
    @Override public void shaper(int vhba, Shaper sh) { submit(() -> golden.gateway().setShaper(vhba, sh)); }

    public void submitIngress(List<IngressDone> dones) {
        submit(() -> {
            for (IngressDone d : dones) {
                if (frames != null) frames.ingress(d.id(), d.firstCycle(), d.lastCycle());
                if (timed) {
                    DirectorSim.Injection f = awaitingIngress.remove(d.id());
                    if (f != null) predict(f, d.lastCycle());
                }
                Delivered out = egressAwaitingIngress.remove(d.id());
                if (out != null) latency(out, out.lastCycle() - d.firstCycle());
                else ingressFirst.put(d.id(), d.firstCycle());
            }
        });
    }

    public void submitEgress(List<EgressFrame> egress) {
        submit(() -> {
            for (EgressFrame f : egress) {
                Scoreboard.Expected e = board.observe(f);
                if (e == null) {
                    if (frames != null && board.lastMismatchId() >= 0) frames.mismatched(board.lastMismatchId());
                    continue;
                }
                if (frames != null) frames.delivered(e.id(), f.port(), f.firstCycle(), f.lastCycle());
                ArrayDeque<int[]> tags = gateway != null ? gwTag.get(e.id()) : null;
                int[] t = null;
                if (tags != null) {
                    // a group frame's copies share its id: they differ in their vNIC (the DestQP they carry)
                    t = tags.size() == 1 ? tags.poll() : matchTag(tags, f.bytes());
                    if (tags.isEmpty()) gwTag.remove(e.id());
                    if (t != null) gateway.add(GatewayStats.Proto.values()[t[0]], t[1], f.bytes().length, f.firstCycle());
                }
                Delivered out = delivered(f, t);
                bins.delivered(e.inPort(), f.port(), out.protocol(), f.bytes(), out.vl());
                Long first = ingressFirst.remove(e.id());
                if (first != null) latency(out, f.lastCycle() - first);
                else egressAwaitingIngress.put(e.id(), out);
            }
        });
    }

    /** A delivered frame's VL (-1 out of a module port: no VL on that wire) and protocol ({@code tag}: its gateway path, or null). */
    private Delivered delivered(EgressFrame f, int[] tag) {
        SwitchConfig c = golden.config();
        boolean module = c.isEth(f.port()) || c.isFc(f.port());
        int vl = module || f.bytes().length == 0 ? -1 : (f.bytes()[0] >> 4) & 0xf;
        LatencyGroups.Protocol p = tag != null ? LatencyGroups.Protocol.of(GatewayStats.Proto.values()[tag[0]])
                : c.isEth(f.port()) ? LatencyGroups.Protocol.ETH : c.isFc(f.port()) ? LatencyGroups.Protocol.FC : LatencyGroups.Protocol.IB;
        return new Delivered(f.lastCycle(), vl, p);
    }

    private void latency(Delivered d, long cycles) {
        latency.add(cycles);
        latencyGroups.add(d.vl(), d.protocol(), cycles);
    }

    public void submitCounters(long[][] rtl, long cycle) {
        submit(() -> {
            GoldenModel.Counter[] cs = GoldenModel.Counter.values();
            for (int p = 0; p < rtl.length; p++)
                for (GoldenModel.Counter c : cs)
                    if (rtl[p][c.csrIndex] != golden.counter(p, c))
                        board.recordOther(cycle, p, "counter " + CsrMap.counterNames().apply(c.csrIndex) + " reads "
                                + rtl[p][c.csrIndex] + ", the golden model expects " + golden.counter(p, c));
        });
    }

    public void submitGwCounters(long[][] rtl, long cycle) {
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

    public void submitVlCounters(long[][][] rtl, long cycle) {
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

    /** Frames checked at egress so far (matched or not), for the progress line; a racy read with the threaded checker. */
    public long checkedSoFar() { return board.matchedCount() + board.mismatchCount(); }

    /** Mismatches so far (frames and counters), for the progress line. */
    public long mismatchesSoFar() { return board.mismatchCount(); }

    public long outstanding() {
        drain();
        return board.outstanding();
    }

    public void drain() {
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

    /** {@code firstLost}: the earliest (by its first beat in) of the lost frames looked at, or null. */
    public record Summary(long mismatches, List<Scoreboard.Mismatch> firstMismatches, long lost, List<String> lostExamples,
                   LatencyStats latency, long[] expectedBytes, Map<DropReason, Long> dropsPredicted, long[] idealWindow,
                   Failure firstLost, double[] demandWire, LatencyGroups latencyGroups) {
        public static Summary none(int n) {
            Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
            for (DropReason r : DropReason.values()) d.put(r, 0L);
            return new Summary(0, List.of(), 0, List.of(), new LatencyStats(), new long[n], d, new long[n], null, null, new LatencyGroups());
        }
    }

    /**
     * The checker's findings at the end of the run; {@code demandFrom}..{@code windowEnd} is the window over which the
     * traffic's demand on each output is measured ({@link OutputQueuedReference#wireDemand}).
     */
    public Summary finish(long demandFrom, long windowEnd) {
        drain();
        if (gateway != null)
            for (int v = 0; v < gateway.vnics(); v++)
                gateway.setPolicing(v, golden.gateway().policer(v),
                        golden.gateway().policedFrames(v), golden.gateway().policerSpan(v), golden.config().nsPerCycle());
        if (gateway != null)
            for (int h = 0; h < gateway.vhbas(); h++) gateway.setShaping(h, golden.gateway().shaper(h), golden.config().nsPerCycle());
        exec.shutdown();
        List<String> lostEx = new ArrayList<>();
        Failure firstLost = null;
        for (Scoreboard.Expected e : board.missing(1000)) {
            Long in = ingressFirst.get(e.id());
            long c = in != null ? in : windowEnd;
            if (firstLost == null || c < firstLost.cycle())
                firstLost = new Failure(c, e.outPort(), "frame id " + e.id() + " from input " + e.inPort() + " to output " + e.outPort()
                        + " lost" + (in != null ? " (its first beat went in at this cycle)" : " (never seen going in)"));
        }
        for (Scoreboard.Expected e : board.missing(10))
            lostEx.add("id " + e.id() + " input " + e.inPort() + " -> output " + e.outPort() + " (" + e.bytes().length + " bytes)");
        return new Summary(board.mismatchCount(), board.firstMismatches(), board.outstanding(), lostEx, latency,
                expectedBytes, golden.drops(), ideal.deliveredBy(windowEnd), firstLost, ideal.wireDemand(demandFrom, windowEnd),
                latencyGroups);
    }
}

