package director.tb.stim;

import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The admissible full-line-rate plan ({@code --pattern balanced}, the main job of the vp780 profile): every input
 * sends at its line rate and every output is asked for exactly its line, no more, over any window longer than a
 * few packets.
 *
 * <p>What each input may send follows from the port kinds: a 10GbE port's LAN frames go to the vNICs bound to it
 * (EoIB to their hosts), an FC port's SAN frames to its vHBAs (FCoIB to their hosts), and a host sends EoIB through
 * its vNICs to their 10GbE ports, FCoIB through its vHBAs to their FC ports, or plain InfiniBand to another host.
 * Destinations are chosen frame by frame, in time order over all inputs: the plan keeps, per output, when an ideal
 * output-queued switch would have sent everything given to it so far (each frame can start once it has wholly
 * arrived, store and forward, and takes the bytes it will have on that output's wire: an EoIB packet becomes an
 * Ethernet frame plus preamble and gap, a LAN frame an EoIB packet, and so on). A frame's size is drawn first; among
 * the outputs whose backlog is within {@link #BAND_CYCLES} of the smallest, it goes to the one that would run dry first
 * of those it reaches in time (its last byte in before the output's backlog is sent), or else to the one it leaves
 * idle the least. Inputs send from cycle 0 while outputs wait for their first whole
 * packet, so every output starts with a backlog of about one packet time; the plan then keeps the backlogs even,
 * and as inputs and outputs run at the same rate, an output never runs dry. On vp780 (24 hosts, 10 x 10GbE, 5 x FC)
 * the 15 module outputs take 150 Gb/s from the hosts, about 6.25 Gb/s a host, and each host fills the rest of its
 * line with InfiniBand to other hosts, which also take the 150 Gb/s the module inputs send: 390 Gb/s in, 390 out.
 *
 * <p>No broadcast and no vNIC-to-vNIC frames (a broadcast is replicated, a local frame turns round inside a
 * 10GbE port: either would ask an output for more than the plan gave it).
 */
public final class LineRatePlan {
    /** Outputs free within this many cycles of the first are chosen among at random (variety, not bias). */
    public static final double TIE_CYCLES = 50;
    /**
     * Outputs whose backlog is within this many cycles of the least-backlogged one's compete for a frame: longer than
     * the largest packet takes to arrive (4,130 bytes, 826 cycles), so that a frame finds an output it reaches in
     * time, and short enough that backlogs stay even. 2,000 rather than 1,000: a wider choice also spreads an input's
     * frames over outputs that want them at different times, so that an input is seldom asked for two packets at once
     * (it crosses one at a time): on vp780, 20,000-cycle runs went from 779.05-779.70 Gb/s (seeds 1, 2, 3, 7, 42, 1234)
     * to 779.62-779.95 (those and 5, 6, 8-11).
     */
    public static final double BAND_CYCLES = 2000;
    /**
     * An output whose backlog is shorter than this is short of work: then only outputs as short compete (else a
     * frame too long to reach it in time would always go to a better-fed output, and it would starve).
     */
    public static final double URGENT_CYCLES = 0;

    public enum Kind { LAN, SAN, EOIB, FCOIB, IB }

    /** A destination an input may choose: the output, and the vNIC or vHBA that leads there (or none). */
    public record Target(int out, Kind kind, Vnic vnic, Vhba vhba) {}

    private final double bytesPerCycle;
    /** Per output: the cycle at which an ideal output-queued switch would have sent all it was given. */
    private final double[] freeAt;
    private final long[] given;
    private final double[] idle;
    private final List<List<Target>> targets = new ArrayList<>();

    public LineRatePlan(SwitchConfig cfg, List<List<Vnic>> vnicsOf, List<List<Vhba>> vhbasOf) {
        this.bytesPerCycle = cfg.lineBytesPerCycle();
        this.freeAt = new double[cfg.ports()];
        this.given = new long[cfg.ports()];
        this.idle = new double[cfg.ports()];
        for (int p = 0; p < cfg.ports(); p++) {
            List<Target> t = new ArrayList<>();
            if (cfg.isEth(p)) for (Vnic v : vnicsOf.get(p)) t.add(new Target(v.hostPort(), Kind.LAN, v, null));
            else if (cfg.isFc(p)) for (Vhba v : vhbasOf.get(p)) t.add(new Target(v.hostPort(), Kind.SAN, null, v));
            else {
                for (Vnic v : vnicsOf.get(p)) if (v.hostPort() == p) t.add(new Target(v.modulePort(), Kind.EOIB, v, null));
                for (Vhba v : vhbasOf.get(p)) if (v.hostPort() == p) t.add(new Target(v.fcPort(), Kind.FCOIB, null, v));
                for (int h = 0; h < cfg.hostPorts(); h++) if (h != p) t.add(new Target(h, Kind.IB, null, null));
            }
            if (t.isEmpty()) throw new IllegalArgumentException("--pattern balanced: port " + p + " of profile '" + cfg.profile()
                    + "' has nowhere to send (no vNIC, vHBA or other host)");
            targets.add(t);
        }
    }

    /**
     * The destination of input {@code port}'s next frame, whose last byte would arrive at {@code arrival[kind]}
     * (each kind of frame has its size drawn already), at cycle {@code now}. Among the outputs it may reach whose
     * backlog is within {@link #BAND_CYCLES} of the smallest (or, when some output's backlog is below
     * {@link #URGENT_CYCLES}, among those whose backlog is below that): one that this frame keeps busy without a gap, the one that would run dry
     * first; failing that, the one it leaves idle the least. Near ties are broken at random.
     */
    public Target choose(int port, double now, double[] arrival, SplittableRandom r) {
        List<Target> ts = targets.get(port);
        double least = Double.POSITIVE_INFINITY;
        for (Target x : ts) least = Math.min(least, freeAt[x.out()]);
        // an output about to run dry comes first: only outputs as short of work as that compete
        if (least < now + URGENT_CYCLES) least = Math.min(least, now + URGENT_CYCLES - BAND_CYCLES);
        double bestGap = Double.POSITIVE_INFINITY, bestFree = Double.POSITIVE_INFINITY;
        for (Target x : ts) {
            if (freeAt[x.out()] > least + BAND_CYCLES) continue;
            double gap = gap(x, arrival);
            if (gap < bestGap || (gap == bestGap && freeAt[x.out()] < bestFree)) { bestGap = gap; bestFree = freeAt[x.out()]; }
        }
        List<Target> near = new ArrayList<>();
        for (Target x : ts) {
            if (freeAt[x.out()] > least + BAND_CYCLES) continue;
            double gap = gap(x, arrival);
            if (bestGap > 0 ? gap <= bestGap + TIE_CYCLES : gap == 0 && freeAt[x.out()] <= bestFree + TIE_CYCLES) near.add(x);
        }
        return near.get(r.nextInt(near.size()));
    }

    /** Cycles output x would idle waiting for this frame. */
    private double gap(Target x, double[] arrival) { return Math.max(0, arrival[x.kind().ordinal()] - freeAt[x.out()]); }

    /**
     * A frame was sent to output {@code out}: it will have wholly arrived at cycle {@code arrived} and take
     * {@code wireBytes} of that output's wire.
     */
    public void charge(int out, double arrived, int wireBytes) {
        if (arrived > freeAt[out]) idle[out] += arrived - freeAt[out];
        freeAt[out] = Math.max(freeAt[out], arrived) + wireBytes / bytesPerCycle;
        given[out] += wireBytes;
    }

    /** Cycles an ideal output-queued switch would have left {@code out} idle so far (waiting for a whole packet). */
    public double idle(int out) { return idle[out]; }

    /** Output wire bytes given to {@code out} so far. */
    public long given(int out) { return given[out]; }

    /** The cycle by which an ideal output-queued switch would have sent all that {@code out} was given. */
    public double freeAt(int out) { return freeAt[out]; }
}
