package director.tb.run;

import director.tb.sim.PortMeters;
import director.tb.sim.PortMeters.Meter;

/**
 * The harness's per-port meters over model cycles [from, to): the window after its warm-up. Wire rates count what
 * the wire carries: an InfiniBand packet's bytes, an Ethernet frame plus preamble, SFD and gap (20 bytes), an FC frame
 * plus SOF/EOF ordered sets and idles (30 bytes).
 */
public record WindowMeters(long from, long to, PortMeters meters, double[] demandWire) {
    /**
     * Output {@code port}'s load: the wire bytes the traffic asked of it in the window over what its line carries
     * (null demand, without a golden model: NaN).
     */
    public double demandRatio(int port, double lineBytesPerCycle) {
        return demandWire == null ? Double.NaN : demandWire[port] / (cycles() * lineBytesPerCycle);
    }

    public long cycles() { return to - from; }

    public double gbps(long bytes, double nsPerCycle) { return bytes * 8.0 / (cycles() * nsPerCycle); }

    public double inGbps(int port, double nsPerCycle) { return gbps(meters.get(port, Meter.IN_WIRE_BYTES), nsPerCycle); }

    public double outGbps(int port, double nsPerCycle) { return gbps(meters.get(port, Meter.OUT_WIRE_BYTES), nsPerCycle); }

    /** Gb/s into the director over all ports, as the wires count. */
    public double aggregateInGbps(double nsPerCycle) { return gbps(RunResult.sum(meters.column(Meter.IN_WIRE_BYTES)), nsPerCycle); }

    /** Gb/s out of the director over all ports, as the wires count. */
    public double aggregateOutGbps(double nsPerCycle) { return gbps(RunResult.sum(meters.column(Meter.OUT_WIRE_BYTES)), nsPerCycle); }
}
