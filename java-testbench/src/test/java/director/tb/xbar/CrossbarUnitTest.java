package director.tb.xbar;

import director.rtl.params.DirectorParams;
import director.tb.sim.Models;
import director.tb.sim.SimException;
import director.tb.sim.UnitSim;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The crossbar (xbar/Crossbar) alone, against its rules, with this test as its inputs, its outputs and the scheduler
 * (CrossbarUnit; outputs sampled before the clock edge). The scheduler is the real one's contract: at random it
 * connects only outputs that are free ({@code outFree}: idle, or their last beat crosses now) to inputs that are idle
 * (or whose last beat crosses now) and hold a packet for that output, one output per input. Every cycle, per output
 * and per input:
 * <ul>
 *   <li><b>route</b>: an output shows a beat exactly when it is connected and its input offers one, and the beat is
 *       that input's, intact (sop, eop, bytes, the whole data: its first chunk and the XOR of all chunks); no beat
 *       of an unconnected input (which offers stray beats and the head of its next packet at random) crosses;</li>
 *   <li><b>packets</b>: what crosses each output, read back from its tag alone, is whole packets, sop..eop, each on
 *       the one output it was connected to, beats in order, never two interleaved;</li>
 *   <li><b>hold</b>: a connection holds until its packet's eop crosses: {@code outFree} exactly when the output is
 *       idle or its last beat crosses this cycle, {@code outSource} the input connected (or last connected);</li>
 *   <li><b>handshake</b>: {@code in.ready} exactly when the input is connected and its output is ready;
 *       {@code stall} exactly when an output is connected, its input offers a beat and the output is not ready;</li>
 *   <li><b>counts</b>: at the end, after a drain, every packet made crossed once, whole: beats taken at the inputs =
 *       beats out = beats made; the RTL's own assertion (a connection to a busy output) never fired in these runs,
 *       and {@link #assertionCatchesABusyConnection} shows that it is live.</li>
 * </ul>
 * Phases at random: mixed traffic, saturation (every input offering, every output ready, every possible connection
 * made: connections in the very cycle an output's or input's last beat crosses, every output busy), one-beat packets
 * only, back-pressure on every output, sparse offers, long packets (to maxPacketBeats). Settings: 2, 3, 8 and 39
 * ports, beats of 8, 16, 32 and 64 bytes. The seed is printed; -Dxbar.seed=N overrides it; -Dxbar.only=NAME runs
 * only the setting of that name (to reproduce one quickly).
 */
@Tag("rtl")
class CrossbarUnitTest {

    record Setting(String name, int ports, int beatBytes, int cycles) {
        DirectorParams params() {
            return DirectorParams.fromSpec("small", Map.of("ports", Integer.toString(ports), "beatBytes", Integer.toString(beatBytes)));
        }
        @Override public String toString() { return name; }
    }

    static List<Setting> settings() {
        List<Setting> all = List.of(
                new Setting("2x32", 2, 32, 150_000),
                new Setting("3x16", 3, 16, 150_000),
                new Setting("8x8", 8, 8, 150_000),
                new Setting("8x64", 8, 64, 100_000),
                new Setting("39x8", 39, 8, 100_000));
        String only = System.getProperty("xbar.only", "");
        if (only.isEmpty()) return all;
        List<Setting> some = all.stream().filter(s -> s.name().equals(only)).toList();
        if (some.isEmpty()) throw new IllegalArgumentException("-Dxbar.only=" + only + ": no such setting (" + all + ")");
        return some;
    }

    static final long GOLDEN = 0x9E3779B97F4A7C15L;
    static final long NOISE = 0xFFL << 56;
    static final int BATCH = 128;

    enum Mode {
        MIXED(0.85, 0.75, 0.6, 0.3), SATURATE(1.0, 1.0, 1.0, 0.0), ONE_BEAT(1.0, 0.85, 1.0, 0.2),
        BACKPRESSURE(1.0, 0.0, 1.0, 0.3), SPARSE(0.3, 0.4, 0.3, 0.6), LONG(0.9, 0.8, 0.7, 0.3), DRAIN(0.9, 0.8, 1.0, 0.2);
        final double pValid, pReady, pConnect, pStray;
        Mode(double v, double r, double c, double s) { pValid = v; pReady = r; pConnect = c; pStray = s; }
    }

    /** A packet an input sends; its beats' tags name it: [63:56] input + 1, [55:32] its number at the input,
     * [31:20] the beat, [19:0] random. */
    static final class Pkt {
        int input, seq, out, len;
        long[] tags;
        int lastBytes;
        int sent, recv, delivered;
        long connectCycle = -1;
        int bytes(int k, int beatBytes) { return k == len - 1 ? lastBytes : beatBytes; }
        @Override public String toString() {
            return "packet " + input + "." + seq + " (input " + input + " -> output " + out + ", " + len + " beats, connected at cycle " + connectCycle + ")";
        }
    }

    /** One cycle's stimulus and what the rules say the crossbar must show. */
    static final class Cyc {
        long cycle;
        Mode mode;
        long[] in;
        boolean[] inValid, ready, expValid, expFree, expStall, expInReady;
        long[] inTag;
        int[] inBytes;
        boolean[] inSop, inEop;
        int[] expSrc;
        Pkt[] outPkt;    // the packet on each connected output
        int[] outBeat;
    }

    Setting s;
    DirectorParams p;
    int n, beatBytes, chunks, maxBeats;
    long seed;
    SplittableRandom rng;
    long cycle;

    // the rules' state (what the crossbar must hold)
    boolean[] outBusy, inBusy;
    int[] outSrc, inDst, inBeat;
    Pkt[] inPkt;
    List<List<ArrayDeque<Pkt>>> voq;    // voq.get(i).get(j): packets input i holds for output j, in order
    List<List<Pkt>> made;               // per input, by number
    int pending;                        // packets made and not yet connected

    // the receiving side (read back from what the RTL shows)
    Pkt[] rxPkt;
    long beatsMade, beatsIn, beatsOut, packetsDelivered, checks;
    // boundary coverage
    long connAtOutLast, connAtInLast, backToBack, oneBeatPkts, maxLenPkts, allBusyCycles, allStalledCycles, strayOffers,
            connections;

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void rulesHold(Setting setting) {
        s = setting;
        p = setting.params();
        n = p.ports();
        beatBytes = p.beatBytes();
        chunks = beatBytes / 8;
        maxBeats = p.maxPacketBeats();
        seed = Long.getLong("xbar.seed", 47_000_000L + n * 100L + beatBytes);
        System.out.println("CrossbarUnitTest '" + setting + "' seed " + seed + " (-Dxbar.seed=" + seed + " -Dxbar.only=" + s.name() + "): "
                + n + " ports, " + beatBytes + "-byte beats, packets of 1.." + maxBeats + " beats");
        rng = new SplittableRandom(seed);
        outBusy = new boolean[n]; inBusy = new boolean[n];
        outSrc = new int[n]; inDst = new int[n]; inBeat = new int[n];
        inPkt = new Pkt[n]; rxPkt = new Pkt[n];
        voq = new ArrayList<>(); made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<ArrayDeque<Pkt>> row = new ArrayList<>();
            for (int j = 0; j < n; j++) row.add(new ArrayDeque<>());
            voq.add(row);
            made.add(new ArrayList<>());
        }
        long t0 = System.nanoTime();
        try (UnitSim u = new UnitSim(Models.crossbarUnit(p), "crossbar_unit_create", 2 * n, 3 * n)) {
            long tb = System.nanoTime();
            Mode[] phases = {Mode.MIXED, Mode.SATURATE, Mode.ONE_BEAT, Mode.BACKPRESSURE, Mode.SPARSE, Mode.LONG};
            // every kind once in a shuffled order, then at random
            List<Mode> order = new ArrayList<>(List.of(phases));
            for (int k = order.size() - 1; k > 0; k--) { int r = rng.nextInt(k + 1); Mode t = order.get(k); order.set(k, order.get(r)); order.set(r, t); }
            int phase = 0;
            while (cycle < s.cycles()) {
                Mode m = phase < order.size() ? order.get(phase) : phases[rng.nextInt(phases.length)];
                int len = m == Mode.BACKPRESSURE ? 20 + rng.nextInt(200) : 200 + rng.nextInt(1500);
                run(u, m, len, true);
                phase++;
            }
            // drain: no new packets; everything made must cross
            long drainStart = cycle;
            while (pending > 0 || anyBusy()) {
                if (cycle - drainStart > 200L * n * maxBeats) fail(where(null) + "drain: " + pending + " packets not connected and connections still open after "
                        + (cycle - drainStart) + " cycles");
                run(u, Mode.DRAIN, BATCH, false);
            }
            run(u, Mode.DRAIN, 8, false);   // a few idle cycles after the last packet
            double secs = (System.nanoTime() - tb) / 1e9;
            long packets = made.stream().mapToLong(List::size).sum();
            System.out.printf("  %d cycles, %d packets (%d beats) crossed, %d connections (%d made as the output's last beat crossed, %d as the input's,"
                            + " %d back to back on the same pair), %d one-beat packets, %d of the longest (%d beats), %d cycles with every output busy,"
                            + " %d with every output stalled, %d stray offers refused, %d checks; model build/load %.1f s, run %.1f s%n",
                    cycle, packetsDelivered, beatsOut, connections, connAtOutLast, connAtInLast, backToBack, oneBeatPkts, maxLenPkts, maxBeats,
                    allBusyCycles, allStalledCycles, strayOffers, checks, (tb - t0) / 1e9, secs);
            // counts: nothing lost, nothing duplicated
            for (List<Pkt> l : made)
                for (Pkt k : l) {
                    if (k.delivered != 1) fail(where(null) + "counts: " + k + " crossed " + k.delivered + " times");
                    if (k.recv != k.len || k.sent != k.len) fail(where(null) + "counts: " + k + " sent " + k.sent + " and received " + k.recv + " beats");
                }
            assertEquals(packets, packetsDelivered, where(null) + "counts: packets made = packets crossed");
            assertEquals(beatsMade, beatsIn, where(null) + "counts: beats made = beats taken at the inputs");
            assertEquals(beatsMade, beatsOut, where(null) + "counts: beats made = beats out");
            // the boundaries were reached
            assertTrue(connAtOutLast > 0, "a connection was made as an output's last beat crossed");
            assertTrue(connAtInLast > 0, "a connection was made as an input's last beat crossed");
            assertTrue(backToBack > 0, "a pair was connected again as its last beat crossed");
            assertTrue(oneBeatPkts > 0 && maxLenPkts > 0, "one-beat and maxPacketBeats packets crossed");
            assertTrue(allBusyCycles > 0, "every output was busy at once");
            assertTrue(allStalledCycles > 0, "every output was back-pressured with a beat waiting");
            assertTrue(strayOffers > 0, "unconnected inputs offered beats");
        }
    }

    boolean anyBusy() {
        for (int j = 0; j < n; j++) if (outBusy[j]) return true;
        return false;
    }

    String where(Cyc c) {
        return "CrossbarUnitTest '" + s + "' seed " + seed + (c == null ? ", at the end" : ", cycle " + c.cycle + " (" + c.mode + ")") + ": ";
    }

    // ------------------------------------------------------------------ stimulus and the rules' state

    int packetLen(Mode m) {
        if (m == Mode.ONE_BEAT) return 1;
        if (m == Mode.LONG) return rng.nextInt(4) == 0 ? maxBeats : 1 + rng.nextInt(maxBeats);
        return switch (rng.nextInt(8)) {
            case 0, 1 -> 1;
            case 2 -> 2;
            case 3 -> rng.nextInt(100) == 0 ? maxBeats : 1 + rng.nextInt(Math.min(maxBeats, 64));
            default -> 1 + rng.nextInt(8);
        };
    }

    Pkt makePacket(int i, Mode m, int out) {
        Pkt k = new Pkt();
        k.input = i;
        k.seq = made.get(i).size();
        k.out = out;
        k.len = packetLen(m);
        k.lastBytes = 1 + rng.nextInt(beatBytes);
        k.tags = new long[k.len];
        for (int b = 0; b < k.len; b++)
            k.tags[b] = ((long) (i + 1) << 56) | ((long) (k.seq & 0xFFFFFF) << 32) | ((long) b << 20) | rng.nextInt(1 << 20);
        made.get(i).add(k);
        voq.get(i).get(k.out).add(k);
        pending++;
        beatsMade += k.len;
        return k;
    }

    int held(int i) {
        int t = 0;
        for (ArrayDeque<Pkt> q : voq.get(i)) t += q.size();
        return t;
    }

    /** Runs {@code len} cycles of mode {@code m} in batches; {@code fresh}: inputs are topped up with new packets. */
    void run(UnitSim u, Mode m, int len, boolean fresh) {
        // back-pressure on every output with every output busy: each idle input gets a packet for each idle output
        if (fresh && m == Mode.BACKPRESSURE)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (!inBusy[i] && !outBusy[j] && voq.get(i).get(j).isEmpty()) makePacket(i, Mode.ONE_BEAT, j);
        for (int done = 0; done < len; ) {
            int b = Math.min(BATCH, len - done);
            Cyc[] cs = new Cyc[b];
            long[] in = new long[b * 2 * n];
            for (int k = 0; k < b; k++) {
                if (fresh) for (int i = 0; i < n; i++) while (held(i) < 3) makePacket(i, m, rng.nextInt(n));
                cs[k] = cycle(m);
                System.arraycopy(cs[k].in, 0, in, k * 2 * n, 2 * n);
            }
            long[] out;
            try {
                out = u.step(in);
            } catch (SimException e) {
                fail(where(cs[0]) + "the RTL faulted in cycles " + cs[0].cycle + ".." + cs[b - 1].cycle + " (its assertion: a connection to a busy output?): "
                        + e.getMessage());
                return;
            }
            for (int k = 0; k < b; k++) check(cs[k], out, k * 3 * n);
            done += b;
        }
    }

    /** One cycle: what the inputs, the outputs and the scheduler do, and what the crossbar must show; then the state moves on. */
    Cyc cycle(Mode m) {
        Cyc c = new Cyc();
        c.cycle = cycle++;
        c.mode = m;
        c.in = new long[2 * n];
        c.inValid = new boolean[n]; c.ready = new boolean[n]; c.expValid = new boolean[n]; c.expFree = new boolean[n];
        c.expStall = new boolean[n]; c.expInReady = new boolean[n];
        c.inTag = new long[n]; c.inBytes = new int[n]; c.inSop = new boolean[n]; c.inEop = new boolean[n];
        c.expSrc = new int[n]; c.outPkt = new Pkt[n]; c.outBeat = new int[n];
        // the rules' state is one connection per pair, seen from both sides
        for (int j = 0; j < n; j++)
            if (outBusy[j] && (!inBusy[outSrc[j]] || inDst[outSrc[j]] != j)) throw new IllegalStateException("test bug: output " + j + " connected alone");
        // inputs: a connected input offers its packet's next beat; an unconnected one at random a stray beat or its next packet's head
        for (int i = 0; i < n; i++) {
            if (inBusy[i]) {
                Pkt k = inPkt[i];
                if (rng.nextDouble() < m.pValid) {
                    int b = inBeat[i];
                    c.inValid[i] = true; c.inTag[i] = k.tags[b]; c.inBytes[i] = k.bytes(b, beatBytes); c.inSop[i] = b == 0; c.inEop[i] = b == k.len - 1;
                }
            } else if (rng.nextDouble() < m.pStray) {
                c.inValid[i] = true;
                Pkt head = null;
                for (ArrayDeque<Pkt> q : voq.get(i)) if (!q.isEmpty() && (head == null || q.peek().seq < head.seq)) head = q.peek();
                if (head != null && rng.nextBoolean()) {
                    c.inTag[i] = head.tags[0]; c.inBytes[i] = head.bytes(0, beatBytes); c.inSop[i] = true; c.inEop[i] = head.len == 1;
                } else {
                    c.inTag[i] = NOISE | rng.nextLong(1L << 56); c.inBytes[i] = 1 + rng.nextInt(beatBytes); c.inSop[i] = rng.nextBoolean(); c.inEop[i] = rng.nextBoolean();
                }
                strayOffers++;
            }
        }
        for (int j = 0; j < n; j++) c.ready[j] = rng.nextDouble() < m.pReady;
        // what the crossbar must show
        boolean[] outLast = new boolean[n], inLast = new boolean[n], inFire = new boolean[n];
        boolean allBusy = true, allStalled = true;
        for (int j = 0; j < n; j++) {
            int src = outSrc[j];
            c.expSrc[j] = src;
            c.expValid[j] = outBusy[j] && c.inValid[src];
            boolean fire = c.expValid[j] && c.ready[j];
            outLast[j] = fire && c.inEop[src];
            c.expFree[j] = !outBusy[j] || outLast[j];
            c.expStall[j] = outBusy[j] && c.inValid[src] && !c.ready[j];
            if (outBusy[j]) { c.outPkt[j] = inPkt[src]; c.outBeat[j] = inBeat[src]; }
            allBusy &= outBusy[j];
            allStalled &= c.expStall[j];
        }
        if (allBusy) allBusyCycles++;
        if (allStalled) allStalledCycles++;
        for (int i = 0; i < n; i++) {
            c.expInReady[i] = inBusy[i] && c.ready[inDst[i]];
            inFire[i] = c.inValid[i] && c.expInReady[i];
            inLast[i] = inFire[i] && c.inEop[i];
        }
        // the scheduler: free outputs to idle inputs (or finishing ones) holding a packet for them, one output per input,
        // at random (a maximum matching of the outputs it picks, found by augmenting paths in random order)
        boolean[] eligibleIn = new boolean[n];
        for (int i = 0; i < n; i++) eligibleIn[i] = !inBusy[i] || inLast[i];
        int[] matchIn = new int[n];
        java.util.Arrays.fill(matchIn, -1);
        for (int j : shuffled()) {
            if (!c.expFree[j] || rng.nextDouble() >= m.pConnect) continue;
            augment(j, new boolean[n], matchIn, eligibleIn);
        }
        int[] connectSrc = new int[n];
        java.util.Arrays.fill(connectSrc, -1);
        for (int i = 0; i < n; i++) if (matchIn[i] >= 0) connectSrc[matchIn[i]] = i;
        for (int k = 0; k < n; k++) {
            long ctl = (c.inValid[k] ? 1L : 0) | (c.inSop[k] ? 2L : 0) | (c.inEop[k] ? 4L : 0) | ((long) c.inBytes[k] << 8)
                    | (c.ready[k] ? 1L << 16 : 0) | (connectSrc[k] >= 0 ? (1L << 17) | ((long) connectSrc[k] << 24) : 0);
            c.in[k] = ctl;
            c.in[n + k] = c.inTag[k];
        }
        // the state moves on: beats taken, packets ended, then the new connections (which win)
        for (int i = 0; i < n; i++)
            if (inFire[i]) {
                inPkt[i].sent++;
                inBeat[i]++;
                beatsIn++;
                if (inLast[i]) inBusy[i] = false;
            }
        for (int j = 0; j < n; j++) if (outLast[j]) outBusy[j] = false;
        for (int j = 0; j < n; j++) {
            int i = connectSrc[j];
            if (i < 0) continue;
            connections++;
            if (outLast[j]) connAtOutLast++;
            if (inLast[i]) connAtInLast++;
            if (outLast[j] && inLast[i] && outSrc[j] == i) backToBack++;
            Pkt k = voq.get(i).get(j).poll();
            k.connectCycle = c.cycle;
            pending--;
            if (k.len == 1) oneBeatPkts++;
            if (k.len == maxBeats) maxLenPkts++;
            outBusy[j] = true; outSrc[j] = i;
            inBusy[i] = true; inDst[i] = j; inPkt[i] = k; inBeat[i] = 0;
        }
        return c;
    }

    /** Kuhn's augmenting path from output j over eligible inputs holding a packet for it. */
    boolean augment(int j, boolean[] seen, int[] matchIn, boolean[] eligibleIn) {
        for (int i : shuffled()) {
            if (seen[i] || !eligibleIn[i] || voq.get(i).get(j).isEmpty()) continue;
            seen[i] = true;
            if (matchIn[i] < 0 || augment(matchIn[i], seen, matchIn, eligibleIn)) {
                matchIn[i] = j;
                return true;
            }
        }
        return false;
    }

    int[] shuffled() {
        int[] a = new int[n];
        for (int k = 0; k < n; k++) a[k] = k;
        for (int k = n - 1; k > 0; k--) { int r = rng.nextInt(k + 1); int t = a[k]; a[k] = a[r]; a[r] = t; }
        return a;
    }

    long fold(long tag) {
        long f = 0;
        for (int k = 0; k < chunks; k++) f ^= Long.rotateLeft(tag, 8 * k) ^ (k * GOLDEN);
        return f;
    }

    // ------------------------------------------------------------------ checks

    void check(Cyc c, long[] out, int base) {
        for (int j = 0; j < n; j++) {
            long st = out[base + j], data = out[base + n + j], fold = out[base + 2 * n + j];
            boolean valid = (st & 1) != 0, sop = (st & 2) != 0, eop = (st & 4) != 0;
            int bytes = (int) ((st >>> 8) & 0x7F);
            boolean free = (st >>> 16 & 1) != 0, stall = (st >>> 17 & 1) != 0, inReady = (st >>> 18 & 1) != 0;
            int source = (int) ((st >>> 24) & 0x3F);
            String conn = c.outPkt[j] != null ? "connected to input " + c.expSrc[j] + ", " + c.outPkt[j] + " at beat " + c.outBeat[j]
                    : "idle (last connected to input " + c.expSrc[j] + ")";
            int src = c.expSrc[j];
            if (valid != c.expValid[j])
                fail(where(c) + "route: output " + j + " (" + conn + ", input " + src + (c.inValid[src] ? " offering" : " not offering") + ") shows "
                        + (valid ? "a beat (tag " + Long.toHexString(data) + ")" : "no beat") + ", expected " + (c.expValid[j] ? "its input's beat" : "none"));
            if (valid) {
                if (data != c.inTag[src] || fold != fold(c.inTag[src]) || sop != c.inSop[src] || eop != c.inEop[src] || bytes != c.inBytes[src])
                    fail(where(c) + "route/intact: output " + j + " (" + conn + ") shows tag " + Long.toHexString(data) + " fold " + Long.toHexString(fold)
                            + " sop " + sop + " eop " + eop + " bytes " + bytes + "; input " + src + " offers tag " + Long.toHexString(c.inTag[src])
                            + " fold " + Long.toHexString(fold(c.inTag[src])) + " sop " + c.inSop[src] + " eop " + c.inEop[src] + " bytes " + c.inBytes[src]);
                if (c.ready[j]) receive(c, j, data, sop, eop, bytes);
            }
            if (free != c.expFree[j])
                fail(where(c) + "hold: output " + j + " (" + conn + ") shows outFree " + free + ", expected " + c.expFree[j]
                        + (c.outPkt[j] != null ? (c.expFree[j] ? " (its last beat crosses now)" : " (the connection holds until its packet's eop crosses)") : " (idle)"));
            if (source != c.expSrc[j])
                fail(where(c) + "hold: output " + j + " (" + conn + ") shows outSource " + source + ", expected " + c.expSrc[j]);
            if (stall != c.expStall[j])
                fail(where(c) + "handshake: output " + j + " (" + conn + ", ready " + c.ready[j] + ", input offering " + c.inValid[src] + ") shows stall " + stall
                        + ", expected " + c.expStall[j]);
            if (inReady != c.expInReady[j])
                fail(where(c) + "handshake: input " + j + " (" + (dstAt(c, j) >= 0 ? "connected to output " + dstAt(c, j) + " (ready " + c.ready[dstAt(c, j)]
                        + "), " + c.outPkt[dstAt(c, j)] + " at beat " + c.outBeat[dstAt(c, j)] : "unconnected") + ") shows in.ready " + inReady + ", expected " + c.expInReady[j]);
            if (valid && c.ready[j]) beatsOut++;
            checks += 5;
        }
    }

    // in.ready's context for a message: the connection the input had this cycle, from the outputs' view
    int dstAt(Cyc c, int i) {
        for (int j = 0; j < n; j++) if (c.outPkt[j] != null && c.expSrc[j] == i) return j;
        return -1;
    }

    /** A beat that crossed output j, read back from its tag alone: packets whole, in order, on their one output. */
    void receive(Cyc c, int j, long tag, boolean sop, boolean eop, int bytes) {
        int input = (int) (tag >>> 56) - 1;
        if (input < 0 || input >= n)
            fail(where(c) + "route: output " + j + " passed a stray beat (tag " + Long.toHexString(tag) + ") of an unconnected input");
        int seq = (int) ((tag >>> 32) & 0xFFFFFF), beat = (int) ((tag >>> 20) & 0xFFF);
        List<Pkt> l = made.get(input);
        Pkt k = seq < l.size() ? l.get(seq) : null;
        if (k == null || beat >= k.len || k.tags[beat] != tag)
            fail(where(c) + "packets: output " + j + " passed a beat (tag " + Long.toHexString(tag) + ") of no packet");
        if (k.out != j) fail(where(c) + "packets: output " + j + " passed beat " + beat + " of " + k + ", which was connected to output " + k.out);
        if (k.connectCycle < 0 || k.connectCycle >= c.cycle)
            fail(where(c) + "packets: output " + j + " passed beat " + beat + " of " + k + " before its connection took effect");
        if (rxPkt[j] == null ? !sop || beat != 0 : rxPkt[j] != k || sop)
            fail(where(c) + "packets: output " + j + " passed beat " + beat + " (sop " + sop + ") of " + k + " while "
                    + (rxPkt[j] == null ? "no packet was open" : rxPkt[j] + " was open at beat " + rxPkt[j].recv));
        if (beat != k.recv) fail(where(c) + "packets: output " + j + " passed beat " + beat + " of " + k + ", expected beat " + k.recv + " (order, none lost or repeated)");
        if (eop != (beat == k.len - 1) || bytes != k.bytes(beat, beatBytes))
            fail(where(c) + "packets: output " + j + " passed beat " + beat + " of " + k + " with eop " + eop + " bytes " + bytes);
        k.recv++;
        rxPkt[j] = k;
        if (eop) {
            k.delivered++;
            packetsDelivered++;
            rxPkt[j] = null;
        }
    }

    // ------------------------------------------------------------------ the RTL's assertion is live

    /**
     * The crossbar asserts that no connection is made to a busy output: a connection to an output in the middle of a
     * packet faults the model in that very cycle, while the same cycles with the connection made as the last beat
     * crosses (legal) run clean.
     */
    @Test
    void assertionCatchesABusyConnection() {
        DirectorParams q = DirectorParams.fromSpec("small", Map.of("ports", "3", "beatBytes", "16"));
        // cycle 0: connect output 0 <- input 1; cycles 1, 2: input 1 sends beats 0 (sop) and 1 (eop), output ready;
        // cycle 3 (illegal run): connect output 0 <- input 2 while beat 0 crosses; (legal run): at cycle 2, as beat 1 crosses
        for (boolean illegal : new boolean[] {false, true}) {
            try (UnitSim u = new UnitSim(Models.crossbarUnit(q), "crossbar_unit_create", 6, 9)) {
                long ready0 = 1L << 16;
                long[][] cyc = {
                        {(1L << 17) | (1L << 24), 0, 0, 0, 0, 0},
                        {ready0 | (illegal ? (1L << 17) | (2L << 24) : 0), 1 | 2 | (16L << 8), 0, 0, 0x0200000000000000L, 0},
                        {ready0 | (illegal ? 0 : (1L << 17) | (2L << 24)), 1 | 4 | (16L << 8), 0, 0, 0x0200000000100000L, 0},
                        {ready0, 0, 0, 0, 0, 0}};
                for (int k = 0; k < cyc.length; k++) {
                    try {
                        long[] o = u.step(cyc[k]);
                        if (k == 1) assertEquals(1, o[0] & 1, "output 0 passes input 1's first beat");
                        if (k == 2 && !illegal) assertEquals(1, (o[0] >>> 16) & 1, "outFree as the last beat crosses");
                        if (illegal && k == 1) fail("the crossbar took a connection to output 0 in the middle of a packet without its assertion firing");
                    } catch (SimException e) {
                        if (!illegal || k != 1) throw e;
                        System.out.println("CrossbarUnitTest: the assertion fired as expected: " + e.getMessage());
                        assertTrue(e.getMessage().contains("model fault"), e.getMessage());
                        break;
                    }
                }
            }
        }
    }
}
