package director.tb.run;

import director.tb.model.vlarb.VlTables;
import director.tb.sim.SimOptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The link layer of a run (docs/virtual-lanes.md): the VL arbitration tables written to every output port, the
 * egress link partners' credits, and scheduled changes of how fast a partner consumes a VL (to starve a VL of
 * credits and give them back).
 *
 * @param tables        VL arbitration tables and limit for every output port, or null for the reset values
 * @param partnerBlocks each egress link partner's buffer per data VL, in 64-byte blocks (its credits)
 * @param fcDelay       cycles from a partner consuming blocks to the switch seeing the credit
 * @param events        partner rate changes, in window cycles (0 = the first cycle of traffic)
 */
public record Links(VlTables tables, long partnerBlocks, long fcDelay, List<PartnerEvent> events) {
    /** From window cycle {@code cycle}, egress port {@code port}'s partner consumes VL {@code vl} at {@code rate}
     *  blocks per 1000 cycles (-1 at once, 0 stopped). */
    public record PartnerEvent(long cycle, int port, int vl, long rate) {
        public PartnerEvent {
            if (cycle < 0) throw new IllegalArgumentException("partner event: cycle " + cycle + " is negative");
            if (rate < -1) throw new IllegalArgumentException("partner event: rate " + rate + " (use -1 at once, 0 stopped, n > 0)");
        }
    }

    public Links {
        SimOptions.checkCredits(partnerBlocks, fcDelay);
        events = new ArrayList<>(events);
        events.sort(Comparator.comparingLong(PartnerEvent::cycle));
        events = List.copyOf(events);
    }

    public static Links defaults() {
        return new Links(null, SimOptions.DEFAULT_PARTNER_BLOCKS, SimOptions.DEFAULT_FC_DELAY, List.of());
    }

    public Links withTables(VlTables t) { return new Links(t, partnerBlocks, fcDelay, events); }

    public Links withCredits(long blocks, long delay) { return new Links(tables, blocks, delay, events); }

    public Links withEvent(PartnerEvent e) {
        List<PartnerEvent> l = new ArrayList<>(events);
        l.add(e);
        return new Links(tables, partnerBlocks, fcDelay, l);
    }

    /**
     * Parses {@code PORT:VL:FROM[:TO]} (the CLI's --starve): the partner of PORT stops consuming VL from window
     * cycle FROM, and consumes at once again from TO.
     */
    public Links withStarve(String spec, int ports, int dataVls) {
        String[] f = spec.split(":");
        if (f.length < 3 || f.length > 4)
            throw new IllegalArgumentException("--starve '" + spec + "': expected PORT:VL:FROM[:TO]");
        long[] v = new long[f.length];
        String[] names = {"PORT", "VL", "FROM", "TO"};
        for (int i = 0; i < f.length; i++) {
            try {
                v[i] = Long.parseLong(f[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--starve '" + spec + "': " + names[i] + " '" + f[i] + "' is not an integer");
            }
        }
        if (v[0] < 0 || v[0] >= ports) throw new IllegalArgumentException("--starve '" + spec + "': PORT " + v[0] + " outside 0.." + (ports - 1));
        if (v[1] < 0 || v[1] >= dataVls) throw new IllegalArgumentException("--starve '" + spec + "': VL " + v[1] + " is not a data VL (0.." + (dataVls - 1) + ")");
        if (f.length == 4 && v[3] <= v[2]) throw new IllegalArgumentException("--starve '" + spec + "': TO " + v[3] + " is not after FROM " + v[2]);
        Links l = withEvent(new PartnerEvent(v[2], (int) v[0], (int) v[1], 0));
        return f.length == 4 ? l.withEvent(new PartnerEvent(v[3], (int) v[0], (int) v[1], -1)) : l;
    }
}
