package director.tb.egress;

import director.rtl.params.DirectorParams;
import director.tb.frame.Vcrc16;
import director.tb.model.vlarb.VlArbiterModel;
import director.tb.sim.Models;
import director.tb.sim.UnitSim;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The egress port (egress/EgressPort with egress/VcrcRegen) alone, against its rules, with this test as the
 * crossbar and as the link partner, cycle by cycle (EgressPortUnit; outputs sampled before the clock edge):
 * <ul>
 *   <li><b>intact</b>: every packet leaves once, in the order of the grants, byte for byte as it came in except
 *       its last two bytes, which are the Vcrc16 of the outgoing bytes before them (little-endian); txPacket
 *       pulses at its end with its length; {@code empty} exactly when every beat that came in has left;</li>
 *   <li><b>credit</b>: a packet of b blocks starts on data VL v only when (FCCL - FCTBS) mod 4096 &gt;= b (docs/
 *       virtual-lanes.md), and then FCTBS grows by b mod 4096 (compared with the port's FCTBS every cycle);
 *       creditStall and ampleCredit follow the same arithmetic; VL15 is never flow controlled;</li>
 *   <li><b>arbiter</b>: at every packet boundary (port not busy) the VL chosen is the one the Java VL-arbiter
 *       model picks from the lanes whose head packet has arrived and fits (lockstep on the decision and on the
 *       arbiter's state), with random High/Low tables (weights 0..255, VLs 0..15) and limits 0..255 written
 *       through the port while it runs; the port's reset tables (Low entry k = VL k weight 64) are the model's
 *       start;</li>
 *   <li><b>room</b>: lane v's room bit is clear exactly when its queue cannot take a whole packet of
 *       maxPacketBytes plus the beat that may arrive now (count &gt; capacity - maxPacketBeats - 1); the queue
 *       count stays between what this test knows must and may be in it; in.ready is clear exactly when the
 *       beat's lane queue is full; a packet started while its lane had room is never stalled;</li>
 *   <li><b>sendable</b>: set when a head packet fits, clear when nothing is queued or on its way.</li>
 * </ul>
 * Scenarios: 0 a link partner with buffers that drain late (credit returned late), 1 credits set around the
 * boundaries (exactly zero, one short, exactly enough, one more, any 12-bit value, wrapping), 2 lanes frozen at
 * zero credit and filled to the room boundary and then, ignoring room, to exactly full, 3 a back-pressured link,
 * VL15 traffic and credit returned as soon as a packet starts (early), 4 long packets mostly on VL2 until its FCTBS
 * wraps from 4095 to 0. Seed: -Degress.seed=N overrides.
 */
@Tag("rtl")
class EgressPortUnitTest {
    /** Small port silicon: 4 data VLs, 8-entry tables, 304-byte packets (38 beats), 50-beat lane queues. */
    static final DirectorParams P = shrink(DirectorParams.small(),
            java.util.Map.of("ethMaxFrameBytes", "256", "ethStoreBytes", "512"), java.util.Map.of("mtuBytes", "256"),
            java.util.Map.of("maxPacketBytes", "304"), java.util.Map.of("ports", "2", "dataVls", "4", "vlArbEntries", "8",
                    "ingressBufferBytes", "2048", "egressVlBytes", "400"),
            // -Degress.faultInject=egress-header builds the port with its deliberate bug (params/FaultInjection), to see this test fail
            java.util.Map.of("faultInject", System.getProperty("egress.faultInject", "")));

    /** Overrides in steps (each step's parameters must be legal on their own). */
    @SafeVarargs
    private static DirectorParams shrink(DirectorParams p, java.util.Map<String, String>... steps) {
        for (java.util.Map<String, String> s : steps) p = DirectorParams.withOverridesJava(p, s);
        return p;
    }
    static final int VLS = P.dataVls(), LANES = P.lanes(), ENTRIES = P.vlArbEntries();
    static final int CAP = P.egressVlBeats(), MAX_BEATS = P.maxPacketBeats(), MAX_BLOCKS = P.maxPacketBlocks();
    static final int MAX_PKTLEN = (P.maxPacketBytes() - 2) / 4;
    static final int IN_WORDS = 5, OUT_WORDS = 12;
    static final int CYCLES = Integer.getInteger("egress.cycles", 40_000);

    /** A packet as the crossbar sends it. */
    static final class Pkt {
        final int id, lane, vl, len, beats, blocks;
        final byte[] b;
        int accepted;            // beats the port took
        long firstCycle = -1;    // the cycle its first beat was taken
        boolean granted, roomAtStart;
        int outBeats;
        final byte[] out;

        Pkt(int id, int vl, int pktLen, SplittableRandom r) {
            this.id = id;
            this.vl = vl;
            this.lane = vl == 15 ? VLS : vl;
            this.len = 4 * pktLen + 2;
            this.beats = (len + 7) / 8;
            this.blocks = (len + 63) / 64;
            b = new byte[len];
            for (int i = 0; i < len; i++) b[i] = (byte) r.nextInt(256);
            b[0] = (byte) (vl << 4 | (b[0] & 0x0f));
            b[4] = (byte) ((b[4] & 0xf8) | (pktLen >> 8));
            b[5] = (byte) pktLen;
            out = new byte[len];
        }

        int vcrc() { return Vcrc16.vcrc(b, 0, len - 2); }

        /** Byte i as it must leave: the VCRC regenerated, little-endian. */
        int expected(int i) {
            if (i == len - 2) return vcrc() & 0xff;
            if (i == len - 1) return vcrc() >> 8;
            return b[i] & 0xff;
        }

        long word(int beat, SplittableRandom r) {
            long w = 0;
            for (int k = 0; k < 8; k++) {
                int i = 8 * beat + k;
                w = w << 8 | (i < len ? b[i] & 0xff : r.nextInt(256));
            }
            return w;
        }

        int beatBytes(int beat) { return beat == beats - 1 ? len - 8 * beat : 8; }

        @Override public String toString() { return "packet #" + id + " (VL " + vl + ", " + len + " bytes, " + blocks + " blocks)"; }
    }

    private long seed;
    private int scenario;
    private long cycle;

    private String where(String rule, Object what) {
        return "cycle " + cycle + ", rule " + rule + (what == null ? "" : ", " + what) + " (scenario " + scenario + ", seed " + seed
                + "; -Degress.seed=" + seed + ")";
    }

    private void check(boolean ok, String rule, Object what, String msg) {
        if (!ok) fail(where(rule, what) + ": " + msg);
    }

    @ParameterizedTest(name = "scenario {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void egressPortKeepsItsRules(int scenario) {
        this.scenario = scenario;
        seed = Long.getLong("egress.seed", 7_800_000L + scenario);
        System.out.println("EgressPortUnitTest scenario " + scenario + " seed " + seed + " (-Degress.seed=N to repeat)");
        SplittableRandom rng = new SplittableRandom(seed);
        Path lib = Models.egressPortUnit(P);
        long t0 = System.nanoTime();
        try (UnitSim rtl = new UnitSim(lib, "egress_port_unit_create", IN_WORDS, OUT_WORDS)) {
            run(rtl, rng);
        }
        System.out.printf("  %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    // ---- the state this test keeps ----
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Pkt>[] ungranted = new ArrayDeque[LANES];
    private final ArrayDeque<Pkt> grantedQ = new ArrayDeque<>();
    private final int[] fctbs = new int[VLS], fccl = new int[VLS];
    // link partner: blocks received and not yet freed, its buffer size, and what it advertises
    private final int[] abr = new int[VLS], held = new int[VLS], bufBlocks = new int[VLS];
    private final long[] frozenUntil = new long[VLS];
    private final boolean[] overfill = new boolean[VLS];
    // tables as written, to keep every data VL usable
    private final int[][] tVl = new int[2][ENTRIES], tW = new int[2][ENTRIES];

    private void run(UnitSim rtl, SplittableRandom r) {
        for (int v = 0; v < LANES; v++) ungranted[v] = new ArrayDeque<>();
        VlArbiterModel model = new VlArbiterModel(VLS, ENTRIES);
        for (int k = 0; k < Math.min(VLS, ENTRIES); k++) { model.setLow(k, k, 64); tVl[1][k] = k; tW[1][k] = 64; }
        for (int v = 0; v < VLS; v++) {
            int[] sizes = {MAX_BLOCKS, MAX_BLOCKS + 1, 2 * MAX_BLOCKS, 8 + r.nextInt(60), 2048};
            // VL0's partner buffer holds exactly one longest packet, VL1's one block more
            bufBlocks[v] = v == 0 ? MAX_BLOCKS : v == 1 ? MAX_BLOCKS + 1 : scenario == 4 ? 2048 : sizes[r.nextInt(sizes.length)];
        }
        // VL15 always goes first: on a back-pressured link a busy VL15 would starve the data VLs, so it stays rare
        double pOutReady = scenario == 3 ? 0.3 : scenario == 4 ? 1.0 : 0.85, p15 = scenario == 3 ? 0.01 : 0.02;
        long[] prev = null;
        Pkt cur = null;
        int curBeat = 0, nextId = 0;
        long totalAccepted = 0, totalOut = 0;
        int decisions = 0, starts = 0, packetsOut = 0, zeroCredit = 0, oneShort = 0, exactStart = 0, exactAvail = 0;
        int roomEdgeSet = 0, roomEdgeClear = 0, fullSeen = 0, wrapStarts = 0, fcclBelow = 0, offeredNotSendable = 0, tableWrites = 0, limitWrites = 0;
        int[] vlStarts = new int[16];
        // scenario 4 needs 4096 blocks on one VL: 32768 beats at least
        int cycles = scenario == 4 ? Math.max(CYCLES, 55_000) : CYCLES;
        long limitCycles = cycles * 3L;
        for (cycle = 0; ; cycle++) {
            boolean drain = cycle >= cycles;
            if (drain && cur == null && grantedQ.isEmpty() && Arrays.stream(ungranted).allMatch(ArrayDeque::isEmpty)) break;
            check(cycle < limitCycles, "progress", null, "the port did not deliver every packet within " + limitCycles + " cycles: "
                    + grantedQ.size() + " granted and not out, ungranted per lane " + Arrays.stream(ungranted).map(d -> d.size()).toList());
            // ---------------- inputs ----------------
            long[] in = new long[IN_WORDS];
            long ctl = 0;
            boolean frozenLaneFill = false;
            if (cur == null && !drain && r.nextDouble() < 0.6) {
                int vl = r.nextDouble() < p15 ? 15 : scenario == 4 && r.nextInt(10) > 0 ? 2 : r.nextInt(VLS);
                if (scenario == 2) {
                    for (int v = 0; v < VLS; v++) if (overfill[v] && frozenUntil[v] > cycle && r.nextInt(3) == 0) { vl = v; frozenLaneFill = true; }
                }
                int lane = vl == 15 ? VLS : vl;
                boolean room = prev == null || ((prev[1] >> (9 + lane)) & 1) != 0;
                // the crossbar connects only when the lane has room; in scenario 2 it overfills a frozen lane on purpose
                if (room || frozenLaneFill) {
                    int pktLen = scenario == 4 && r.nextInt(4) > 0 ? MAX_PKTLEN : switch (r.nextInt(6)) {
                        case 0 -> MAX_PKTLEN;
                        case 1 -> 2 + r.nextInt(4);
                        case 2 -> 15 + r.nextInt(2);  // 62 / 66 bytes: around one block
                        default -> 2 + r.nextInt(MAX_PKTLEN - 1);
                    };
                    cur = new Pkt(nextId++, vl, pktLen, r);
                    cur.roomAtStart = room;
                    curBeat = 0;
                    ungranted[cur.lane].addLast(cur);
                }
            }
            boolean inValid = cur != null && (curBeat > 0 || r.nextDouble() < 0.9) && r.nextDouble() < 0.93;
            if (inValid) {
                in[0] = cur.word(curBeat, r);
                ctl |= 1 | (curBeat == 0 ? 2 : 0) | (curBeat == cur.beats - 1 ? 4 : 0) | (long) cur.beatBytes(curBeat) << 3;
            }
            boolean outReady = drain || r.nextDouble() < pOutReady;
            if (outReady) ctl |= 1L << 8;
            // table and limit writes (take effect after this cycle's decision)
            int[] write = null;
            if (cycle < 2 * ENTRIES) write = randomEntry(r, cycle % 2 == 0, (int) cycle / 2);
            else if (r.nextDouble() < 0.004) write = randomEntry(r, r.nextBoolean(), r.nextInt(ENTRIES));
            if (write != null && !keepsEveryVlUsable(write)) write = null;
            if (write != null) ctl |= 1L << 16 | (long) write[0] << 17 | (long) write[1] << 18 | (long) write[2] << 24 | (long) write[3] << 28;
            int limit = -1;
            if (cycle == 2 * ENTRIES || r.nextDouble() < 0.001) {
                int[] limits = {0, 1, 2, 254, 255, r.nextInt(256)};
                limit = limits[r.nextInt(limits.length)];
                ctl |= 1L << 36 | (long) limit << 37;
            }
            in[1] = ctl;
            updatePartner(r, drain);
            for (int v = 0; v < VLS; v++) in[2 + 12 * v / 64] |= (long) fccl[v] << (12 * v % 64);  // VL v never straddles: 12v % 64 + 12 <= 64 for v < 5
            // ---------------- one cycle ----------------
            long[] o = rtl.step(in);
            long stat = o[1], stat2 = o[2];
            boolean busy = ((stat >> 46) & 1) != 0;
            int curLane = (int) ((stat >> 47) & 0xf);
            int[] count = new int[LANES];
            for (int v = 0; v < LANES; v++) count[v] = (int) ((o[8 + v / 4] >> (16 * (v % 4))) & 0xffff);
            // ---- FCTBS and the arbiter's state, as this cycle started ----
            for (int v = 0; v < VLS; v++) {
                long got = (o[5 + 12 * v / 64] >> (12 * v % 64)) & 0xfff;
                check(got == fctbs[v], "credit/FCTBS", "VL " + v, "port FCTBS " + got + ", expected " + fctbs[v] + " (blocks started mod 4096)");
            }
            long a1 = o[3];
            checkEq(model.hiIndex(), a1 & 0x3f, "arbiter state hiIndex", model);
            checkEq(model.loIndex(), (a1 >> 6) & 0x3f, "arbiter state loIndex", model);
            checkEq(model.hpOpen() ? 1 : 0, (a1 >> 12) & 1, "arbiter state hpOpen", model);
            checkEq(model.hpLeft(), (a1 >> 13) & 0xfffff, "arbiter state hpLeft", model);
            checkEq(model.hiUsed(), (a1 >> 33) & 0xffff, "arbiter state hiUsed", model);
            checkEq(model.loUsed(), o[4] & 0xffff, "arbiter state loUsed", model);
            // ---- room and the queue counts ----
            for (int v = 0; v < LANES; v++) {
                boolean room = ((stat >> (9 + v)) & 1) != 0;
                boolean fitsWhole = count[v] + MAX_BEATS + 1 <= CAP;
                check(room == fitsWhole, "room", "lane " + v, "room " + room + " with " + count[v] + " of " + CAP
                        + " beats queued (a whole packet of " + MAX_BEATS + " beats plus one must fit)");
                if (count[v] == CAP - MAX_BEATS - 1) roomEdgeSet++;
                if (count[v] == CAP - MAX_BEATS) roomEdgeClear++;
                if (count[v] == CAP) fullSeen++;
                // what the lane must hold: every beat taken of its packets not yet granted (all before this edge);
                // what it may hold besides: beats of its granted packets that have not left the port
                long must = mustCount(ungranted[v]), may = 0;
                for (Pkt q : grantedQ) if (q.lane == v) may += q.accepted - q.outBeats;
                check(count[v] >= must && count[v] <= must + may && count[v] <= CAP, "queue count", "lane " + v,
                        "port holds " + count[v] + " beats; the lane must hold " + must + " (arrived, not granted) and may hold "
                                + may + " more (granted, not out), capacity " + CAP);
            }
            boolean inReady = ((stat >> 8) & 1) != 0;
            if (inValid) {
                boolean expectReady = count[cur.lane] < CAP;
                check(inReady == expectReady, "in.ready", cur, "in.ready " + inReady + " with lane " + cur.lane + " holding " + count[cur.lane]
                        + " of " + CAP + " beats (beat " + curBeat + ")");
                check(inReady || !cur.roomAtStart, "no stall after room", cur, "the port stalled beat " + curBeat
                        + " of a packet started while its lane had room");
            }
            // ---- the arbiter's decision at a packet boundary ----
            boolean[] has = new boolean[16], fits = new boolean[16], hasMasked = new boolean[16];
            int[] bytes = new int[16];
            for (int vl = 0; vl < 16; vl++) {
                int lane = vl == 15 ? VLS : vl;
                if (vl >= VLS && vl != 15) continue;
                Pkt h = ungranted[lane].peekFirst();
                boolean arrived = h != null && h.firstCycle >= 0 && h.firstCycle < cycle;
                // when the port is not busy every granted packet has left its lane queue (the port goes busy at a grant
                // and free when that packet's last beat leaves the lane), so the lane's head is its first packet not
                // granted; while busy, the current lane's head is the current packet
                has[vl] = arrived;
                hasMasked[vl] = arrived && !(busy && curLane == lane);
                bytes[vl] = h == null ? 0 : h.len;
                fits[vl] = vl == 15 || (h != null && credit(vl) >= h.blocks);
            }
            // credit as this cycle started (a grant below moves FCTBS)
            int[] creditNow = new int[VLS];
            for (int v = 0; v < VLS; v++) creditNow[v] = credit(v);
            boolean txValid = ((stat >> 25) & 1) != 0;
            int txVl = (int) ((stat >> 26) & 0xf), txBytes = (int) ((stat >> 30) & 0x1fff);
            if (busy) {
                check(!txValid, "packet boundary", null, "a packet started (VL " + txVl + ") while the port was busy");
            } else {
                for (int v = 0; v < VLS; v++) {
                    Pkt h = ungranted[v].peekFirst();
                    if (!has[v] || h == null) continue;
                    int cr = credit(v);
                    if (cr == 0) zeroCredit++;
                    if (cr == h.blocks - 1) oneShort++;
                    if (cr == h.blocks) exactAvail++;
                }
                VlArbiterModel.Decision d = model.decide(has, bytes, fits);
                decisions++;
                check((d != null) == txValid && (d == null || d.vl() == txVl), "arbiter decision", null,
                        "model " + d + ", port " + (txValid ? "VL " + txVl : "nothing") + "; has " + bits(has) + " fits " + bits(fits)
                                + " bytes " + Arrays.toString(bytes) + " FCCL " + Arrays.toString(fccl) + " FCTBS " + Arrays.toString(fctbs)
                                + " " + model);
                if (d != null) {
                    int lane = txVl == 15 ? VLS : txVl;
                    Pkt h = ungranted[lane].pollFirst();
                    check(h != null && txBytes == h.len, "laneTx bytes", h, "port says " + txBytes + " bytes");
                    if (txVl != 15) {
                        int cr = credit(txVl);
                        check(cr >= h.blocks, "credit", h, "started with (FCCL " + fccl[txVl] + " - FCTBS " + fctbs[txVl] + ") mod 4096 = "
                                + cr + " blocks of credit");
                        if (cr == h.blocks) exactStart++;
                        if (fctbs[txVl] + h.blocks >= 4096) wrapStarts++;
                        if (fccl[txVl] < fctbs[txVl]) fcclBelow++;
                        fctbs[txVl] = (fctbs[txVl] + h.blocks) & 0xfff;
                        if (scenario == 3) { abr[txVl] = (abr[txVl] + h.blocks) & 0xfff; held[txVl] += h.blocks; }  // early
                    }
                    h.granted = true;
                    grantedQ.addLast(h);
                    starts++;
                    vlStarts[txVl]++;
                }
            }
            // ---- creditStall, ampleCredit, sendable, empty ----
            long stall = stat2 & 0xffff, ample = (stat2 >> 16) & 0xffff;
            boolean anySendable = false;
            for (int v = 0; v < VLS; v++) {
                boolean expStall = hasMasked[v] && !fits[v];
                check(((stall >> v) & 1) == (expStall ? 1 : 0), "creditStall", "VL " + v, "port " + ((stall >> v) & 1) + ", expected "
                        + expStall + " (credit " + creditNow[v] + ")");
                boolean expAmple = creditNow[v] >= MAX_BLOCKS;
                check(((ample >> v) & 1) == (expAmple ? 1 : 0), "ampleCredit", "VL " + v, "port " + ((ample >> v) & 1) + ", credit "
                        + creditNow[v] + " blocks, a longest packet needs " + MAX_BLOCKS);
                anySendable |= hasMasked[v] && fits[v];
            }
            check(((ample >> VLS) & 1) == 1, "ampleCredit", "VL15", "VL15 is not flow controlled");
            anySendable |= hasMasked[15];
            boolean sendable = ((stat >> 43) & 1) != 0;
            if (anySendable) check(sendable, "sendable", null, "clear while a head packet fits its credits");
            if (grantedQ.isEmpty() && !anySendable) check(!sendable, "sendable", null, "set with nothing queued that fits and nothing on its way");
            // observed, not a rule: the last beat of a packet waiting in the VCRC stage while the port is free and its
            // link FIFO empty is offered on the link (out.valid) with sendable clear
            if ((stat & 1) != 0 && !sendable) offeredNotSendable++;
            boolean empty = ((stat >> 44) & 1) != 0;
            check(empty == (totalAccepted == totalOut), "empty", null, "empty " + empty + " with " + (totalAccepted - totalOut)
                    + " beats in the port");
            // ---- the link ----
            boolean outValid = (stat & 1) != 0;
            if (outValid && outReady) {
                Pkt q = grantedQ.peekFirst();
                check(q != null, "intact", null, "a beat left with no packet granted");
                int beat = q.outBeats, n = (int) ((stat >> 3) & 0xf);
                boolean sop = ((stat >> 1) & 1) != 0, eop = ((stat >> 2) & 1) != 0;
                check(sop == (beat == 0) && eop == (beat == q.beats - 1) && n == q.beatBytes(beat), "intact", q,
                        "beat " + beat + " left with sop " + sop + " eop " + eop + " bytes " + n);
                check(beat < q.accepted, "intact", q, "beat " + beat + " left before the port took it");
                for (int k = 0; k < n; k++) q.out[8 * beat + k] = (byte) (o[0] >>> (56 - 8 * k));
                for (int k = 0; k < n; k++) {
                    int i = 8 * beat + k, got = q.out[i] & 0xff;
                    check(got == q.expected(i), i >= q.len - 2 ? "VCRC regenerated" : "intact", q,
                            String.format("byte %d is 0x%02x, expected 0x%02x", i, got, q.expected(i)));
                }
                q.outBeats++;
                totalOut++;
                boolean txPkt = ((stat >> 45) & 1) != 0;
                check(txPkt == eop && (!eop || (stat2 >>> 32) == q.len), "txPacket", q, "pulse " + txPkt + " length " + (stat2 >>> 32));
                if (eop) {
                    int v16 = Vcrc16.vcrc(q.out, 0, q.len - 2);
                    check((q.out[q.len - 2] & 0xff | (q.out[q.len - 1] & 0xff) << 8) == v16, "VCRC regenerated", q,
                            "the VCRC is not Vcrc16 of the outgoing bytes");
                    grantedQ.pollFirst();
                    packetsOut++;
                    if (q.vl != 15 && scenario != 3) { abr[q.vl] = (abr[q.vl] + q.blocks) & 0xfff; held[q.vl] += q.blocks; }
                }
            } else {
                check(((stat >> 45) & 1) == 0, "txPacket", null, "a pulse with no packet leaving");
            }
            // ---------------- the crossbar's side of this cycle ----------------
            if (inValid && inReady) {
                if (curBeat == 0) cur.firstCycle = cycle;
                cur.accepted++;
                totalAccepted++;
                if (++curBeat == cur.beats) cur = null;
            }
            if (write != null) {
                int t = write[0] == 1 ? 0 : 1;
                tVl[t][write[1]] = write[2];
                tW[t][write[1]] = write[3];
                if (t == 0) model.setHigh(write[1], write[2], write[3]); else model.setLow(write[1], write[2], write[3]);
                tableWrites++;
            }
            if (limit >= 0) { model.setLimit(limit); limitWrites++; }
            prev = o;
        }
        System.out.printf("  %d cycles, %d packets in, %d out (%d starts: VL0..%d %s, VL15 %d), %d decisions, %d table writes, %d limit writes%n",
                cycle, nextId, packetsOut, starts, VLS - 1, Arrays.toString(Arrays.copyOf(vlStarts, VLS)), vlStarts[15], decisions,
                tableWrites, limitWrites);
        System.out.printf("  boundaries: %d decisions with a head at zero credit, %d one block short, %d exactly enough (%d started so), "
                + "%d FCTBS wraps, %d starts with FCCL < FCTBS; lane counts at the room edge %d (room) / %d (no room), exactly full %d cycles%n",
                zeroCredit, oneShort, exactAvail, exactStart, wrapStarts, fcclBelow, roomEdgeSet, roomEdgeClear, fullSeen);
        System.out.printf("  cycles with a beat offered on the link and sendable clear: %d%n", offeredNotSendable);
        assertTrue(packetsOut == nextId, "every packet left once: " + nextId + " in, " + packetsOut + " out");
        assertTrue(packetsOut > 500, "enough packets: " + packetsOut);
        if (scenario != 4) {  // scenario 4 runs the link at full speed for the wrap
            assertTrue(roomEdgeSet > 0 && roomEdgeClear > 0, "the room boundary was reached");
            assertTrue(zeroCredit > 0 && exactAvail > 0 && exactStart > 0, "the credit boundaries were reached");
        }
        if (scenario == 1) assertTrue(exactStart > 0 && oneShort > 0 && fcclBelow > 0, "packets started on exactly enough credit, and on FCCL wrapped below FCTBS");
        if (scenario == 4) assertTrue(wrapStarts > 0, "a packet started across the FCTBS wrap (4095 -> 0)");
        if (scenario == 2) assertTrue(fullSeen > 0, "a lane queue was exactly full");
    }

    /** Beats of the lane's not-yet-granted packets that arrived before this cycle. */
    private long mustCount(ArrayDeque<Pkt> lane) {
        long n = 0;
        for (Pkt q : lane) if (q.firstCycle >= 0 && q.firstCycle < cycle) n += q.accepted;
        return n;
    }

    private int credit(int vl) { return (fccl[vl] - fctbs[vl]) & 0xfff; }

    private void checkEq(long model, long rtl, String rule, VlArbiterModel m) {
        check(model == rtl, rule, null, "model " + model + ", port " + rtl + " (" + m + ")");
    }

    private static String bits(boolean[] b) {
        StringBuilder sb = new StringBuilder();
        for (int v = 0; v < b.length; v++) if (b[v]) sb.append(sb.length() == 0 ? "" : ",").append(v);
        return "{" + sb + "}";
    }

    /** {high?1:0, index, vl, weight}: weights over 0..255 with the ends, VLs mostly data VLs, sometimes not. */
    private static int[] randomEntry(SplittableRandom r, boolean high, int index) {
        int vl = r.nextInt(8) == 0 ? VLS + r.nextInt(16 - VLS) : r.nextInt(VLS);
        int[] weights = {0, 1, 2, 255, 254, 1 + r.nextInt(8), r.nextInt(256)};
        return new int[] {high ? 1 : 0, index, vl, weights[r.nextInt(weights.length)]};
    }

    /** Whether the tables keep a usable entry for every data VL after this write (else packets of a VL would wait forever). */
    private boolean keepsEveryVlUsable(int[] w) {
        int t = w[0] == 1 ? 0 : 1;
        boolean[] ok = new boolean[VLS];
        for (int tt = 0; tt < 2; tt++)
            for (int k = 0; k < ENTRIES; k++) {
                int vl = tt == t && k == w[1] ? w[2] : tVl[tt][k], wt = tt == t && k == w[1] ? w[3] : tW[tt][k];
                if (wt > 0 && vl < VLS) ok[vl] = true;
            }
        for (boolean b : ok) if (!b) return false;
        return true;
    }

    /** The link partner's FCCL per data VL for this cycle, by scenario. */
    private void updatePartner(SplittableRandom r, boolean drain) {
        for (int v = 0; v < VLS; v++) {
            if (drain) {
                fccl[v] = (fctbs[v] + MAX_BLOCKS + r.nextInt(2048 - MAX_BLOCKS)) & 0xfff;
                continue;
            }
            // the partner frees its buffer late: a few blocks now and then
            if (held[v] > 0 && r.nextDouble() < (scenario == 3 ? 0.02 : 0.05)) held[v] -= Math.min(held[v], 1 + r.nextInt(6));
            int advertised = (abr[v] + Math.max(0, bufBlocks[v] - held[v])) & 0xfff;
            switch (scenario) {
                case 1 -> {
                    if (r.nextDouble() < 0.03) {
                        Pkt h = ungranted[v].peekFirst();
                        int b = h == null ? 1 + r.nextInt(MAX_BLOCKS) : h.blocks;
                        int[] ks = {0, 0, b - 1, b, b, b + 1, MAX_BLOCKS, r.nextInt(4096), 4095, 2048, 2047};
                        fccl[v] = (fctbs[v] + ks[r.nextInt(ks.length)]) & 0xfff;
                    }
                }
                case 2 -> {
                    if (frozenUntil[v] <= cycle && r.nextDouble() < 0.0003) {
                        frozenUntil[v] = cycle + 300 + r.nextInt(1500);
                        overfill[v] = r.nextBoolean();  // the crossbar then fills the lane past room, up to exactly full
                    }
                    if (frozenUntil[v] > cycle) fccl[v] = fctbs[v];  // exactly zero credit
                    else if (r.nextDouble() < 0.2) fccl[v] = advertised;
                }
                default -> {
                    // the update reaches the port only with the next flow-control packet: late
                    if (r.nextDouble() < 0.1) fccl[v] = advertised;
                }
            }
        }
    }
}
