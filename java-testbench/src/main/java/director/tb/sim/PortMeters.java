package director.tb.sim;

/**
 * The harness's per-port meters (verilator-harness sim_api.h, {@code SimMeter}, same order), counted from reset;
 * {@link #minus} gives those of a window. An egress link is idle in a cycle when it could take a beat and the
 * switch offered none; work conservation (docs/work-conservation.md) splits the idle cycles that had work for the
 * port by what explains them.
 */
public record PortMeters(int ports, long[] values) {
    public enum Meter {
        IN_WIRE_BYTES, OUT_WIRE_BYTES, IDLE, IDLE_WITH_WORK, IDLE_TRANSIT, IDLE_INPUTS_BUSY, IDLE_UNEXPLAINED,
        TRANSIT_MAX_RUN, IN_FRAMES, OUT_FRAMES
    }

    public long get(int port, Meter m) { return values[port * Meter.values().length + m.ordinal()]; }

    /** These meters less an earlier snapshot: the window between them (a maximum run is kept as it is). */
    public PortMeters minus(PortMeters earlier) {
        long[] d = values.clone();
        int k = Meter.values().length;
        for (int i = 0; i < d.length; i++)
            if (i % k != Meter.TRANSIT_MAX_RUN.ordinal()) d[i] -= earlier.values[i];
        return new PortMeters(ports, d);
    }

    public long[] column(Meter m) {
        long[] c = new long[ports];
        for (int p = 0; p < ports; p++) c[p] = get(p, m);
        return c;
    }
}
