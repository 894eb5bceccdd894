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
 * @param payload  the payload bytes (hex in the file), or null: ib: the IB payload; eth, eoib: the frame's bytes
 *                 after the source MAC and the 802.1Q tag, i.e. the EtherType (2 bytes) and the data, without the
 *                 FCS; fc, fcoib: the FC data field
 * @param seed     a seed for generated payload bytes, or null (one of payload and seed, or neither: seed = line)
 */
public record TraceRow(String file, long line, long time, TraceFrame.TimeBase base, int port, Protocol protocol,
                       Integer dlid, Integer sl, Integer qp, Long dstMac, Long srcMac, Integer vlan, Integer dId, Integer sId,
                       Integer size, byte[] payload, Long seed) {
    public enum Protocol {
        IB, EOIB, FCOIB, ETH, FC;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** {@code line N} for messages. */
    public String where() { return "line " + line; }

    /** Bytes an Ethernet frame has besides its EtherType and data: two MACs and the FCS (an 802.1Q tag adds 4). */
    public static final int ETH_FRAMING_BYTES = 12 + 4;

    /**
     * The size (in the {@code size} column's meaning, see the class comment) that {@code payloadBytes} payload bytes
     * make: ib, fc, fcoib: the payload bytes themselves; eth, eoib: the payload is the frame's EtherType and data,
     * so the size adds the MACs, the FCS and, when {@code vlan} is set and not 0, the 4-byte 802.1Q tag.
     */
    public static int sizeOf(Protocol protocol, Integer vlan, int payloadBytes) {
        return switch (protocol) {
            case IB, FC, FCOIB -> payloadBytes;
            case ETH, EOIB -> payloadBytes + ETH_FRAMING_BYTES + (tagged(vlan) ? 4 : 0);
        };
    }

    /** The payload bytes a frame of {@code size} has ({@link #sizeOf} the other way round). */
    public static int payloadBytesOf(Protocol protocol, Integer vlan, int size) {
        return switch (protocol) {
            case IB, FC, FCOIB -> size;
            case ETH, EOIB -> size - ETH_FRAMING_BYTES - (tagged(vlan) ? 4 : 0);
        };
    }

    /** An Ethernet frame of this VLAN carries an 802.1Q tag: vlan set and not 0. */
    public static boolean tagged(Integer vlan) { return vlan != null && vlan != 0; }

    /** The row's size: the size column, or the size its payload makes. */
    public int frameSize() { return size != null ? size : sizeOf(protocol, vlan, payload.length); }
}
