package director.tb.check;

import director.tb.model.SwitchConfig;
import director.tb.run.WindowMeters;
import director.tb.sim.PortMeters.Meter;

import java.util.ArrayList;
import java.util.List;

/**
 * Work conservation, measured (docs/work-conservation.md). The harness counts, per output, the cycles its link
 * could take a beat and got none although there was work for it: a whole packet for it in some input, on a VL
 * whose credit at the partner covers any packet, or one ready in its egress. The RTL tells why, cycle by cycle, and
 * the design explains two reasons:
 * <ul>
 *   <li><b>in transit</b>: a packet is on its way to the output (matched this cycle, crossing the crossbar, in the
 *       egress, in a module port's decapsulation). The pipeline from a match to the first beat on the wire takes
 *       {@link #transitBound} cycles; longer runs happen when the packet waits inside the output for a reason of its
 *       own: the VL arbitration tables give its VL no turn (a configuration), or a 10GbE port's way out holds a frame
 *       turning round into its own way in while that frame store takes a LAN frame (docs/gateway.md). The longest run
 *       is reported per port ({@link #transitBeyondPipeline}); the RTL does not yet tell these apart from a slow
 *       egress, so a long run is shown, not failed.</li>
 *   <li><b>inputs busy</b>: every input that holds a packet for the output is sending another packet elsewhere (an
 *       input sends one packet at a time, and a packet-mode connection is never broken).</li>
 * </ul>
 * Anything else is <b>unexplained</b>: an input free to send held a packet for a free output and the scheduler did
 * not match them. The design is work conserving when no output has an unexplained cycle.
 */
public record WorkConservation(long[] idleWithWork, long[] transit, long[] inputsBusy, long[] unexplained, long[] transitMaxRun,
                               int[] transitBound) {
    /**
     * The longest idle run in transit the pipeline explains, in cycles: an InfiniBand output needs a cycle to match, one
     * for the first beat to reach its lane queue, one for the VL arbiter, one through the link FIFO and one through the
     * VCRC stage; a 10GbE output then strips the EoIB headers (four beats) and passes a queue and the local switch, an
     * FC output strips the FCoIB headers and realigns the frame. The bounds leave a few cycles of margin.
     */
    public static int transitBound(SwitchConfig cfg, int port) {
        return cfg.isEth(port) || cfg.isFc(port) ? 24 : 8;
    }

    public static WorkConservation of(WindowMeters w, SwitchConfig cfg) {
        int n = w.meters().ports();
        int[] bound = new int[n];
        for (int p = 0; p < n; p++) bound[p] = transitBound(cfg, p);
        var m = w.meters();
        return new WorkConservation(m.column(Meter.IDLE_WITH_WORK), m.column(Meter.IDLE_TRANSIT), m.column(Meter.IDLE_INPUTS_BUSY),
                m.column(Meter.IDLE_UNEXPLAINED), m.column(Meter.TRANSIT_MAX_RUN), bound);
    }

    /** No unexplained idle cycle (a transit run longer than the pipeline is reported, not judged: see the class comment). */
    public boolean conserving(int port) { return unexplained[port] == 0; }

    /** The longest in-transit idle run was longer than the match-to-wire pipeline alone. */
    public boolean transitBeyondPipeline(int port) { return transitMaxRun[port] > transitBound[port]; }

    public boolean conserving() {
        for (int p = 0; p < unexplained.length; p++) if (!conserving(p)) return false;
        return true;
    }

    /** The ports that are not, each with why, e.g. "port 3 (41 unexplained idle cycles)". */
    public List<String> offenders() {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < unexplained.length; p++) {
            if (conserving(p)) continue;
            out.add("port " + p + " (" + unexplained[p] + " unexplained idle cycles)");
        }
        return out;
    }
}
