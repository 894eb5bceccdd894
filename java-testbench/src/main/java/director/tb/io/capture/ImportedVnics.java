package director.tb.io.capture;

import director.tb.frame.EthernetFrame;
import director.tb.io.InputError;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vnic;
import director.tb.stim.Addressing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The vNIC table of an imported capture without a {@link MacMap} (automatic mapping): every distinct unicast source
 * MAC of the Ethernet frames placed by their MACs becomes a vNIC, in order of first appearance (frames in time
 * order), spread round robin like {@code VnicPlan.standard}: vNIC n on host port n mod hostPorts and the
 * (n mod count)-th 10GbE port, SL 2 + n mod 3, host QP 0x1000 + n, DLID the host port's LID; allowed VLANs: untagged
 * plus every VLAN seen in that MAC's frames.
 */
final class ImportedVnics {
    private ImportedVnics() {
    }

    /** vNIC {@code n} as the import builds it (the bindings given, the rest as VnicPlan.standard). */
    static Vnic vnic(int n, long mac, int[] vlans, int hostPort, int ethPort) {
        return new Vnic(n, mac, vlans, hostPort, ethPort, 2 + n % 3, Addressing.lid(hostPort), 0x1000 + n);
    }

    /** The 10GbE ports of {@code cfg}, in order. */
    static List<Integer> ethPorts(SwitchConfig cfg) {
        List<Integer> eth = new ArrayList<>();
        for (int p = 0; p < cfg.ports(); p++) if (cfg.isEth(p)) eth.add(p);
        return eth;
    }

    /**
     * The automatic table.
     *
     * @param survey the source MACs of the frames placed by MAC
     * @throws InputError naming the frame that brings the (vnics+1)-th MAC, or the 10GbE-less profile
     */
    static List<Vnic> auto(MacSurvey survey, SwitchConfig cfg) {
        List<Integer> eth = ethPorts(cfg);
        List<Vnic> out = new ArrayList<>();
        for (MacSurvey.Sender s : survey.senders()) {
            CapturedFrame f = s.first();
            if (eth.isEmpty())
                throw new InputError(f.file().toString(), f.where(), "src_mac", "an Ethernet frame, but profile '"
                        + cfg.profile() + "' has no 10GbE port (try --profile gateway)");
            int n = out.size();
            if (n == cfg.vnics())
                throw new InputError(f.file().toString(), f.where(), "src_mac", "source MAC "
                        + EthernetFrame.macString(s.mac()) + " would be vNIC " + n + ": the captures have "
                        + survey.senders().size() + " source MACs, the vNIC table of profile '" + cfg.profile()
                        + "' has " + cfg.vnics() + " entries (--set vnics=N, or a MAC map naming fewer)");
            TreeSet<Integer> vlans = new TreeSet<>(Set.of(0));
            for (var v : s.vlanFirst().entrySet())
                if (vlans.add(v.getKey()) && vlans.size() > Vnic.VLAN_SLOTS)
                    throw new InputError(v.getValue().file().toString(), v.getValue().where(), "vlan", "MAC "
                            + EthernetFrame.macString(s.mac()) + " sends on VLANs " + s.vlans() + ": with untagged,"
                            + " more than the " + Vnic.VLAN_SLOTS + " a vNIC allows (a MAC map names the ones to"
                            + " allow)");
            out.add(vnic(n, s.mac(), vlans.stream().mapToInt(Integer::intValue).toArray(), n % cfg.hostPorts(),
                    eth.get(n % eth.size())));
        }
        return out;
    }
}
