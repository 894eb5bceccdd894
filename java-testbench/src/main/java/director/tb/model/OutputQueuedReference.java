package director.tb.model;

import java.util.Arrays;

/**
 * The yardstick of every crossbar scheduler (spec/scheduling.md): an ideal output-queued switch with
 * unlimited buffers, store-and-forward like the director, each output sending at line rate in the order
 * packets finished arriving. For a window it says how many bytes each output would have put on the wire;
 * a switch that matches it has 100% throughput for that traffic, whatever the traffic's own burstiness.
 */
public final class OutputQueuedReference {
    private final int ports;
    private final double bytesPerCycle;
    private double[] arrive = new double[1024];
    private int[] out = new int[1024];
    private int[] len = new int[1024];
    private int[] overhead = new int[1024];
    private int[] inWire = new int[1024];
    private int n;

    public OutputQueuedReference(int ports, double lineBytesPerCycle) {
        this.ports = ports;
        this.bytesPerCycle = lineBytesPerCycle;
    }

    /** A forwarded packet that starts arriving at {@code earliestCycle} at line pace. */
    public void add(int outPort, long earliestCycle, int bytes) { add(outPort, earliestCycle, bytes, bytes, 0); }

    /**
     * A forwarded packet whose {@code inWireBytes} start arriving at {@code earliestCycle} at line pace and that
     * leaves as {@code outBytes} plus {@code outOverhead} bytes of wire time (a module port changes the frame's
     * form; Ethernet adds 20 bytes of preamble and gap). Only {@code outBytes} count as delivered.
     */
    public void add(int outPort, long earliestCycle, int inWireBytes, int outBytes, int outOverhead) {
        if (n == arrive.length) {
            arrive = Arrays.copyOf(arrive, n * 2);
            out = Arrays.copyOf(out, n * 2);
            len = Arrays.copyOf(len, n * 2);
            overhead = Arrays.copyOf(overhead, n * 2);
            inWire = Arrays.copyOf(inWire, n * 2);
        }
        arrive[n] = earliestCycle + inWireBytes / bytesPerCycle;
        out[n] = outPort;
        len[n] = outBytes;
        overhead[n] = outOverhead;
        inWire[n] = inWireBytes;
        n++;
    }

    /**
     * What the traffic asked of each output over cycles [from, to): the output wire bytes (frame plus overhead) of
     * the packets arriving in it, a packet counted pro rata to the part of its arrival inside the window. Divided by
     * the window's line bytes it is the output's load: above 1 the traffic is not admissible there.
     */
    public double[] wireDemand(long from, long to) {
        double[] d = new double[ports];
        for (int k = 0; k < n; k++) {
            double wire = len[k] + overhead[k];
            double dur = inWire[k] / bytesPerCycle, start = arrive[k] - dur;
            double overlap = Math.max(0, Math.min(arrive[k], to) - Math.max(start, from));
            d[out[k]] += dur <= 0 ? (arrive[k] >= from && arrive[k] < to ? wire : 0) : wire * overlap / dur;
        }
        return d;
    }

    /** Bytes each output of the ideal switch has sent by {@code windowEnd} (a packet in flight counts pro rata). */
    public long[] deliveredBy(long windowEnd) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(arrive[x], arrive[y]));
        double[] free = new double[ports];
        double[] sent = new double[ports];
        for (int k : order) {
            int o = out[k];
            double start = Math.max(arrive[k], free[o]);
            double wire = len[k] + overhead[k];
            free[o] = start + wire / bytesPerCycle;
            sent[o] += Math.min(wire, Math.max(0, (windowEnd - start) * bytesPerCycle)) * len[k] / wire;
        }
        long[] r = new long[ports];
        for (int o = 0; o < ports; o++) r[o] = (long) Math.floor(sent[o]);
        return r;
    }
}
