package director.tb.check;

import director.tb.run.GatewayStats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's latencies (first byte in to last byte out, cycles, as {@link LatencyStats}) split two ways: by the virtual
 * lane a frame left on, for frames delivered on an InfiniBand link (LRH.VL of the delivered packet; an Ethernet or FC
 * frame out of a module port carries no VL), and by the protocol it was delivered as.
 */
public final class LatencyGroups {
    /** What a delivered frame was on the wire of its output port. */
    public enum Protocol {
        IB("ib", "InfiniBand host to host"),
        EOIB("eoib", "EoIB to a host (from the LAN, or vNIC to vNIC)"),
        FCOIB("fcoib", "FCoIB to a host (from the SAN)"),
        ETH("eth", "Ethernet to the LAN (from a host's vNIC)"),
        FC("fc", "FC to the SAN (from a host's vHBA)");

        public final String key, label;

        Protocol(String key, String label) { this.key = key; this.label = label; }

        /** The protocol a gateway path delivers as. */
        public static Protocol of(GatewayStats.Proto p) {
            return switch (p) {
                case IB -> IB;
                case ETH_TO_SERVER, ETH_LOCAL -> EOIB;
                case FC_TO_SERVER -> FCOIB;
                case ETH_TO_LAN -> ETH;
                case FC_TO_SAN -> FC;
            };
        }
    }

    private final Map<Integer, LatencyStats> byVl = new TreeMap<>();
    private final Map<Protocol, LatencyStats> byProtocol = new EnumMap<>(Protocol.class);

    /** One delivered frame's latency; {@code vl} -1 when it left on a module port (no VL on that wire). */
    public void add(int vl, Protocol protocol, long cycles) {
        if (vl >= 0) byVl.computeIfAbsent(vl, k -> new LatencyStats()).add(cycles);
        byProtocol.computeIfAbsent(protocol, k -> new LatencyStats()).add(cycles);
    }

    /** Per VL with at least one frame, in VL order. */
    public Map<Integer, LatencyStats> byVl() { return Collections.unmodifiableMap(byVl); }

    /** Per protocol with at least one frame, in the enum's order. */
    public Map<Protocol, LatencyStats> byProtocol() { return Collections.unmodifiableMap(byProtocol); }
}
