package director.tb.stim.trace;

/**
 * One frame of a trace or an imported capture, as it enters the director: its ingress port, its bytes exactly as
 * that port's wire carries them (an IB packet with ICRC and VCRC at a host port; an Ethernet frame with its FCS at a
 * 10GbE port; an FC frame with SOF and EOF codes at an FC port: FcFrame.portBytes), and when it arrives.
 *
 * @param time   arrival time in the trace's unit ({@link TimeBase}): nanoseconds or core cycles, from the trace's start
 * @param origin where it came from, for messages and the per-frame results: {@code file:line} or {@code file#frame}
 */
public record TraceFrame(long time, TimeBase base, int port, byte[] wire, String origin) {
    public enum TimeBase { NS, CYCLE }
}
