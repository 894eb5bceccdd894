package director.tb.stim;

import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;

import java.util.ArrayList;
import java.util.List;

/**
 * The vNIC and vHBA tables a run programs.
 *
 * <p>The vNIC table (docs/gateway.md): every entry used, spread round robin over the host ports and
 * the 10GbE ports. vNIC n: host port n mod hostPorts (its LID, QP 0x1000 + n), 10GbE port number n mod (10GbE
 * ports), MAC 02:0d:00:00:nn:nn, VLANs {untagged, 100 + n mod 4}, SL n mod 16.
 */
public final class VnicPlan {
    private VnicPlan() {}

    public static final long MAC_BASE = 0x020D_0000_0000L;

    public static List<Vnic> standard(SwitchConfig cfg) {
        List<Integer> eth = new ArrayList<>();
        for (int p = 0; p < cfg.ports(); p++) if (cfg.isEth(p)) eth.add(p);
        List<Vnic> out = new ArrayList<>();
        if (eth.isEmpty()) return out;
        for (int n = 0; n < cfg.vnics(); n++) {
            int host = n % cfg.hostPorts();
            out.add(new Vnic(n, MAC_BASE | n, new int[] {0, 100 + n % 4}, host, eth.get(n % eth.size()), 2 + n % 3,
                    Addressing.lid(host), 0x1000 + n));
        }
        return out;
    }

    /** FC addresses of the SAN side: vHBAs in domain 0x01, the SAN's targets in domain 0x02. */
    public static final int VHBA_FCID_BASE = 0x010000, SAN_FCID_BASE = 0x020000;

    /**
     * The vHBA table: every entry used, vHBA m on host port m mod hostPorts (its LID, QP 0x3000 + m), FC port number
     * m mod (FC ports), FC_ID 01:00:mm, SL 5 + (m / hostPorts) mod 3 (so a host port's
     * first three vHBAs are on SLs of their own).
     */
    public static List<Vhba> vhbas(SwitchConfig cfg) {
        List<Integer> fc = new ArrayList<>();
        for (int p = 0; p < cfg.ports(); p++) if (cfg.isFc(p)) fc.add(p);
        List<Vhba> out = new ArrayList<>();
        if (fc.isEmpty()) return out;
        for (int m = 0; m < cfg.vhbas(); m++) {
            int host = m % cfg.hostPorts();
            out.add(new Vhba(m, VHBA_FCID_BASE | m, host, fc.get(m % fc.size()), 5 + (m / cfg.hostPorts()) % 3, Addressing.lid(host), 0x3000 + m));
        }
        return out;
    }

    /** Per port, the vNICs of the standard table bound to it, as host port (their EoIB sources) or as 10GbE port. */
    public static List<List<Vnic>> vnicsByPort(SwitchConfig cfg) {
        List<List<Vnic>> by = new ArrayList<>();
        for (int p = 0; p < cfg.ports(); p++) by.add(new ArrayList<>());
        for (Vnic v : standard(cfg)) {
            by.get(v.hostPort()).add(v);
            by.get(v.modulePort()).add(v);
        }
        return by;
    }

    /** Per port, the vHBAs of the standard table bound to it, as host port (their FCoIB sources) or as FC port. */
    public static List<List<Vhba>> vhbasByPort(SwitchConfig cfg) {
        List<List<Vhba>> by = new ArrayList<>();
        for (int p = 0; p < cfg.ports(); p++) by.add(new ArrayList<>());
        for (Vhba v : vhbas(cfg)) {
            by.get(v.hostPort()).add(v);
            by.get(v.fcPort()).add(v);
        }
        return by;
    }
}
