package director.tb.model.gateway;

import director.tb.model.gateway.PolicerBank.Colour;
import director.tb.model.gateway.PolicerBank.Decision;
import director.tb.sim.Models;
import director.tb.sim.UnitSim;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The RTL vNIC policers (qos/TwoRatePolicer with its settings bank, qos/RateConfigBank, as one host port has them)
 * alone against the Java model ({@link PolicerBank}), cycle by cycle: each decision (the policer's red output and
 * the colour, with both buckets brought up to date) and every vNIC's stored state (both buckets, the cycle of its
 * last decision, whether it has been metered), with settings drawn over the whole legal range (boundaries often),
 * rewritten word by word while frames are metered, frames of the shortest, longest and random lengths, idle gaps
 * and jumps of the policers' clock (`now`: a jump of J stands for J idle cycles, up to past the 2^31 - 1 cap).
 */
@Tag("rtl")
class PolicerLockstepTest {
    static final int VNICS = 5, CORE_MHZ = 250, IN = 4, OUT = 4 + 3 * VNICS;
    static final int CYCLES = 200_000, BATCH = 20_000;
    static final long MAX24 = (1L << 24) - 1, ONE = 1L << 24, MAX_ELAPSED = (1L << 31) - 1;
    static final int MIN_FRAME = 64, MAX_FRAME = 1522, MAX_FIELD = (1 << 14) - 1;

    /** The unit, the model beside it and the settings as written, cycle by cycle. */
    private static final class Lockstep implements AutoCloseable {
        final UnitSim rtl = new UnitSim(Models.policerUnit(VNICS, CORE_MHZ), "policer_unit_create", IN, OUT);
        final PolicerBank model = new PolicerBank(CORE_MHZ);
        final long[][] words = new long[VNICS][4];
        final long seed;
        long cycle;
        // the cycles of one batch: inputs, the outputs the model expects, which of them are compared
        final List<long[]> in = new ArrayList<>(), expected = new ArrayList<>();
        final List<Long> compared = new ArrayList<>();
        final List<String> settings = new ArrayList<>();
        // what the checked run went through
        final long[] colours = new long[4];
        long zeroCommitted, zeroPeak, fullCommitted, fullPeak, cappedElapsed, writeWithFrame, checkedWords;

        Lockstep(long seed) { this.seed = seed; }

        Policer config(int v) { return new Policer(words[v][0], words[v][1], words[v][2], words[v][3]); }

        /** One cycle: a settings write (vnic < 0: none), a frame (fvnic < 0: none), the clock `now`. Returns the decision. */
        Decision cycle(int wvnic, int word, long data, int fvnic, int bytes, long now) {
            long[] i = new long[IN], e = new long[OUT];
            long mask = 1L | 1L << 3;
            if (wvnic >= 0) { i[0] = 1 | (long) word << 1 | (long) wvnic << 3; i[1] = data; }
            if (fvnic >= 0) i[2] = 1 | (long) bytes << 1 | (long) fvnic << 15;
            i[3] = now;
            // the state the cycle starts from
            for (int v = 0; v < VNICS; v++) {
                if (!model.seen(v)) continue;
                e[3] |= 1L << v;
                e[4 + v] = model.committed(v);
                e[4 + VNICS + v] = model.peak(v);
                e[4 + 2 * VNICS + v] = model.last(v);
                mask |= 1L << (4 + v) | 1L << (4 + VNICS + v) | 1L << (4 + 2 * VNICS + v);
            }
            // this cycle's decision, with the settings before this cycle's write (the write lands at the clock edge)
            Decision d = new Decision(Colour.NONE, 0, 0);
            if (fvnic >= 0) {
                Policer cfg = config(fvnic);
                if (cfg.enabled() && model.seen(fvnic) && now - model.last(fvnic) > MAX_ELAPSED) cappedElapsed++;
                d = model.decide(fvnic, cfg, bytes, now);
                colours[d.colour().ordinal()]++;
                if (d.colour() != Colour.NONE) {
                    mask |= 1L << 1 | 1L << 2;
                    e[1] = d.committedNow();
                    e[2] = d.peakNow();
                    if (d.committedNow() == cfg.cbsBytes() << 24) fullCommitted++;
                    if (d.peakNow() == cfg.pbsBytes() << 24) fullPeak++;
                    if (model.committed(fvnic) == 0) zeroCommitted++;
                    if (model.peak(fvnic) == 0) zeroPeak++;
                }
                if (wvnic == fvnic) writeWithFrame++;
            }
            e[0] = (d.colour() == Colour.RED ? 1 : 0) | (long) d.colour().ordinal() << 1;
            settings.add(fvnic < 0 ? "" : " (vNIC " + fvnic + " settings " + config(fvnic) + ", frame of " + bytes + " bytes, now " + now + ")");
            if (wvnic >= 0) words[wvnic][word] = data;
            in.add(i);
            expected.add(e);
            compared.add(mask);
            cycle++;
            return d;
        }

        /** Runs the cycles given since the last run on the RTL and compares every output the model predicts. */
        void run() {
            int n = in.size();
            long[] flat = new long[n * IN];
            for (int c = 0; c < n; c++) System.arraycopy(in.get(c), 0, flat, c * IN, IN);
            long[] out = rtl.step(flat);
            long first = cycle - n;
            for (int c = 0; c < n; c++) {
                long[] e = expected.get(c);
                long mask = compared.get(c);
                for (int k = 0; k < OUT; k++) {
                    if ((mask >>> k & 1) == 0) continue;
                    checkedWords++;
                    long got = out[c * OUT + k];
                    if (got != e[k])
                        fail("cycle " + (first + c) + ", " + field(k) + ": expected (Java model) " + show(k, e[k]) + ", got (RTL) " + show(k, got)
                                + settings.get(c) + "; seed " + seed + " (-Dpolicer.seed=" + seed + ")");
                }
            }
            in.clear();
            expected.clear();
            compared.clear();
            settings.clear();
        }

        /** An output word as read: the decision word as its colour and red bit. */
        static String show(int k, long v) {
            if (k != 0) return Long.toString(v);
            int colour = (int) (v >>> 1 & 3);
            return Colour.values()[colour].name().toLowerCase() + ((v & 1) != 0 ? " (red bit set)" : "") + " [" + v + "]";
        }

        static String field(int k) {
            if (k == 0) return "decision (red[0] colour[2:1])";
            if (k == 1) return "requesting vNIC: committed bucket brought up to date";
            if (k == 2) return "requesting vNIC: peak bucket brought up to date";
            if (k == 3) return "metered vNICs (bit per vNIC)";
            int v = (k - 4) % VNICS;
            return "vNIC " + v + ": " + switch ((k - 4) / VNICS) {
                case 0 -> "stored committed bucket";
                case 1 -> "stored peak bucket";
                default -> "cycle of its last decision";
            };
        }

        @Override
        public void close() { rtl.close(); }
    }

    @ParameterizedTest(name = "run {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void rtlMatchesModelCycleByCycle(int run) {
        long seed = Long.getLong("policer.seed", 7_000_000L + run);
        System.out.println("PolicerLockstepTest run " + run + " seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        long t0 = System.nanoTime();
        try (Lockstep ls = new Lockstep(seed)) {
            long now = 1 + rng.nextInt(1000), idleUntil = -1;
            int hot = rng.nextInt(VNICS);
            while (ls.cycle < CYCLES) {
                long c = ls.cycle;
                // the clock: one a cycle, now and then a jump (J idle cycles at once)
                now += 1;
                if (rng.nextDouble() < 0.0005) now += jump(rng);
                if (idleUntil < c && rng.nextDouble() < 0.00005) idleUntil = c + 500 + rng.nextInt(20_000);
                if (rng.nextDouble() < 0.001) hot = rng.nextInt(VNICS);
                // a settings write: every word of every vNIC first, then now and then (a legal value given the others)
                int wv = -1, word = 0;
                long data = 0;
                if (c < 4L * VNICS) {
                    wv = (int) (c / 4);
                    word = (int) (c % 4);
                } else if (rng.nextDouble() < 0.003) {
                    wv = rng.nextInt(VNICS);
                    word = rng.nextInt(4);
                }
                if (wv >= 0) data = setting(rng, word, ls.words[wv]);
                // a frame (none while idle); often for the vNIC being rewritten in that cycle
                int fv = -1, bytes = 0;
                if (c >= idleUntil && rng.nextDouble() < 0.6) {
                    fv = wv >= 0 && rng.nextBoolean() ? wv : rng.nextDouble() < 0.5 ? hot : rng.nextInt(VNICS);
                    bytes = frameBytes(rng, ls, fv, now);
                }
                ls.cycle(wv, word, data, fv, bytes, now);
                if (ls.in.size() == BATCH) ls.run();
            }
            ls.run();
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  %d cycles, %d outputs compared in %.1f s; decisions: %d not policed, %d green, %d yellow, %d red; "
                            + "buckets left empty: %d committed, %d peak; full when decided: %d committed, %d peak; %d gaps past the 2^31 - 1 cap; "
                            + "%d frames decided in the cycle their vNIC's settings were written%n",
                    ls.cycle, ls.checkedWords, s, ls.colours[0], ls.colours[1], ls.colours[2], ls.colours[3], ls.zeroCommitted,
                    ls.zeroPeak, ls.fullCommitted, ls.fullPeak, ls.cappedElapsed, ls.writeWithFrame);
            for (int k = 0; k < 4; k++) assertTrue(ls.colours[k] > 1000, "too few decisions of colour " + Colour.values()[k] + ": " + ls.colours[k]);
            assertTrue(ls.zeroCommitted > 0 && ls.zeroPeak > 0, "no bucket left exactly empty");
            assertTrue(ls.fullCommitted > 100 && ls.fullPeak > 100, "too few full buckets");
            assertTrue(ls.cappedElapsed > 0, "no gap past the elapsed cap");
            assertTrue(ls.writeWithFrame > 10, "too few frames decided as their settings changed");
        }
    }

    /** A jump of the policers' clock: around the 2^31 - 1 cap, past it, or anything up to 2^40. */
    private static long jump(SplittableRandom r) {
        return switch (r.nextInt(7)) {
            case 0 -> MAX_ELAPSED - 1;
            case 1 -> MAX_ELAPSED;
            case 2 -> MAX_ELAPSED + 1;
            case 3 -> (1L << 32) + r.nextInt(1 << 20);
            case 4 -> 1 + r.nextLong(1L << 40);
            default -> 1 + r.nextLong(1L << 26);
        };
    }

    /** A legal value of `word` for a vNIC whose settings are `w` now: each 0..2^24 - 1, PIR 0 or at least CIR. */
    static long setting(SplittableRandom r, int word, long[] w) {
        long cir = w[0], pir = w[1];
        int pick = r.nextInt(10);
        return switch (word) {
            case 0 -> {   // CIR: up to PIR (any when PIR is 0)
                long hi = pir == 0 ? MAX24 : pir;
                yield switch (pick) {
                    case 0 -> 0;
                    case 1 -> Math.min(1, hi);
                    case 2 -> hi;              // CIR = PIR (or the largest)
                    case 3 -> Math.min(MAX24, hi);
                    case 4, 5 -> Math.min(hi, 1000 + r.nextInt(10_000_000));
                    case 6 -> r.nextLong(hi + 1);
                    default -> Math.min(hi, r.nextInt(100_000));
                };
            }
            case 1 -> {   // PIR: 0 (not policed) or CIR..2^24 - 1
                long lo = Math.max(cir, 1);
                yield switch (pick) {
                    case 0 -> 0;
                    case 1 -> lo;              // PIR = CIR
                    case 2 -> MAX24;
                    case 3 -> cir <= 1 ? 1 : cir;
                    case 4, 5 -> Math.max(lo, 1000 + r.nextInt(10_000_000));
                    case 6 -> lo + r.nextLong(MAX24 - lo + 1);
                    default -> Math.max(lo, r.nextInt(200_000));
                };
            }
            default -> switch (pick) {   // CBS, PBS
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> MAX24;
                case 3, 4 -> MIN_FRAME + r.nextInt(20_000);
                case 5 -> r.nextInt(1 << 20);
                case 6 -> r.nextLong(MAX24 + 1);
                default -> r.nextInt(4 * MAX_FRAME);
            };
        };
    }

    /** A frame's bytes: the shortest or longest Ethernet frame, the field's limits, random, or exactly a bucket. */
    private static int frameBytes(SplittableRandom r, Lockstep ls, int v, long now) {
        int pick = r.nextInt(20);
        if (pick < 2) {   // exactly what a bucket holds (when whole bytes), to leave it empty
            Decision d = ls.model.preview(v, ls.config(v), 0, now);
            long t = pick == 0 ? d.committedNow() : d.peakNow();
            if (d.colour() != Colour.NONE && t % ONE == 0 && t / ONE <= MAX_FIELD) return (int) (t / ONE);
        }
        return switch (pick) {
            case 2, 3, 4, 5 -> MIN_FRAME;
            case 6, 7, 8 -> MAX_FRAME;
            case 9 -> MAX_FIELD;
            case 10 -> r.nextInt(2);   // 0 and 1 byte: the field's other end
            case 11 -> 1 + r.nextInt(MAX_FIELD);
            default -> MIN_FRAME + r.nextInt(MAX_FRAME - MIN_FRAME + 1);
        };
    }

    /**
     * Buckets exactly empty and exactly full (CBS and PBS reached by the refill itself, and by the cap), checked in
     * the cycle they occur against figures worked out by hand here, on the RTL and on the model: with M = 549,756
     * (250 MHz), 125,000 kb/s adds exactly 2^20 tokens (1/16 byte) a cycle, 1 kb/s adds 8.
     */
    @Test
    void bucketsExactlyEmptyAndExactlyFull() {
        assertEquals(549_756L, PolicerBank.multiplier(CORE_MHZ));
        long inc = 1L << 20;
        try (Lockstep ls = new Lockstep(0)) {
            long now = 100;
            // vNIC 1: CIR = PIR = 125,000 kb/s, CBS 1,000, PBS 2,000; vNIC 2: all 0 but PIR 1 (PBS 0: every frame red);
            // vNIC 3: not policed; vNIC 4: CIR = PIR = 1 kb/s, CBS = PBS = 2^24 - 1
            long[][] set = {{0, 0, 0, 0}, {125_000, 125_000, 1000, 2000}, {0, 1, 0, 0}, {0, 0, 5000, 5000}, {1, 1, MAX24, MAX24}};
            for (int v = 0; v < VNICS; v++) for (int w = 0; w < 4; w++) ls.cycle(v, w, set[v][w], -1, 0, now++);
            List<long[]> checks = new ArrayList<>();   // {cycle, output word, expected}
            // 1: first frame, buckets full: 1,000 bytes = exactly CBS: green, committed left exactly empty
            long c1 = ls.cycle;
            ls.cycle(-1, 0, 0, 1, 1000, now);
            checks.add(new long[] {c1, 0, 1L << 1});
            checks.add(new long[] {c1, 1, 1000 * ONE});
            checks.add(new long[] {c1, 2, 2000 * ONE});
            checks.add(new long[] {c1 + 1, 4 + 1, 0});
            checks.add(new long[] {c1 + 1, 4 + VNICS + 1, 1000 * ONE});
            // 2: 1,023 cycles later, one increment short of... committed 1023 x 2^20; a 16,383-byte frame is red
            long n2 = now + 1023;
            long c2 = ls.cycle;
            ls.cycle(-1, 0, 0, 1, MAX_FIELD, n2);
            checks.add(new long[] {c2, 0, 1 | 3L << 1});
            checks.add(new long[] {c2, 1, 1023 * inc});
            checks.add(new long[] {c2, 2, 1000 * ONE + 1023 * inc});
            // 3: one cycle later: committed 1024 x 2^20 = 64 bytes; a 64-byte frame takes it exactly (green), peak 1,000 + 64 - 64
            long c3 = ls.cycle;
            ls.cycle(-1, 0, 0, 1, 64, n2 + 1);
            checks.add(new long[] {c3, 0, 1L << 1});
            checks.add(new long[] {c3, 1, 64 * ONE});
            checks.add(new long[] {c3, 2, 1064 * ONE});
            checks.add(new long[] {c3 + 1, 4 + 1, 0});
            checks.add(new long[] {c3 + 1, 4 + VNICS + 1, 1000 * ONE});
            // 4: 16,000 cycles later (1,000 bytes at 1/16 byte a cycle): both buckets exactly full by the refill
            // (committed 0 + 1,000 = CBS, peak 1,000 + 1,000 = PBS, neither capped); a 2,001-byte frame is red
            long n4 = n2 + 1 + 16_000;
            long c4 = ls.cycle;
            ls.cycle(-1, 0, 0, 1, 2001, n4);
            checks.add(new long[] {c4, 0, 1 | 3L << 1});
            checks.add(new long[] {c4, 1, 1000 * ONE});
            checks.add(new long[] {c4, 2, 2000 * ONE});
            checks.add(new long[] {c4 + 1, 4 + 1, 1000 * ONE});
            checks.add(new long[] {c4 + 1, 4 + VNICS + 1, 2000 * ONE});
            checks.add(new long[] {c4 + 1, 4 + 2 * VNICS + 1, n4});
            // 5: one cycle later, capped at the bursts; exactly PBS bytes: peak left exactly empty, yellow (committed short)
            long c5 = ls.cycle;
            ls.cycle(-1, 0, 0, 1, 2000, n4 + 1);
            checks.add(new long[] {c5, 0, 2L << 1});
            checks.add(new long[] {c5, 1, 1000 * ONE});
            checks.add(new long[] {c5, 2, 2000 * ONE});
            checks.add(new long[] {c5 + 1, 4 + 1, 1000 * ONE});
            checks.add(new long[] {c5 + 1, 4 + VNICS + 1, 0});
            // 6: one cycle later: a 1-byte frame is red (peak 2^20 < 2^24), a 0-byte one the cycle after is green
            long c6 = ls.cycle;
            ls.cycle(-1, 0, 0, 1, 1, n4 + 2);
            ls.cycle(-1, 0, 0, 1, 0, n4 + 3);
            checks.add(new long[] {c6, 0, 1 | 3L << 1});
            checks.add(new long[] {c6, 2, inc});
            checks.add(new long[] {c6 + 1, 0, 1L << 1});
            checks.add(new long[] {c6 + 1, 1, 1000 * ONE});
            checks.add(new long[] {c6 + 1, 2, 2 * inc});
            // 7: PBS 0: a 1-byte frame is red, a 0-byte frame green (0 tokens are not fewer than 0); not policed: no colour
            long c7 = ls.cycle;
            ls.cycle(-1, 0, 0, 2, 1, n4 + 4);
            ls.cycle(-1, 0, 0, 2, 0, n4 + 5);
            ls.cycle(-1, 0, 0, 3, MAX_FIELD, n4 + 6);
            checks.add(new long[] {c7, 0, 1 | 3L << 1});
            checks.add(new long[] {c7, 1, 0});
            checks.add(new long[] {c7, 2, 0});
            checks.add(new long[] {c7 + 1, 0, 1L << 1});
            checks.add(new long[] {c7 + 2, 0, 0});
            checks.add(new long[] {c7 + 3, 3, 0b0110});   // vNIC 3 never metered
            // 8: 1 kb/s (8 tokens a cycle), bursts 2^24 - 1: 16,383 bytes from full, then gaps of exactly 2^31 - 1
            // and of 2^31 + 5 (capped at 2^31 - 1) each add 8 x (2^31 - 1)
            long full = MAX24 * ONE, step = 8 * MAX_ELAPSED, n8 = n4 + 10;
            long c8 = ls.cycle;
            ls.cycle(-1, 0, 0, 4, MAX_FIELD, n8);
            ls.cycle(-1, 0, 0, 4, 0, n8 + MAX_ELAPSED);
            ls.cycle(-1, 0, 0, 4, 0, n8 + MAX_ELAPSED + MAX_ELAPSED + 6);
            long after = full - MAX_FIELD * ONE;
            checks.add(new long[] {c8, 1, full});
            checks.add(new long[] {c8 + 1, 4 + 4, after});
            checks.add(new long[] {c8 + 1, 1, after + step});
            checks.add(new long[] {c8 + 1, 2, after + step});
            checks.add(new long[] {c8 + 2, 1, after + 2 * step});
            checks.add(new long[] {c8 + 2, 2, after + 2 * step});
            ls.cycle(-1, 0, 0, -1, 0, n8 + 2 * MAX_ELAPSED + 7);
            checks.add(new long[] {c8 + 3, 4 + VNICS + 4, after + 2 * step});
            // 9: rewriting CBS to 10 in the cycle of a frame: the frame sees the old CBS, the next one the new cap
            long c9 = ls.cycle;
            ls.cycle(1, 2, 10, 1, 0, n8 + 20_000_000);
            ls.cycle(-1, 0, 0, 1, 0, n8 + 20_000_001);
            checks.add(new long[] {c9, 1, 1000 * ONE});
            checks.add(new long[] {c9 + 1, 1, 10 * ONE});
            // the RTL against the model in every cycle, and both against the figures above
            List<long[]> expected = new ArrayList<>(ls.expected);
            long first = ls.cycle - expected.size();
            ls.run();
            for (long[] k : checks) {
                long model = expected.get((int) (k[0] - first))[(int) k[1]];
                if (model != k[2])
                    fail("cycle " + k[0] + ", " + Lockstep.field((int) k[1]) + ": worked out " + k[2] + ", Java model " + model);
            }
            System.out.printf("PolicerLockstepTest boundaries: %d cycles, %d outputs compared with the RTL, %d against worked figures%n",
                    ls.cycle, ls.checkedWords, checks.size());
        }
    }
}
