package director.tb.stim.workload;

import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.stim.Addressing;
import director.tb.stim.Mix;
import director.tb.stim.VnicPlan;
import director.tb.stim.trace.TraceRow.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Who a flow goes from and to, with the standard vNIC and vHBA tables ({@link VnicPlan}):
 * <ul>
 *   <li>a host port picks by the mix (as {@link Mix}): eoib from one of its vNICs (source MAC the vNIC's, destination
 *       a LAN MAC 0a:00:xx:xx:xx:xx, one of the vNIC's VLANs), fcoib from one of its vHBAs (S_ID its FC_ID, D_ID a SAN
 *       target 02:00:xx), else ib to another host port (its LID, SL 0-15 for an IB-only mix, else 0-1 as the random
 *       traffic does, a random destination QP); a host with no vNIC (vHBA) sends ib instead;</li>
 *   <li>a 10GbE port sends eth to one of its vNICs (destination MAC the vNIC's, source a LAN MAC 0a:00:pp:xx:xx:xx,
 *       one of the vNIC's VLANs), an FC port fc to one of its vHBAs (D_ID its FC_ID, S_ID a SAN target);</li>
 *   <li>a module port with no vNIC (vHBA) bound to it sends nothing.</li>
 * </ul>
 */
final class FlowEndpoints {
    /** A LAN MAC: locally administered 0a:00:.., unicast. */
    static final long LAN_MAC_BASE = 0x0A00_0000_0000L;

    /** The fields of every frame of one flow; the boxed values are shared by its rows. */
    record Flow(Protocol protocol, Integer dlid, Integer sl, Integer qp, Long dstMac, Long srcMac, Integer vlan,
                Integer dId, Integer sId) {
        boolean tagged() { return vlan != null && vlan != 0; }
    }

    private final SwitchConfig cfg;
    private final Mix mix;
    private final List<List<Vnic>> vnicsOf = new ArrayList<>();
    private final List<List<Vhba>> vhbasOf = new ArrayList<>();

    FlowEndpoints(SwitchConfig cfg, Mix mix) {
        this.cfg = cfg;
        this.mix = mix;
        vnicsOf.addAll(VnicPlan.vnicsByPort(cfg));
        vhbasOf.addAll(VnicPlan.vhbasByPort(cfg));
    }

    /** Whether port p has anyone to send to. */
    boolean sends(int p) {
        if (cfg.isEth(p)) return !vnicsOf.get(p).isEmpty();
        if (cfg.isFc(p)) return !vhbasOf.get(p).isEmpty();
        return cfg.isHost(p);
    }

    /** The protocols port p's flows can use (for the longest flow's duration). */
    List<Protocol> protocols(int p) {
        if (cfg.isEth(p)) return List.of(Protocol.ETH);
        if (cfg.isFc(p)) return List.of(Protocol.FC);
        return List.of(Protocol.IB, Protocol.EOIB, Protocol.FCOIB);
    }

    /** A new flow's endpoints from port p (which {@link #sends}). */
    Flow pick(int p, SplittableRandom r) {
        if (cfg.isEth(p)) {
            Vnic v = any(vnicsOf.get(p), r);
            long src = LAN_MAC_BASE | ((long) p << 24) | r.nextInt(1 << 24);
            return new Flow(Protocol.ETH, null, null, null, v.mac(), src, v.vlans()[r.nextInt(v.vlans().length)], null, null);
        }
        if (cfg.isFc(p)) {
            Vhba v = any(vhbasOf.get(p), r);
            return new Flow(Protocol.FC, null, null, null, null, null, null, v.fcId(), VnicPlan.SAN_FCID_BASE | r.nextInt(256));
        }
        double m = r.nextDouble();
        if (m < mix.eth() && !vnicsOf.get(p).isEmpty()) {
            Vnic v = any(vnicsOf.get(p), r);
            long dst = LAN_MAC_BASE | r.nextInt(1 << 24);
            return new Flow(Protocol.EOIB, null, null, null, dst, v.mac(), v.vlans()[r.nextInt(v.vlans().length)], null, null);
        }
        if (m >= mix.eth() && m < mix.eth() + mix.fc() && !vhbasOf.get(p).isEmpty()) {
            Vhba v = any(vhbasOf.get(p), r);
            return new Flow(Protocol.FCOIB, null, null, null, null, null, null, VnicPlan.SAN_FCID_BASE | r.nextInt(256), v.fcId());
        }
        int hosts = cfg.hostPorts();
        int dst = hosts == 1 ? p : r.nextInt(hosts - 1);
        if (hosts > 1 && dst >= p) dst++;
        int sl = mix.ibOnly() ? r.nextInt(16) : r.nextInt(2);
        return new Flow(Protocol.IB, Addressing.lid(dst), sl, 1 + r.nextInt(0xFFFFFE), null, null, null, null, null);
    }

    private static <T> T any(List<T> list, SplittableRandom r) {
        return list.get(r.nextInt(list.size()));
    }
}
