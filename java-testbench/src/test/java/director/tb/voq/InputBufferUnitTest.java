package director.tb.voq;

import director.rtl.params.DirectorParams;
import director.tb.frame.IbPacket;
import director.tb.model.DropReason;
import director.tb.model.IngressChecks;
import director.tb.sim.Models;
import director.tb.sim.UnitSim;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One input buffer (voq/InputBuffer with its link checks and credit/IngressCredits) alone, with this test as the rest
 * of the switch: the forwarding table and SL2VL as Java maps answering the lookups, a random scheduler granting among
 * {@code req}, a credit-honouring link partner, random egress {@code room} and random back-pressure on the output.
 * Every cycle it checks the rules of docs/virtual-lanes.md (section "Path of a packet", credits), docs/ingress-checks.md
 * and docs/design.md:
 * <ul>
 *   <li>every accepted packet that passes its checks comes out once, intact (LRH.VL rewritten to its egress VL), to the
 *       output it was looked up for, in arrival order per (output, lane);</li>
 *   <li>an output is requested only when a whole packet for it waits on a lane whose {@code room} bit is set and the
 *       input is free; {@code waiting} is exactly the queues holding a whole packet; VL15 goes first at a grant;</li>
 *   <li>every packet is reported on {@code rxPacket} (length, VL as received); drops (runt, oversize, link checks,
 *       the late reason, unknown DLID, bad VL) are reported once, with the right reason and VL, in their cycle;</li>
 *   <li>FCCL per data VL = ABR + (quota - blocks held), held counting stored packets until their last beat leaves
 *       (a discarded one somewhere between its store and the next {@code empty}); a credit-honouring partner never
 *       stalls on a full buffer; the buffer filled exactly to the advertised credit leaves exactly zero credit, and
 *       drained it returns all of it ({@code empty}, FCCL - FCTBS = quota), twice over (no block leaked).</li>
 * </ul>
 * Settings span the legal range: data VLs 1..15, the smallest buffers the parameters allow, MTU 256 and 4096, the
 * largest packet 304..8192 bytes, non-power-of-two port counts. The seed is printed; override with -Dibuf.seed=N.
 *
 * <p>Two findings of this test, fixed in the RTL (docs/virtual-lanes.md, "Credits"):
 * <ul>
 *   <li>An oversize packet's stored part counts as held from the beat past the limit, while ABR counts the packet
 *       two cycles after its end: FCCL fell behind the partner's FCTBS meanwhile, which the sender's rule
 *       ((FCCL - FCTBS) mod 4096 >= b) reads as about 4090 blocks of credit. The stored part now counts as received
 *       until the packet ends (IngressCredits' {@code early}); this test's partner keeps to that rule, and FCCL is
 *       checked never to fall behind FCTBS.</li>
 *   <li>The VL15 reserve was maxPacketBlocks, one block short of an oversize VL15 packet's stored part
 *       (maxPacketBeats + 1 beats) when maxPacketBytes is a multiple of 64 and the quotas leave nothing over: the
 *       ingress stalled. It is now {@code oversizeFragmentBlocks}. -Dibuf.vl15Oversize=true sends such a packet
 *       in the exact fill.</li>
 * </ul>
 */
@Tag("rtl")
class InputBufferUnitTest {

    record Setting(String name, int ports, int dataVls, int mtu, int maxPacket, int bufferBytes, int packets) {
        DirectorParams params() {
            // one at a time, in an order in which every step is legal
            DirectorParams p = DirectorParams.fromSpec("small", Map.of());
            String[][] steps = {{"ethMaxFrameBytes", Integer.toString(Math.min(1522, mtu))}, {"maxPacketBytes", Integer.toString(Math.max(4224, maxPacket))},
                    {"ingressBufferBytes", "131072"}, {"mtuBytes", Integer.toString(mtu)}, {"maxPacketBytes", Integer.toString(maxPacket)},
                    {"dataVls", Integer.toString(dataVls)}, {"ingressBufferBytes", Integer.toString(bufferBytes)}, {"ports", Integer.toString(ports)}};
            for (String[] st : steps) p = DirectorParams.withOverridesJava(p, Map.of(st[0], st[1]));
            // -Dibuf.fault=voq-count: the deliberate bug of params/FaultInjection, to see this test catch it
            String fault = System.getProperty("ibuf.fault", "");
            if (!fault.isEmpty()) p = DirectorParams.withOverridesJava(p, Map.of("faultInject", fault));
            return p;
        }
        @Override public String toString() { return name; }
    }

    static List<Setting> settings() {
        return List.of(
                // the smallest buffer of all: 16 blocks, one data VL with a quota of 11, 5 for VL15 (exactly full)
                new Setting("1 VL, 16 blocks, MTU 256", 4, 1, 256, 304, 1024, 10000),
                // the most data VLs, each with a quota of 8 blocks
                new Setting("15 VLs, 128 blocks, MTU 256", 8, 15, 256, 304, 8192, 10000),
                // the small profile's packets, 8 VLs, the smallest buffer for them, 5 ports
                new Setting("8 VLs, 1024 blocks, MTU 4096", 5, 8, 4096, 4224, 65536, 2500),
                // the largest packet the parameters allow, 2 VLs, 6 ports
                new Setting("2 VLs, max packet 8192", 6, 2, 4096, 8192, 32768, 2000));
    }

    static final int W_IN = 4, W_OUT = 11;
    /** -Dibuf.vl15Oversize=true: the VL15 packet of the exact fill is an oversize one (maxPacketBytes + 8). */
    static final boolean VL15_OVERSIZE = Boolean.getBoolean("ibuf.vl15Oversize");

    /** One packet the partner sends, and what must become of it. */
    static final class Pkt {
        int id;
        byte[] wire;
        int vlIn;            // LRH.VL as received
        int blocks;          // ceil(L / 64)
        boolean fc;          // flow controlled (a data VL as received)
        boolean probe;       // sent into a full buffer on purpose
        int out = -1, egressVl = -1, lane = -1;
        DropReason drop;     // expected drop (null: delivered)
        boolean stores;      // takes blocks in the buffer
        int storedBlocks;
        long eopCycle = -1, storeCycle = -1, freeCycle = -1;
        boolean classified;
        boolean discardBound; // stored, then to the discard queue
        boolean freedKnown;
        byte[] expectOut;
        int lateReason;
        String kind;
        @Override public String toString() {
            return "packet #" + id + " (" + kind + ", " + wire.length + " bytes, VL " + vlIn + (out >= 0 ? ", out " + out + " VL " + egressVl : "") + ")";
        }
    }

    // ---- the setting and the world ----
    DirectorParams p;
    Setting s;
    long seed;
    SplittableRandom rng;
    int ports, dataVls, lanes, quota, beatBytes = 8, maxPacketBeats;
    final Map<Integer, Integer> table = new HashMap<>();
    int[][] sl2vl;
    UnitSim rtl;
    long cycle;

    // ---- partner ----
    final ArrayDeque<Pkt> toSend = new ArrayDeque<>();
    Pkt sending;            // the packet on the link
    int beatIdx;
    int[] fctbs, fcclSeen;
    /** The FCCL words the buffer announced in the cycle before for this one (null in the first cycle). */
    long[] announced;
    int nextId;
    Pkt vl15Outstanding;    // at most one not-flow-controlled packet held at a time
    boolean fillMode;

    // ---- buffer side ----
    final List<ArrayDeque<Pkt>> queues = new ArrayList<>();   // (lane * ports + out): delivered packets in order
    final List<Pkt> held = new ArrayList<>();                  // stored, not known freed
    final int[] abr = new int[16];
    final ArrayDeque<Pkt> pendingAbr = new ArrayDeque<>();     // eop seen, ABR counts it two cycles later
    Pkt pendEnd;            // packet whose end is decided in the next cycle
    Pkt rdPkt;              // packet being sent out
    int rdOut = -1;
    int rdBeat;
    byte[] rdBytes;
    long grantRoom0, grantRoom1;
    long room0, room1;
    int delivered, dropped, drainChecks, maxHeldSeen;
    final Map<DropReason, Integer> dropsByReason = new java.util.TreeMap<>();

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void rulesHold(Setting setting) {
        s = setting;
        p = setting.params();
        seed = Long.getLong("ibuf.seed", 31_000_000L + setting.ports() * 100L + setting.dataVls());
        System.out.println("InputBufferUnitTest '" + setting + "' seed " + seed + " (-Dibuf.seed=" + seed + "): " + p.describe());
        rng = new SplittableRandom(seed);
        ports = p.ports(); dataVls = p.dataVls(); lanes = p.lanes(); quota = p.ingressVlBlocks();
        maxPacketBeats = p.maxPacketBeats();
        for (int k = 0; k < lanes * ports; k++) queues.add(new ArrayDeque<>());
        fctbs = new int[dataVls];
        fcclSeen = new int[dataVls];
        Arrays.fill(fcclSeen, quota);
        // the forwarding table: half the DLIDs below 64 routed, at random outputs; SL2VL: mostly data VLs, some bad
        for (int d = 0; d < 64; d++) if (rng.nextBoolean()) table.put(d, rng.nextInt(ports));
        table.put(1, ports - 1);
        table.put(2, 0);
        sl2vl = new int[ports][16];
        for (int j = 0; j < ports; j++)
            for (int sl = 0; sl < 16; sl++)
                sl2vl[j][sl] = sl == 15 ? (dataVls < 15 ? dataVls + rng.nextInt(16 - dataVls) : 15) : rng.nextInt(dataVls);
        long t0 = System.nanoTime();
        try (UnitSim u = new UnitSim(Models.inputBufferUnit(p), "input_buffer_unit_create", W_IN, W_OUT)) {
            rtl = u;
            long tb = System.nanoTime();
            // after reset: every VL advertises its whole quota, the buffer is empty
            step(0, false, false);
            // 1. random traffic of every kind
            for (int i = 0; i < setting.packets(); i++) toSend.add(randomPacket());
            runUntilDrained("random traffic", 0.6, 0.7);
            checkAllCreditBack("after random traffic");
            // 2. twice: fill exactly to the advertised credit with nothing leaving, then drain
            for (int round = 1; round <= 2; round++) {
                fillExactly("fill " + round);
                runUntilDrained("drain " + round, 0.8, 0.8);
                checkAllCreditBack("after drain " + round);
            }
            double secs = (System.nanoTime() - tb) / 1e9;
            System.out.printf("  %d cycles, %d packets delivered, %d dropped %s, %d drained-state checks, most blocks counted held on a VL (discards included) %d," +
                            " model build/load %.1f s, run %.1f s%n", cycle, delivered, dropped, dropsByReason, drainChecks, maxHeldSeen,
                    (tb - t0) / 1e9, secs);
            assertTrue(delivered > setting.packets() / 3, "most packets were delivered");
            for (DropReason r : List.of(DropReason.RUNT, DropReason.OVERSIZE, DropReason.BAD_VCRC, DropReason.UNKNOWN_DLID, DropReason.BAD_VL))
                assertTrue(dropsByReason.getOrDefault(r, 0) > 0, "the run dropped a packet for " + r.key);
        }
    }

    // ------------------------------------------------------------------ stimulus

    int blocksOf(int bytes) { return (bytes + 63) / 64; }

    byte[] ibPacket(int vl, int sl, int dlid, int payload) {
        byte[] pl = new byte[payload];
        for (int k = 0; k < payload; k++) pl[k] = (byte) rng.nextInt(256);
        return IbPacket.builder().vl(vl).sl(sl).dlid(dlid).slid(rng.nextInt(0x10000)).psn(rng.nextInt(1 << 24))
                .payload(pl).build().encode();
    }

    int routedDlid() {
        List<Integer> ks = new ArrayList<>(table.keySet());
        return ks.get(rng.nextInt(ks.size()));
    }

    int unroutedDlid() {
        while (true) {
            int d = rng.nextInt(3) == 0 ? 64 + rng.nextInt(0xff00) : rng.nextInt(64);
            if (!table.containsKey(d)) return d;
        }
    }

    /** A payload length: the boundaries (0, the MTU, a packet of exactly n blocks less 2 bytes) or at random. */
    int payloadLen(int max) {
        return switch (rng.nextInt(6)) {
            case 0 -> 0;
            case 1 -> max;
            case 2 -> Math.max(0, Math.min(max, 64 * (1 + rng.nextInt(Math.max(1, (max + 28) / 64))) - 28));
            case 3 -> rng.nextInt(Math.min(max, 64) + 1);
            default -> rng.nextInt(max + 1);
        };
    }

    int goodSl() {
        int sl;
        do sl = rng.nextInt(16); while (sl == 15);
        return sl;
    }

    Pkt randomPacket() {
        Pkt k = new Pkt();
        int r = rng.nextInt(100);
        int mtu = s.mtu();
        if (r < 55) {
            k.kind = "good";
            k.wire = ibPacket(rng.nextInt(dataVls), goodSl(), routedDlid(), payloadLen(mtu));
        } else if (r < 61) {
            k.kind = "vl15";
            k.wire = ibPacket(15, rng.nextInt(16), routedDlid(), rng.nextInt(8) == 0 ? 257 + rng.nextInt(mtu - 255) : payloadLen(256));
        } else if (r < 66) {
            k.kind = "unknown dlid";
            k.wire = ibPacket(rng.nextInt(4) == 0 ? 15 : rng.nextInt(dataVls), goodSl(), unroutedDlid(), payloadLen(mtu));
        } else if (r < 69 && dataVls < 15) {
            k.kind = "unsupported VL";
            k.wire = ibPacket(dataVls + rng.nextInt(15 - dataVls), goodSl(), routedDlid(), payloadLen(mtu));
        } else if (r < 72) {
            k.kind = "SL2VL to a bad VL";
            k.wire = ibPacket(rng.nextInt(dataVls), 15, routedDlid(), payloadLen(mtu));
        } else if (r < 79) {
            k.kind = "corrupted";
            k.wire = ibPacket(rng.nextInt(dataVls), goodSl(), rng.nextBoolean() ? routedDlid() : unroutedDlid(), payloadLen(mtu));
            int at = rng.nextInt(k.wire.length);
            k.wire[at] ^= (byte) (1 << rng.nextInt(8));
        } else if (r < 82) {
            k.kind = "too long";
            int maxPl = s.maxPacket() - 28;
            k.wire = ibPacket(rng.nextInt(dataVls), goodSl(), routedDlid(), mtu + 1 + rng.nextInt(maxPl - mtu));
        } else if (r < 86) {
            k.kind = "oversize";
            int len = s.maxPacket() + 1 + rng.nextInt(3 * beatBytes);
            k.wire = raw(len, rng.nextInt(6) == 0 ? 15 : rng.nextInt(dataVls));
            if (rng.nextInt(4) == 0) put16(k.wire, 2, unroutedDlid());
        } else if (r < 90) {
            k.kind = "runt";
            k.wire = new byte[1 + rng.nextInt(7)];
            for (int i = 0; i < k.wire.length; i++) k.wire[i] = (byte) rng.nextInt(256);
            k.wire[0] = (byte) (rng.nextInt(dataVls) << 4);
        } else {
            k.kind = "block multiple";
            int len = rng.nextBoolean() ? 64 * (1 + rng.nextInt(s.maxPacket() / 64)) : 8 * (1 + rng.nextInt(s.maxPacket() / 8));
            k.wire = raw(len, rng.nextInt(dataVls));
        }
        return prepare(k);
    }

    /** Random bytes behind a plausible LRH (routed DLID, a good SL) of `len` bytes on VL `vl`. */
    byte[] raw(int len, int vl) {
        byte[] w = new byte[len];
        for (int i = 0; i < len; i++) w[i] = (byte) rng.nextInt(256);
        w[0] = (byte) (vl << 4);
        w[1] = (byte) (goodSl() << 4 | 2);
        put16(w, 2, routedDlid());
        return w;
    }

    static void put16(byte[] w, int o, int v) { w[o] = (byte) (v >> 8); w[o + 1] = (byte) v; }

    Pkt prepare(Pkt k) {
        k.id = nextId++;
        k.vlIn = (k.wire[0] >> 4) & 0xf;
        k.blocks = blocksOf(k.wire.length);
        k.fc = k.vlIn < dataVls;
        return k;
    }

    /** Decides the packet's fate from the world (when its first beat is offered, the late reason once it ended). */
    void classify(Pkt k) {
        k.classified = true;
        int len = k.wire.length;
        boolean runt = len < 8;
        int dlid = runt ? -1 : ((k.wire[2] & 0xff) << 8 | (k.wire[3] & 0xff));
        int sl = runt ? 0 : (k.wire[1] >> 4) & 0xf;
        boolean hit = !runt && table.containsKey(dlid);
        if (hit) {
            k.out = table.get(dlid);
            k.egressVl = k.vlIn == 15 ? 15 : sl2vl[k.out][sl];
        }
        boolean badVl = !runt && k.vlIn != 15 && (k.vlIn >= dataVls || (hit && k.egressVl >= dataVls));
        if (hit && !badVl) k.lane = k.egressVl == 15 ? dataVls : k.egressVl;
        boolean routable = hit && !badVl;
        if (runt) {
            k.drop = DropReason.RUNT;
        } else if (len > s.maxPacket() && routable) {
            k.drop = DropReason.OVERSIZE;
            k.stores = true;
            k.storedBlocks = ceilDiv(maxPacketBeats + 1, p.beatsPerBlock());
            k.discardBound = true;
        } else {
            DropReason link = IngressChecks.check(k.wire, Integer.MAX_VALUE, s.mtu());
            k.drop = link != null ? link : !hit ? DropReason.UNKNOWN_DLID : badVl ? DropReason.BAD_VL : null;
            // the late reason is decided when the packet ends (see `endDecided`)
            k.stores = routable;
            k.storedBlocks = k.blocks;
        }
    }

    static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    // ------------------------------------------------------------------ the cycle loop

    long[] in = new long[W_IN];
    boolean tableReady = true;
    int lateNow;
    boolean goSched;
    int schedStart;
    boolean outReady;
    Pkt offered;         // the packet whose beat is offered in this cycle
    boolean offeredFirst;

    /** One cycle: inputs from the world, the RTL, then every check of that cycle. */
    long[] step(double pRoom, boolean traffic, boolean grants) {
        // inputs
        long ctl = 0, data = 0;
        offered = null;
        tableReady = rng.nextInt(50) != 0;
        if (traffic) pickNextToSend();
        if (sending != null && (rng.nextInt(10) != 0 || sending.probe && !probeOffered)) {
            if (sending.probe) probeOffered = true;
            offered = sending;
            offeredFirst = beatIdx == 0;
            int from = beatIdx * beatBytes, n = Math.min(beatBytes, sending.wire.length - from);
            for (int b = 0; b < beatBytes; b++) data = data << 8 | (b < n ? sending.wire[from + b] & 0xff : 0);
            boolean eop = from + n == sending.wire.length;
            ctl |= 1 | (offeredFirst ? 2 : 0) | (eop ? 4 : 0) | (long) n << 8;
            if (offeredFirst) {
                classifyIfNew(sending);
                boolean runt = sending.wire.length < 8;
                int dlid = runt ? 0 : ((sending.wire[2] & 0xff) << 8 | (sending.wire[3] & 0xff));
                int sl = runt ? 0 : (sending.wire[1] >> 4) & 0xf;
                Integer out = table.get(dlid);
                if (out != null && !runt) ctl |= 1L << 16 | (long) out << 24 | (long) sl2vl[out][sl] << 32;
                else ctl |= (long) rng.nextInt(ports) << 24 | (long) rng.nextInt(16) << 32;
            } else {
                // the lookups of a later beat mean nothing: noise
                ctl |= (long) rng.nextInt(2) << 16 | (long) rng.nextInt(ports) << 24 | (long) rng.nextInt(16) << 32;
            }
        }
        // the late reason (a gateway reason), sometimes, in any cycle: it counts only right after a packet's end
        lateNow = grants && rng.nextInt(20) == 0 ? 16 + rng.nextInt(16) : 0;
        ctl |= (long) lateNow << 40;
        outReady = rng.nextDouble() < (grants ? 0.8 : 0.5);
        goSched = grants && rng.nextDouble() < 0.7;
        schedStart = rng.nextInt(ports);
        if (outReady) ctl |= 1L << 48;
        if (goSched) ctl |= 1L << 49;
        if (tableReady) ctl |= 1L << 50;
        ctl |= (long) schedStart << 56;
        // room: each bit flips now and then; with grants off nothing may be granted, so no room at all
        for (int q = 0; q < lanes * ports; q++) {
            if (rng.nextInt(8) != 0) continue;
            boolean on = rng.nextDouble() < pRoom;
            if (q < 64) room0 = on ? room0 | 1L << q : room0 & ~(1L << q);
            else room1 = on ? room1 | 1L << (q - 64) : room1 & ~(1L << (q - 64));
        }
        if (!grants) { room0 = 0; room1 = 0; }
        in[0] = ctl; in[1] = data; in[2] = room0; in[3] = room1;
        long[] o = rtl.step(in);
        // the FCCL the buffer announced for this cycle (fcclNext, the switch's fcclOut) is the one it advertises now
        if (announced != null)
            for (int w = 0; w < 3; w++)
                if (o[5 + w] != announced[w]) fail(where("the FCCL announced a cycle ahead is the one advertised",
                        String.format("FCCL word %d: announced %x, advertised %x", w, announced[w], o[5 + w])));
        announced = new long[] {o[8], o[9], o[10]};
        check(o);
        cycle++;
        return o;
    }

    void classifyIfNew(Pkt k) {
        if (!k.classified) classify(k);
    }

    /** The partner starts the next packet at a boundary only within the credit it was last advertised. */
    void pickNextToSend() {
        if (sending != null) return;
        if (fillMode && toSend.isEmpty()) nextFillPacket();
        Pkt k = toSend.peek();
        if (k == null) return;
        if (k.fc) {
            if (credit(k.vlIn) < k.blocks) return;
        } else if (vl15Outstanding != null && !k.probe) {
            return;
        }
        toSend.poll();
        if (k.fc) fctbs[k.vlIn] = (fctbs[k.vlIn] + k.blocks) & 0xfff;
        else vl15Outstanding = k;
        sending = k;
        beatIdx = 0;
    }

    /** The partner's credit on a data VL from the FCCL it last saw: (FCCL - FCTBS) mod 4096 (docs/virtual-lanes.md). */
    int credit(int v) {
        return (fcclSeen[v] - fctbs[v]) & 0xfff;
    }

    String where(String rule, Object what) {
        return "cycle " + cycle + ", rule '" + rule + "'" + (what != null ? ", " + what : "") + " (setting '" + s + "', seed " + seed + ")";
    }

    void check(long[] o) {
        long st = o[0];
        boolean inReady = (st & 1) != 0, outValid = (st & 2) != 0, outSop = (st & 4) != 0, outEop = (st & 8) != 0;
        boolean free = (st & 16) != 0, empty = (st & 32) != 0, rxValid = (st & 64) != 0, dropValid = (st & 128) != 0;
        int outBytes = (int) (st >> 8) & 0xff, dropReason = (int) (st >> 16) & 0x1f, dropVl = (int) (st >> 24) & 0xf;
        int rxVl = (int) (st >> 28) & 0xf;
        long rxBytes = st >>> 32;
        // the state before this cycle's events, which `empty` reflects
        boolean inPacketBefore = sending != null && beatIdx > 0, endPendingBefore = pendEnd != null, sendingBefore = rdOut >= 0;
        long req = o[2] & 0xffffffffL;
        boolean grant = ((o[2] >> 32) & 1) != 0;
        int grantOut = (int) (o[2] >> 40) & 0x3f;

        // ---- ingress: ready, acceptance, rxPacket ----
        if (!tableReady && inReady) fail(where("no beat taken before the table is ready", null));
        boolean fire = offered != null && inReady;
        if (offered != null && tableReady && !inReady && !offered.probe)
            fail(where("a credit-honouring partner never finds the buffer full", offered + " beat " + beatIdx + ", " + heldSummary()));
        Pkt expectDrop = null;
        DropReason expectReason = null;
        int expectDropVl = 0;
        // the end of the packet that ended last cycle is decided now
        if (pendEnd != null) {
            Pkt k = pendEnd;
            pendEnd = null;
            // the late reason comes after the link checks and before unknown_dlid and bad_vl
            if (lateNow != 0 && (k.drop == null || k.drop == DropReason.UNKNOWN_DLID || k.drop == DropReason.BAD_VL)) {
                k.drop = DropReason.ofCode(lateNow);
                k.lateReason = lateNow;
            }
            if (k.drop != null) { expectDrop = k; expectReason = k.drop; expectDropVl = k.vlIn; }
            if (k.stores) {
                k.storeCycle = cycle;
                k.discardBound = k.drop != null;
                held.add(k);
                if (!k.discardBound) {
                    k.expectOut = k.wire.clone();
                    k.expectOut[0] = (byte) (k.egressVl << 4 | (k.wire[0] & 0xf));
                    queues.get(k.lane * ports + k.out).add(k);
                }
            }
            if (!k.stores && vl15Outstanding == k) vl15Outstanding = null;
        }
        if (fire) {
            beatsIn++;
            Pkt k = offered;
            boolean eop = (beatIdx + 1) * beatBytes >= k.wire.length;
            // the beat past the largest packet: a routed packet is dropped (oversize) and its stored part discarded
            if (beatIdx == maxPacketBeats && k.drop == DropReason.OVERSIZE) {
                if (expectDrop != null) fail(where("one drop per cycle", k + " and " + expectDrop));
                expectDrop = k; expectReason = DropReason.OVERSIZE; expectDropVl = k.vlIn;
                k.storeCycle = cycle;   // linked now, counted from the next cycle on
                if (k.fc) oversizeWindow = k;
                held.add(k);
            }
            if (eop) {
                if (!rxValid || rxBytes != k.wire.length || rxVl != k.vlIn)
                    fail(where("rxPacket reports every packet with its length and VL", k + ": rxPacket valid " + rxValid + " bytes " + rxBytes + " VL " + rxVl));
                k.eopCycle = cycle;
                pendingAbr.add(k);
                if (!(k.drop == DropReason.OVERSIZE)) pendEnd = k;
                else if (vl15Outstanding == k && !k.stores) vl15Outstanding = null;
                sending = null;
            } else {
                if (rxValid) fail(where("rxPacket only with a packet's last beat", k + " beat " + beatIdx));
                beatIdx++;
            }
        } else if (rxValid) {
            fail(where("rxPacket only with a packet's last beat", "no beat taken"));
        }
        if (dropValid != (expectDrop != null) || (expectDrop != null && (dropReason != expectReason.rtlCode || dropVl != expectDropVl))) {
            fail(where("drops are reported once, in their cycle, with their reason and VL",
                    "expected " + (expectDrop == null ? "no drop" : expectDrop + " " + expectReason.key + " VL " + expectDropVl)
                            + ", RTL " + (dropValid ? DropReason.ofCode(dropReason).key + " VL " + dropVl : "no drop")));
        }
        if (expectDrop != null) { dropped++; dropsByReason.merge(expectReason, 1, Integer::sum); }

        // ---- requests and waiting, before this cycle's beat leaves ----
        boolean finishing = rdOut >= 0 && outValid && outReady && outEop;
        boolean emptyingHead = finishing && rdPkt != null;
        long waitExp0 = 0, waitExp1 = 0;
        for (int v = 0; v < lanes; v++) {
            for (int j = 0; j < ports; j++) {
                int q = v * ports + j;
                int n = 0;
                for (Pkt k : queues.get(q)) if (k.storeCycle <= cycle - 1) n++;
                if (emptyingHead && rdPkt.lane == v && rdOut == j) n--;
                if (n > 0) { if (q < 64) waitExp0 |= 1L << q; else waitExp1 |= 1L << (q - 64); }
            }
        }
        if (o[3] != waitExp0 || o[4] != waitExp1)
            fail(where("waiting = the queues that hold a whole packet", String.format("expected %x_%016x, RTL %x_%016x", waitExp1, waitExp0, o[4], o[3])));
        if (req != 0 && !free) fail(where("requests only when the input is free", "req " + Long.toBinaryString(req)));
        if (free && rdOut >= 0 && !finishing) fail(where("free only when not sending or finishing", "output " + rdOut));
        for (int j = 0; j < ports; j++) {
            if ((req >> j & 1) == 0) continue;
            boolean ok = false;
            for (int v = 0; v < lanes && !ok; v++) {
                int q = v * ports + j;
                boolean whole = q < 64 ? (waitExp0 >> q & 1) != 0 : (waitExp1 >> (q - 64) & 1) != 0;
                ok = whole && roomBit(room0, room1, q);
            }
            if (!ok) fail(where("an output is requested only for a whole packet whose lane has room", "output " + j));
        }
        if (grant && (req >> grantOut & 1) == 0) fail(where("grant only as requested", "output " + grantOut));

        // ---- the crossbar side: beats out ----
        if (outValid && rdPkt == null && rdOut < 0) fail(where("out.valid only after a grant", null));
        if (outValid && outReady) {
            if (rdBytes == null) {
                if (!outSop) fail(where("a packet starts with sop", "output " + rdOut));
                int vl = (int) (o[1] >>> 60);
                int lane = vl == 15 ? dataVls : vl;
                if (lane >= lanes) fail(where("the stored VL is a lane of the port", "VL " + vl));
                int q = lane * ports + rdOut;
                if (!roomBit(grantRoom0, grantRoom1, q)) fail(where("a granted input sends from a lane with room", "output " + rdOut + " lane " + lane));
                if (lane != expectLane)
                    fail(where("VL15 first, else the data lanes with a packet and room in round robin", "output " + rdOut + " sent lane " + lane
                            + ", expected lane " + expectLane));
                Pkt head = queues.get(q).peek();
                if (head == null || head.storeCycle > grantCycle - 1)
                    fail(where("every packet out was accepted for this output and lane", "output " + rdOut + " VL " + vl + ": nothing queued"));
                rdPkt = head;
                rdBytes = new byte[0];
            } else if (outSop) fail(where("sop only on a packet's first beat", rdPkt));
            int n = outBytes;
            if (n < 1 || n > beatBytes || (!outEop && n != beatBytes)) fail(where("beat byte counts", rdPkt + " beat bytes " + n));
            byte[] nb = Arrays.copyOf(rdBytes, rdBytes.length + n);
            for (int b = 0; b < n; b++) nb[rdBytes.length + b] = (byte) (o[1] >>> (8 * (beatBytes - 1 - b)));
            rdBytes = nb;
            if (rdBytes.length > rdPkt.expectOut.length) fail(where("packets come out intact", rdPkt + ": longer"));
            if (outEop) {
                if (!Arrays.equals(rdBytes, rdPkt.expectOut))
                    fail(where("packets come out intact, in order per (output, lane)", rdPkt + " at output " + rdOut + ": got " + rdBytes.length
                            + " bytes, first difference at byte " + Arrays.mismatch(rdBytes, rdPkt.expectOut)));
                if (rdPkt.out != rdOut) fail(where("to the output it was looked up for", rdPkt + " went to " + rdOut));
                queues.get(rdPkt.lane * ports + rdOut).poll();
                rdPkt.freeCycle = cycle + 1;
                rdPkt.freedKnown = true;   // (held until its credit is back, next cycle)
                if (vl15Outstanding == rdPkt) vl15Outstanding = null;
                delivered++;
                rdPkt = null;
                rdBytes = null;
                rdOut = -1;
            }
        } else if (outValid && rdPkt == null && rdBytes == null && rdOut >= 0) {
            // the first beat waits for out.ready
        }
        if (grant) {
            if (rdOut >= 0) fail(where("one packet at a time", "grant to " + grantOut + " while sending to " + rdOut));
            // the lane it will send from: VL15 if it has a whole packet and room, else the data lanes in round robin
            // from one past the lane last sent
            expectLane = -1;
            if (sendableAt(dataVls, grantOut)) expectLane = dataVls;
            else for (int i = 0; i < dataVls && expectLane < 0; i++) {
                int v = (lanePtr + i) % dataVls;
                if (sendableAt(v, grantOut)) expectLane = v;
            }
            if (expectLane < 0) fail(where("grant only with a whole packet and room", "output " + grantOut));
            if (expectLane < dataVls) lanePtr = (expectLane + 1) % dataVls;
            rdOut = grantOut;
            grantRoom0 = room0;
            grantRoom1 = room1;
            grantCycle = cycle;
        }

        // ---- credits ----
        if (empty) {
            if (inPacketBefore || endPendingBefore)
                fail(where("empty only with no packet in or out", null));
            // every stored packet is gone: the discarded ones freed their blocks by now
            for (Pkt k : held) {
                if (!k.discardBound && !(k.freedKnown && k.freeCycle <= cycle)) fail(where("empty only when every queue is empty", k + " not yet sent"));
                if (vl15Outstanding == k) vl15Outstanding = null;
            }
            held.clear();
        }
        while (!pendingAbr.isEmpty() && pendingAbr.peek().eopCycle <= cycle - 2) {
            Pkt k = pendingAbr.poll();
            if (k == oversizeWindow) oversizeWindow = null;
            if (k.fc) abr[k.vlIn] = (abr[k.vlIn] + k.blocks) & 0xfff;
        }
        held.removeIf(k -> k.freedKnown && k.freeCycle <= cycle);
        for (int v = 0; v < dataVls; v++) {
            int fccl = (int) (o[5 + v / 5] >>> (12 * (v % 5))) & 0xfff;
            int certain = 0, unsure = 0;
            for (Pkt k : held) {
                if (k.vlIn != v || k.storeCycle > cycle - 1) continue;
                if (k.discardBound) unsure += k.storedBlocks; else certain += k.storedBlocks;
            }
            maxHeldSeen = Math.max(maxHeldSeen, certain + unsure);
            // an oversize fragment counts as received from its store until its packet ends (IngressCredits' early)
            int early = oversizeWindow != null && oversizeWindow.vlIn == v && oversizeWindow.storeCycle <= cycle - 1 ? oversizeWindow.storedBlocks : 0;
            int d = (fccl - abr[v] - early) & 0xfff;
            int hi = Math.max(0, quota - certain), lo = Math.max(0, quota - certain - unsure);
            if (d < lo || d > hi)
                fail(where("FCCL = ABR + quota - blocks held", "VL " + v + ": FCCL " + fccl + ", ABR " + abr[v] + " (+" + early + " early), quota " + quota
                        + ", held " + certain + " (+" + unsure + " being discarded)"));
            int credit = (fccl - fctbs[v]) & 0xfff;
            int signed = credit > 2048 ? credit - 4096 : credit;
            if (signed > quota || signed < 0)
                fail(where("the partner's credit stays within the quota", "VL " + v + ": FCCL " + fccl + ", FCTBS " + fctbs[v]
                        + (oversizeWindow != null ? ", oversize " + oversizeWindow : "") + ", " + heldSummary()));
            fcclSeen[v] = fccl;
        }
        lastEmpty = empty;
    }

    long grantCycle, beatsIn;
    int expectLane, lanePtr;

    /** At the grant (this cycle): lane v of output j has a whole packet queued and room. */
    boolean sendableAt(int v, int j) {
        int q = v * ports + j;
        return roomBit(room0, room1, q) && queues.get(q).stream().anyMatch(k -> k.storeCycle <= cycle - 1);
    }
    Pkt oversizeWindow;
    boolean lastEmpty;

    static boolean roomBit(long r0, long r1, int q) { return q < 64 ? (r0 >> q & 1) != 0 : (r1 >> (q - 64) & 1) != 0; }

    String heldSummary() {
        int[] by = new int[16];
        int vl15 = 0;
        for (Pkt k : held) if (k.vlIn < 16) by[k.vlIn] += k.storedBlocks;
        for (Pkt k : held) if (!k.fc) vl15 += k.storedBlocks;
        return "blocks held per VL " + Arrays.toString(Arrays.copyOf(by, dataVls)) + ", not flow controlled " + vl15
                + ", quota " + quota + ", buffer " + p.ingressBlocks() + " blocks";
    }

    // ------------------------------------------------------------------ phases

    void runUntilDrained(String phase, double pRoom, double unused) {
        long start = cycle, lastProgress = cycle;
        long lastSeen = -1;
        while (true) {
            step(pRoom, true, true);
            if (delivered + beatsIn != lastSeen) { lastSeen = delivered + beatsIn; lastProgress = cycle; }
            boolean idle = sending == null && toSend.isEmpty() && pendEnd == null && rdOut < 0 && queues.stream().allMatch(ArrayDeque::isEmpty);
            if (idle && lastEmpty) break;
            if (cycle - lastProgress > 200_000)
                fail(where("the buffer drains (" + phase + ")", "no progress since cycle " + lastProgress + ": " + heldSummary()
                        + ", to send " + toSend.size() + (sending != null ? ", sending " + sending : "")));
        }
        // a few quiet cycles: the last credits land
        for (int i = 0; i < 4; i++) step(pRoom, false, true);
        System.out.println("  " + phase + ": cycles " + start + ".." + cycle);
    }

    void checkAllCreditBack(String when) {
        drainChecks++;
        long[] o = step(1.0, false, true);
        if ((o[0] & 32) == 0) fail(where("the buffer drained is empty (" + when + ")", heldSummary()));
        for (int v = 0; v < dataVls; v++) {
            int fccl = (int) (o[5 + v / 5] >>> (12 * (v % 5))) & 0xfff;
            assertEquals(quota, (fccl - fctbs[v]) & 0xfff, where("all credit comes back (" + when + ")", "VL " + v + " FCCL " + fccl + " FCTBS " + fctbs[v]));
            assertEquals(fctbs[v], abr[v], where("ABR = FCTBS once everything arrived", "VL " + v));
        }
    }

    int fillVl;
    boolean fillVl15Sent, probeSent, probeOffered;

    /** The partner sends on every data VL exactly its advertised credit, and one VL15 packet, while nothing leaves. */
    void nextFillPacket() {
        int maxGoodBlocks = Math.max(1, (s.mtu() + 28) / 64);
        while (fillVl < dataVls) {
            int credit = (fcclSeen[fillVl] - fctbs[fillVl]) & 0xfff;
            if (credit > 0) {
                int b = Math.min(credit, 1 + rng.nextInt(maxGoodBlocks));
                // 64b - 2 bytes: b blocks with the last all but full
                int pl = 64 * b - 28;
                Pkt k = new Pkt();
                k.kind = "fill";
                k.wire = ibPacket(fillVl, slTo(fillVl), 1 + rng.nextInt(2), pl);
                toSend.add(prepare(k));
                return;
            }
            fillVl++;
        }
        if (!fillVl15Sent) {
            fillVl15Sent = true;
            Pkt k = new Pkt();
            k.kind = "fill VL15";
            k.wire = ibPacket(15, 0, 1 + rng.nextInt(2), Math.min(256, s.maxPacket() - 28));
            if (VL15_OVERSIZE) { k.kind = "fill VL15 oversize"; k.wire = raw(s.maxPacket() + 8, 15); }
            toSend.add(prepare(k));
        }
    }

    /** An SL that SL2VL maps to `vl` at outputs 0 and ports - 1 (DLIDs 2 and 1), made so if there is none. */
    int slTo(int vl) {
        sl2vl[0][vl % 15] = vl;
        sl2vl[ports - 1][vl % 15] = vl;
        return vl % 15;
    }

    void fillExactly(String phase) {
        long start = cycle;
        fillMode = true;
        fillVl = 0;
        fillVl15Sent = false;
        while (!(fillVl >= dataVls && fillVl15Sent && toSend.isEmpty() && sending == null)) {
            step(0, true, false);
            if (cycle - start > 1_000_000) fail(where("filling to the credit (" + phase + ")", heldSummary()));
        }
        fillMode = false;
        for (int i = 0; i < 4; i++) step(0, false, false);
        // exactly zero credit on every data VL, the buffer holding each quota
        long[] o = step(0, false, false);
        for (int v = 0; v < dataVls; v++) {
            int fccl = (int) (o[5 + v / 5] >>> (12 * (v % 5))) & 0xfff;
            assertEquals(0, (fccl - fctbs[v]) & 0xfff, where("filled to the advertised credit, none is left (" + phase + ")", "VL " + v));
        }
        int heldBlocks = 0;
        for (Pkt k : held) heldBlocks += k.storedBlocks;
        if (VL15_OVERSIZE) {
            // the oversize VL15 fragment may still be held (being discarded, or waiting for `empty` to say it is gone)
            int frag = ceilDiv(maxPacketBeats + 1, p.beatsPerBlock());
            if (heldBlocks != dataVls * quota && heldBlocks != dataVls * quota + frag)
                fail(where("the buffer holds every quota and the VL15 fragment (" + phase + ")", heldSummary()));
        } else {
            assertEquals(dataVls * quota + blocksOf(26 + Math.min(256, s.maxPacket() - 28)), heldBlocks,
                    where("the buffer holds every quota and the VL15 packet (" + phase + ")", heldSummary()));
        }
        // when that is the whole buffer, a further beat must wait
        if (heldBlocks == p.ingressBlocks()) {
            Pkt k = new Pkt();
            k.kind = "probe into a full buffer";
            k.probe = true;
            k.wire = ibPacket(15, 0, 2, 0);
            prepare(k);
            toSend.addFirst(k);
            vl15Outstanding = null;
            probeOffered = false;
            pickNextToSend();
            long[] r = step(0, false, false);
            boolean tried = offered != null && tableReady;
            if (tried && (r[0] & 1) != 0) fail(where("a full buffer takes no new packet", heldSummary()));
            probeSent = true;
            System.out.println("  " + phase + ": buffer exactly full (" + heldBlocks + " blocks), a new packet waits: " + (tried ? "checked" : "not offered this cycle"));
        }
        System.out.println("  " + phase + ": cycles " + start + ".." + cycle + ", " + heldBlocks + " blocks held, credit 0 on every data VL");
    }
}
