package director.tb.stim.trace;

/**
 * One row of a CSV trace (docs/traces.md): a frame described by the fields that matter for its protocol. Optional
 * columns are null when the row leaves them empty. {@link FrameFactory} turns a row into the bytes its ingress port's
 * wire carries.
 *
 * @param file     the trace file (for messages)
 * @param line     the row's line number in the file (1 = the header)
 * @param time     arrival time: nanoseconds or core cycles from the trace's start, as the header names it
 * @param port     ingress port
 * @param protocol what enters the port: ib (a host's IB packet), eoib (a host's Ethernet frame through a vNIC),
 *                 fcoib (a host's FC frame through a vHBA), eth (a LAN frame at a 10GbE port), fc (a SAN frame at an FC port)
 * @param dlid     ib: destination LID
 * @param sl       ib: service level (default 0)
 * @param qp       ib: destination QP (default 1)
 * @param dstMac   eth, eoib: destination MAC (48 bits)
 * @param srcMac   eth, eoib: source MAC; for eoib the vNIC's MAC (it names the vNIC)
 * @param vlan     eth, eoib: VLAN id (0 or empty: untagged)
 * @param dId      fc, fcoib: destination FC_ID (24 bits)
 * @param sId      fc, fcoib: source FC_ID; for fcoib the vHBA's FC_ID (it names the vHBA)
 * @param size     ib: payload bytes; eth, eoib: Ethernet frame bytes with FCS (as on the LAN); fc, fcoib: FC data
 *                 field bytes. May be empty when payload is given.
 * @param payload  the payload bytes (hex in the file), or null
 * @param seed     a seed for generated payload bytes, or null (one of payload and seed, or neither: seed = line)
 */
public record TraceRow(String file, long line, long time, TraceFrame.TimeBase base, int port, Protocol protocol,
                       Integer dlid, Integer sl, Integer qp, Long dstMac, Long srcMac, Integer vlan, Integer dId, Integer sId,
                       Integer size, byte[] payload, Long seed) {
    public enum Protocol {
        IB, EOIB, FCOIB, ETH, FC;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** {@code file: line N} for messages. */
    public String where() { return "line " + line; }
}
