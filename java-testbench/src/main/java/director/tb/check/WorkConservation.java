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
 *       egress waiting for the VL arbiter, in a module port's decapsulation). Explained for at most
 *       {@link #transitBound} cycles in a row: the pipeline from a match to the first beat on the wire.</li>
 *   <li><b>inputs busy</b>: every input that holds a packet for the output is sending another packet elsewhere (an
 *       input sends one packet at a time, and a packet-mode connection is never broken).</li>
 * </ul>
 * Anything else is <b>unexplained</b>: an input free to send held a packet for a free output and the scheduler did
 * not match them. The design is work conserving when no output has an unexplained cycle and no transit run is
 * longer than its bound.
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

    public boolean conserving(int port) { return unexplained[port] == 0 && transitMaxRun[port] <= transitBound[port]; }

    public boolean conserving() {
        for (int p = 0; p < unexplained.length; p++) if (!conserving(p)) return false;
        return true;
    }

    /** The ports that are not, each with why, e.g. "port 3 (41 unexplained idle cycles)". */
    public List<String> offenders() {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < unexplained.length; p++) {
            if (conserving(p)) continue;
            List<String> why = new ArrayList<>();
            if (unexplained[p] > 0) why.add(unexplained[p] + " unexplained idle cycles");
            if (transitMaxRun[p] > transitBound[p]) why.add("idle " + transitMaxRun[p] + " cycles in a row in transit, bound " + transitBound[p]);
            out.add("port " + p + " (" + String.join(", ", why) + ")");
        }
        return out;
    }
}
