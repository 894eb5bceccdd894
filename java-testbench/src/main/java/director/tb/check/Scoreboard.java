package director.tb.check;

import director.tb.sim.EgressFrame;

import java.util.*;

/**
 * Checks every egress frame as it arrives against the golden model's expectations. Expectations are kept per
 * (output, input, SL) flow in order, SL being the high nibble of byte 1 of the frame (LRH.SL; 0 for a frame
 * shorter than 2 bytes); an arriving frame must equal the head of one flow of its output port. So order within
 * each flow is checked and interleaving between flows is free: packets of different SLs may travel on
 * different VLs and overtake each other, packets of one SL from one input to one output may not. Anything else
 * is a mismatch, reported with cycle, port, and a byte diff against the closest expectation.
 */
public final class Scoreboard {
    /** An expected frame; {@code flowSl} orders it (the SL it crossed the switch with: LRH.SL for an IB frame). */
    public record Expected(long id, int inPort, int outPort, byte[] bytes, int flowSl) {
        public Expected(long id, int inPort, int outPort, byte[] bytes) { this(id, inPort, outPort, bytes, sl(bytes)); }
    }

    /** A frame that did not match: where, when, and what differed. */
    public record Mismatch(long cycle, int port, String what, String diff, long id) {
        public Mismatch(long cycle, int port, String what, String diff) { this(cycle, port, what, diff, -1); }

        @Override
        public String toString() { return "cycle " + cycle + ", egress port " + port + ": " + what + (diff.isEmpty() ? "" : "\n" + diff); }
    }

    private static final int KEEP = 20;
    private static final int SLS = 16;
    private final int ports;
    /** [output][SL][input], each made when first needed. */
    private final ArrayDeque<Expected>[][][] flows;
    private long expected, matched, mismatchCount;
    private final List<Mismatch> mismatches = new ArrayList<>();

    @SuppressWarnings("unchecked")
    public Scoreboard(int ports) {
        this.ports = ports;
        this.flows = new ArrayDeque[ports][SLS][ports];
    }

    /** LRH.SL, the high nibble of byte 1; 0 for a frame shorter than 2 bytes. */
    static int sl(byte[] frame) { return frame.length >= 2 ? (frame[1] >> 4) & 0xf : 0; }

    public void expect(Expected e) {
        ArrayDeque<Expected>[] byInput = flows[e.outPort()][e.flowSl()];
        if (byInput[e.inPort()] == null) byInput[e.inPort()] = new ArrayDeque<>();
        byInput[e.inPort()].addLast(e);
        expected++;
    }

    /** Checks one arriving frame; returns the expectation it fulfilled, or null after recording a mismatch. */
    public Expected observe(EgressFrame f) {
        if (f.port() < 0 || f.port() >= ports) {
            record(new Mismatch(f.lastCycle(), f.port(), "frame on a port that does not exist", ""));
            return null;
        }
        // an IB frame's flow is its LRH.SL: look there first; a frame whose SL is not in its bytes (an Ethernet
        // frame out of a 10GbE port) may be at the head of any flow of its port
        int sl = sl(f.bytes());
        Expected hit = takeHead(flows[f.port()][sl], f.bytes());
        for (int s = 0; s < SLS && hit == null; s++) if (s != sl) hit = takeHead(flows[f.port()][s], f.bytes());
        if (hit != null) {
            matched++;
            return hit;
        }
        // not at any head: out of order, duplicated, corrupted, or never expected
        for (ArrayDeque<Expected>[] byInput : flows[f.port()])
            for (ArrayDeque<Expected> q : byInput) {
                if (q == null) continue;
                int pos = 0;
                for (Expected e : q) {
                    if (Arrays.equals(e.bytes(), f.bytes())) {
                        record(new Mismatch(f.lastCycle(), f.port(), "frame id " + e.id() + " from input " + e.inPort() + " (SL " + e.flowSl()
                                + ") arrived out of order: " + pos + " earlier frame(s) of its flow still missing", "", e.id()));
                        q.remove(e);
                        return null;
                    }
                    pos++;
                }
            }
        Expected closest = closest(flows[f.port()], f.bytes());
        if (closest == null) {
            record(new Mismatch(f.lastCycle(), f.port(), "unexpected frame (" + f.bytes().length + " bytes): nothing is expected on this port",
                    "  actual:   " + hex(f.bytes(), 0, Math.min(32, f.bytes().length))));
        } else {
            flows[f.port()][closest.flowSl()][closest.inPort()].remove(closest);
            record(new Mismatch(f.lastCycle(), f.port(), "frame differs from expected id " + closest.id() + " (input " + closest.inPort() + ")",
                    diff(closest.bytes(), f.bytes()), closest.id()));
        }
        return null;
    }

    private static Expected takeHead(ArrayDeque<Expected>[] byInput, byte[] bytes) {
        for (ArrayDeque<Expected> q : byInput) {
            Expected head = q == null ? null : q.peekFirst();
            if (head != null && Arrays.equals(head.bytes(), bytes)) return q.pollFirst();
        }
        return null;
    }

    /** Among the heads of every flow of one output (any SL), the one sharing the longest prefix (same length first). */
    private static Expected closest(ArrayDeque<Expected>[][] bySlInput, byte[] actual) {
        Expected best = null;
        int bestScore = -1;
        for (ArrayDeque<Expected>[] byInput : bySlInput)
            for (ArrayDeque<Expected> q : byInput) {
                Expected h = q == null ? null : q.peekFirst();
                if (h == null) continue;
                int common = 0;
                while (common < Math.min(h.bytes().length, actual.length) && h.bytes()[common] == actual[common]) common++;
                int score = common + (h.bytes().length == actual.length ? 1 << 20 : 0);
                if (score > bestScore) { bestScore = score; best = h; }
            }
        return best;
    }

    /** A readable diff: lengths, first differing offset, and the bytes around it. */
    public static String diff(byte[] expected, byte[] actual) {
        int first = 0;
        while (first < Math.min(expected.length, actual.length) && expected[first] == actual[first]) first++;
        int from = Math.max(0, first - 8);
        int differing = 0;
        for (int i = 0; i < Math.min(expected.length, actual.length); i++) if (expected[i] != actual[i]) differing++;
        return String.format("  lengths expected %d actual %d; first difference at byte %d; %d byte(s) differ%n  expected[%d..]: %s%n  actual  [%d..]: %s",
                expected.length, actual.length, first, differing + Math.abs(expected.length - actual.length),
                from, hex(expected, from, Math.min(expected.length, from + 24)),
                from, hex(actual, from, Math.min(actual.length, from + 24)));
    }

    static String hex(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) sb.append(String.format("%02x", b[i] & 0xff)).append(i + 1 < to ? " " : "");
        return sb.toString();
    }

    private long lastMismatchId = -1;

    /** The frame id the last mismatch was about (-1: none, or not a frame). */
    public long lastMismatchId() { return lastMismatchId; }

    private void record(Mismatch m) {
        lastMismatchId = m.id();
        mismatchCount++;
        if (mismatches.size() < KEEP) mismatches.add(m);
    }

    /** Records a mismatch found outside the frame stream (e.g. a counter). */
    public void recordOther(long cycle, int port, String what) { record(new Mismatch(cycle, port, what, "")); }

    public long expectedCount() { return expected; }
    public long matchedCount() { return matched; }
    public long mismatchCount() { return mismatchCount; }
    public List<Mismatch> firstMismatches() { return Collections.unmodifiableList(mismatches); }

    /** Expected frames not seen (yet). */
    public long outstanding() {
        long n = 0;
        for (ArrayDeque<Expected>[][] out : flows)
            for (ArrayDeque<Expected>[] bySl : out)
                for (ArrayDeque<Expected> q : bySl) if (q != null) n += q.size();
        return n;
    }

    /** Up to {@code max} expected frames not seen, oldest first per flow. */
    public List<Expected> missing(int max) {
        List<Expected> out = new ArrayList<>();
        for (ArrayDeque<Expected>[][] byOut : flows)
            for (ArrayDeque<Expected>[] bySl : byOut)
                for (ArrayDeque<Expected> q : bySl) {
                    if (q == null) continue;
                    for (Expected e : q) { if (out.size() >= max) return out; out.add(e); }
                }
        return out;
    }
}
