package director.tb.stim;

import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Policer;
import director.tb.model.gateway.Shaper;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.model.vlarb.VlTables;
import director.tb.sim.SimOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The settings of a run drawn from its seed ({@code --settings random}): every setting a block takes, over its legal
 * range with its boundaries drawn often, instead of one fixed value per test. Drawn from the run seed alone (a stream
 * of its own), so the same seed draws the same settings.
 *
 * <ul>
 *   <li><b>VL arbitration</b> (one set for every output port, as {@code --vl-tables} writes): High table 0..entries
 *       long, Low table 0..entries long, each entry's VL 0..15 (a VL that is not a data VL, VL15 included, is
 *       written and skipped by the arbiter) and weight 0..255, the High limit 0..255. Every data VL gets at least one
 *       usable entry, in a table drawn for it: a VL without one is never sent (IBTA 7.6.9), its frames would stay in
 *       the switch for ever, which is the standard's behaviour and not a check of this switch.</li>
 *   <li><b>SL-to-VL</b>: the {@code random} plan (every (input, output) table drawn).</li>
 *   <li><b>Link partners</b>: the FC delay 1..{@value #MAX_FC_DELAY} cycles (log-uniform, both ends drawn often), the buffer
 *       per VL from the least that keeps a VL at line rate with that delay (the bandwidth-delay product and a largest
 *       packet, {@link #minPartnerBlocks}) to 2,048 blocks, both ends drawn often. Smaller buffers are legal and
 *       lossless (the switch waits for credit) and {@code --partner-blocks} takes them; they are left out here because
 *       the line-rate verdict compares each output with an ideal switch whose partners never hold it back.</li>
 *   <li><b>vNIC policers</b> (profiles with 10GbE ports): each vNIC off, or CIR 0..2^24-1 kb/s, PIR = CIR or
 *       CIR..2^24-1, CBS and PBS 0..2^24-1 bytes; 0, 1 and 2^24-1 drawn often. Every policed frame is predicted by
 *       the golden model.</li>
 *   <li><b>vHBA shapers</b> (profiles with FC ports): each vHBA off, or CIR from {@link #minShaperKbps} (a rate at
 *       which what a vHBA can be offered in the window still leaves within the drain limit; slower ones hold frames
 *       past it, and are checked by ShaperLockstepTest over the whole range) to 2^24-1 kb/s, PIR 0, = CIR or above,
 *       CBS and PBS 0..2^24-1 bytes.</li>
 * </ul>
 */
public record RandomSettings(VlTables tables, long partnerBlocks, long fcDelay, Map<Integer, Policer> policers,
                             Map<Integer, Shaper> shapers) {
    /** The largest FC delay drawn: 16 us at 250 MHz (a 3 km link's round trip). Longer needs a longer watchdog. */
    public static final long MAX_FC_DELAY = 4096;
    /** Largest policer and shaper setting (24-bit registers). */
    public static final long MAX_RATE = (1L << 24) - 1;

    public RandomSettings {
        policers = Map.copyOf(policers);
        shapers = Map.copyOf(shapers);
    }

    /**
     * Draws the settings of a run of {@code windowCycles} with drain limit {@code maxDrain} on switch {@code cfg},
     * whose vNIC and vHBA tables are {@code vnics} and {@code vhbas}, from {@code seed}.
     */
    public static RandomSettings draw(SwitchConfig cfg, List<Vnic> vnics, List<Vhba> vhbas, long seed, long windowCycles, long maxDrain) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5E77_1265L);
        VlTables tables = vlTables(r, cfg.dataVls(), cfg.vlArbEntries());
        int f = r.nextInt(5);
        long fcDelay = f == 0 ? 1 : f == 1 ? MAX_FC_DELAY : logUniform(r, 1, MAX_FC_DELAY);
        long minBlocks = minPartnerBlocks(cfg, fcDelay);
        int b = r.nextInt(4);
        long partnerBlocks = b == 0 ? SimOptions.MAX_PARTNER_BLOCKS : b == 1 ? minBlocks : logUniform(r, minBlocks, SimOptions.MAX_PARTNER_BLOCKS);
        Map<Integer, Policer> policers = new TreeMap<>();
        for (Vnic v : vnics) {
            if (r.nextInt(5) == 0) { policers.put(v.index(), Policer.OFF); continue; }
            long cir = rate(r, 0);
            long pir = r.nextInt(3) == 0 ? Math.max(cir, 1) : rate(r, Math.max(cir, 1));
            policers.put(v.index(), new Policer(cir, pir, rate(r, 0), rate(r, 0)));
        }
        Map<Integer, Shaper> shapers = new TreeMap<>();
        long floor = minShaperKbps(cfg, windowCycles, maxDrain);
        for (Vhba h : vhbas) {
            if (r.nextInt(3) == 0) { shapers.put(h.index(), Shaper.OFF); continue; }
            long cir = r.nextInt(6) == 0 ? MAX_RATE : logUniform(r, floor, MAX_RATE);
            int kind = r.nextInt(3);
            long pir = kind == 0 ? 0 : kind == 1 ? cir : rate(r, cir);
            shapers.put(h.index(), new Shaper(cir, pir, rate(r, 0), rate(r, 0)));
        }
        return new RandomSettings(tables, partnerBlocks, fcDelay, policers, shapers);
    }

    /**
     * The least partner buffer per VL (64-byte blocks) that keeps one VL at line rate with credits coming back
     * {@code fcDelay} cycles after the blocks are consumed: the bytes the line sends in that time plus a largest
     * packet, with a quarter more for the switch's own pipeline; at least a largest packet.
     */
    public static long minPartnerBlocks(SwitchConfig cfg, long fcDelay) {
        double bytes = 1.25 * (cfg.lineBytesPerCycle() * fcDelay + cfg.maxPacketBytes());
        return Math.min(SimOptions.MAX_PARTNER_BLOCKS, Math.max(SimOptions.minPartnerBlocks(cfg.maxPacketBytes()), (long) Math.ceil(bytes / 64)));
    }

    /**
     * The slowest shaper drawn, kb/s: a vHBA may be offered up to its host's line over the window, and what it was
     * offered must leave within the drain limit, with a factor of two to spare.
     */
    public static long minShaperKbps(SwitchConfig cfg, long windowCycles, long maxDrain) {
        double lineKbps = cfg.lineGbps() * 1e6;
        return Math.min(MAX_RATE, (long) Math.ceil(2 * lineKbps * windowCycles / Math.max(1, maxDrain)));
    }

    /** A rate or burst setting at least {@code min}: min, 1 or the largest often, else log-uniform up to the largest. */
    static long rate(SplittableRandom r, long min) {
        int k = r.nextInt(8);
        if (k == 0) return min;
        if (k == 1) return MAX_RATE;
        if (k == 2 && min <= 1) return 1;
        return logUniform(r, Math.max(1, min), MAX_RATE);
    }

    /** log-uniform in lo..hi (lo >= 1). */
    static long logUniform(SplittableRandom r, long lo, long hi) {
        if (hi <= lo) return lo;
        double v = Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi + 1.0) - Math.log(lo)));
        return Math.max(lo, Math.min(hi, (long) Math.floor(v)));
    }

    /** Both tables and the limit; every data VL gets one usable entry in a table drawn for it. */
    static VlTables vlTables(SplittableRandom r, int dataVls, int maxEntries) {
        List<List<VlTables.Entry>> t = List.of(new ArrayList<>(), new ArrayList<>());
        for (int k = 0; k < 2; k++) {
            int n = r.nextInt(4) == 0 ? (r.nextBoolean() ? 0 : maxEntries) : r.nextInt(maxEntries + 1);
            for (int e = 0; e < n; e++) t.get(k).add(new VlTables.Entry(r.nextInt(8) == 0 ? r.nextInt(16) : r.nextInt(dataVls), weight(r)));
        }
        for (int vl = 0; vl < dataVls; vl++) {
            final int v = vl;
            boolean usable = t.stream().anyMatch(l -> l.stream().anyMatch(e -> e.vl() == v && e.weight() > 0));
            if (usable) continue;
            List<VlTables.Entry> into = t.get(r.nextInt(2));
            if (into.size() >= maxEntries) into = t.get(0).size() < t.get(1).size() ? t.get(0) : t.get(1);
            VlTables.Entry e = new VlTables.Entry(v, 1 + r.nextInt(VlTables.MAX_WEIGHT));
            if (into.size() < maxEntries) into.add(r.nextInt(into.size() + 1), e);
            else into.set(replaceable(into, dataVls, r), e);  // both tables full: overwrite an entry no VL depends on
        }
        int k = r.nextInt(6);
        int limit = k == 0 ? 0 : k == 1 ? VlTables.UNLIMITED : r.nextInt(VlTables.UNLIMITED + 1);
        return new VlTables(dataVls, maxEntries, t.get(0), t.get(1), limit);
    }

    private static int weight(SplittableRandom r) {
        int k = r.nextInt(6);
        return k == 0 ? 0 : k == 1 ? VlTables.MAX_WEIGHT : k == 2 ? 1 : r.nextInt(VlTables.MAX_WEIGHT + 1);
    }

    /** An entry that is unusable, or whose VL has another usable entry in the same table. */
    private static int replaceable(List<VlTables.Entry> l, int dataVls, SplittableRandom r) {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            VlTables.Entry e = l.get(i);
            if (e.weight() == 0 || e.vl() >= dataVls) { ok.add(i); continue; }
            for (int j = 0; j < l.size(); j++)
                if (j != i && l.get(j).vl() == e.vl() && l.get(j).weight() > 0) { ok.add(i); break; }
        }
        // a table of maxEntries >= dataVls entries with every VL once at most has a spare entry unless
        // maxEntries == dataVls and all are distinct and usable: then every VL is already usable
        return ok.isEmpty() ? r.nextInt(l.size()) : ok.get(r.nextInt(ok.size()));
    }

    /** One line per setting, for the run's report. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("VL arbitration: High " + tables.high() + ", Low " + tables.low() + ", limit " + tables.limit());
        out.add("link partners: " + partnerBlocks + " blocks per VL, FC delay " + fcDelay + " cycles");
        if (!policers.isEmpty()) out.add("vNIC policers (CIR, PIR kb/s; CBS, PBS bytes): " + policers);
        if (!shapers.isEmpty()) out.add("vHBA shapers (CIR, PIR kb/s; CBS, PBS bytes): " + shapers);
        return out;
    }
}
