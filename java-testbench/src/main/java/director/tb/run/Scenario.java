package director.tb.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gateway settings and events of a run (docs/gateway.md): vNIC policers and vHBA shapers set before traffic starts,
 * and migrations in window cycles, each rebinding a vNIC or a vHBA to another host port (its DLID and host QP change
 * with it) through its table while traffic flows.
 */
public record Scenario(List<Migration> migrations, java.util.Map<Integer, director.tb.model.gateway.Policer> policers,
                       java.util.Map<Integer, director.tb.model.gateway.Shaper> shapers) {
    /** What a migration moves. */
    public enum Kind { VNIC("vNIC"), VHBA("vHBA");
        public final String label;
        Kind(String label) { this.label = label; }
    }

    /** From window cycle {@code cycle}, the vNIC or vHBA {@code index} lives on host port {@code newHostPort}. */
    public record Migration(long cycle, Kind kind, int index, int newHostPort) {
        public Migration {
            if (cycle < 0) throw new IllegalArgumentException("migration: cycle " + cycle + " is negative");
            if (index < 0) throw new IllegalArgumentException("migration: " + kind.label + " " + index + " is negative");
            if (newHostPort < 0) throw new IllegalArgumentException("migration: host port " + newHostPort + " is negative");
        }
    }

    public static final Scenario NONE = new Scenario(List.of(), java.util.Map.of(), java.util.Map.of());

    public Scenario {
        List<Migration> m = new ArrayList<>(migrations);
        m.sort(Comparator.comparingLong(Migration::cycle));
        migrations = List.copyOf(m);
        policers = java.util.Map.copyOf(policers);
        shapers = java.util.Map.copyOf(shapers);
    }

    /**
     * The CLI's {@code --scenario qos}: every vNIC policed at CIR = PIR = (n mod 4 + 1) x 400 Mb/s, scaled down
     * where the vNICs of one host port or of one 10GbE port would add up to more than 90% of that line (the
     * datasheet's condition for a 5% accurate CIR), CBS = PBS = eight frames of {@code ethMaxFrameBytes}: under
     * overload each vNIC's delivered rate should be its CIR.
     *
     * <p>And the first three vHBAs of each host port (each on an SL of its own, so on a queue of its own: see
     * {@link #shapedVhbas}) shaped at CIR = (m mod 2 + 1) units, a unit such that every vHBA of an FC port, shaped or
     * not, at that many units adds up to {@link #SHAPED_SHARE} of its line (and those of a host port to at most 90%
     * of it); PIR = CIR, CBS = four and
     * PBS = one of the largest FC frame (2,142 bytes on the wire), so no vHBA bursts by more than a frame and their
     * sum never overruns the FC port: under overload each one leaves at its CIR and loses nothing.
     */
    public static Scenario qos(List<director.tb.model.gateway.Vnic> vnics, List<director.tb.model.gateway.Vhba> vhbas,
                               int hostPorts, double lineGbps, int ethMaxFrameBytes) {
        java.util.Map<Integer, Double> host = new java.util.HashMap<>(), module = new java.util.HashMap<>();
        for (var v : vnics) {
            host.merge(v.hostPort(), (v.index() % 4 + 1) * 400_000.0, Double::sum);
            module.merge(v.modulePort(), (v.index() % 4 + 1) * 400_000.0, Double::sum);
        }
        java.util.Map<Integer, director.tb.model.gateway.Policer> p = new java.util.TreeMap<>();
        double line = 0.9 * lineGbps * 1e6;
        for (var v : vnics) {
            double scale = Math.min(1.0, Math.min(line / host.get(v.hostPort()), line / module.get(v.modulePort())));
            long cir = (long) Math.floor((v.index() % 4 + 1) * 400_000 * scale);
            p.put(v.index(), new director.tb.model.gateway.Policer(cir, cir, 8L * ethMaxFrameBytes, 8L * ethMaxFrameBytes));
        }
        // shares of the FC port's and the host port's line counted over every vHBA on them, shaped or not
        java.util.Map<Integer, Double> fcUnits = new java.util.HashMap<>(), hostUnits = new java.util.HashMap<>();
        for (var h : vhbas) {
            fcUnits.merge(h.fcPort(), h.index() % 2 + 1.0, Double::sum);
            hostUnits.merge(h.hostPort(), h.index() % 2 + 1.0, Double::sum);
        }
        java.util.Map<Integer, director.tb.model.gateway.Shaper> s = new java.util.TreeMap<>();
        for (var h : shapedVhbas(vhbas, hostPorts)) {
            double unit = Math.min(SHAPED_SHARE * lineGbps * 1e6 / fcUnits.get(h.fcPort()), line / hostUnits.get(h.hostPort()));
            long cir = (long) Math.floor((h.index() % 2 + 1) * unit);
            s.put(h.index(), new director.tb.model.gateway.Shaper(cir, cir, 4L * director.tb.model.gateway.GatewayModel.FC_MAX_PORT_BYTES, director.tb.model.gateway.GatewayModel.FC_MAX_PORT_BYTES));
        }
        return new Scenario(List.of(), p, s);
    }

    /**
     * The share of an FC port's line the vHBA shapers of {@code --scenario qos} add up to. At 90% (the policers' share)
     * the FC port runs near saturation (the CIRs do not count the 30 bytes of wire overhead a frame, nor the unshaped
     * vHBA): frames wait there behind others, their shaper's tokens pile up, and the 0.75 Gb/s vHBAs of the gateway
     * profile were measured 1-4% over their CIR after catching up; at 80% they keep it within 0.6%.
     */
    public static final double SHAPED_SHARE = 0.8;

    /**
     * The vHBAs {@code --scenario qos} shapes: the first three of each host port ({@code VnicPlan.vhbas} gives them
     * SLs 5, 6, 7). A shaper holds back the queue its vHBA's frames wait in (per host port, VL and FC port): a vHBA
     * sharing that queue with another shaped one would be held to the slower one's pace too.
     */
    public static List<director.tb.model.gateway.Vhba> shapedVhbas(List<director.tb.model.gateway.Vhba> vhbas, int hostPorts) {
        return vhbas.stream().filter(h -> h.index() < 3 * hostPorts).toList();
    }

    public Scenario with(Scenario other) {
        List<Migration> m = new ArrayList<>(migrations);
        m.addAll(other.migrations);
        java.util.Map<Integer, director.tb.model.gateway.Policer> p = new java.util.TreeMap<>(policers);
        p.putAll(other.policers);
        java.util.Map<Integer, director.tb.model.gateway.Shaper> s = new java.util.TreeMap<>(shapers);
        s.putAll(other.shapers);
        return new Scenario(m, p, s);
    }

    /**
     * The CLI's {@code --scenario migration}: every vNIC and every vHBA moves to the next host port, one every
     * {@code window / (2 x (vnics + vhbas))} cycles through the middle half of the window (vNICs and vHBAs taking
     * turns), so frames to each cross the switch before, during and after its move.
     */
    public static Scenario migrationOfEveryEntry(long window, int hostPorts, List<Integer> vnicHost, List<Integer> vhbaHost) {
        List<Migration> m = new ArrayList<>();
        int total = vnicHost.size() + vhbaHost.size(), k = 0;
        for (int n = 0; n < Math.max(vnicHost.size(), vhbaHost.size()); n++) {
            if (n < vnicHost.size()) m.add(new Migration(window / 4 + k++ * (window / 2) / Math.max(1, total), Kind.VNIC, n, (vnicHost.get(n) + 1) % hostPorts));
            if (n < vhbaHost.size()) m.add(new Migration(window / 4 + k++ * (window / 2) / Math.max(1, total), Kind.VHBA, n, (vhbaHost.get(n) + 1) % hostPorts));
        }
        return new Scenario(m, java.util.Map.of(), java.util.Map.of());
    }

    /** The checker must predict each frame when its last beat is in: the tables change, or policers meter time. */
    public boolean timed() { return !migrations.isEmpty() || policers.values().stream().anyMatch(director.tb.model.gateway.Policer::enabled); }
}
