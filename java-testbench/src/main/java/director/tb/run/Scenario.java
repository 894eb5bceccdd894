package director.tb.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gateway settings and events of a run (docs/gateway.md): vNIC policers set before traffic starts, and vNIC
 * migrations in window cycles, each rebinding a vNIC to another host port (its DLID and host QP change with it)
 * through the vNIC table while traffic flows.
 */
public record Scenario(List<Migration> migrations, java.util.Map<Integer, director.tb.model.gateway.Policer> policers) {
    /** From window cycle {@code cycle}, vNIC {@code vnic} lives on host port {@code newHostPort}. */
    public record Migration(long cycle, int vnic, int newHostPort) {
        public Migration {
            if (cycle < 0) throw new IllegalArgumentException("migration: cycle " + cycle + " is negative");
            if (vnic < 0) throw new IllegalArgumentException("migration: vNIC " + vnic + " is negative");
            if (newHostPort < 0) throw new IllegalArgumentException("migration: host port " + newHostPort + " is negative");
        }
    }

    public static final Scenario NONE = new Scenario(List.of(), java.util.Map.of());

    public Scenario {
        List<Migration> m = new ArrayList<>(migrations);
        m.sort(Comparator.comparingLong(Migration::cycle));
        migrations = List.copyOf(m);
        policers = java.util.Map.copyOf(policers);
    }

    /**
     * The CLI's {@code --scenario qos}: every vNIC policed at CIR = PIR = (n mod 4 + 1) x 400 Mb/s, scaled down
     * where the vNICs of one host port or of one 10GbE port would add up to more than 90% of that line (the
     * datasheet's condition for a 5% accurate CIR), CBS = PBS = eight frames of {@code ethMaxFrameBytes}: under
     * overload each vNIC's delivered rate should be its CIR.
     */
    public static Scenario qos(List<director.tb.model.gateway.Vnic> vnics, double lineGbps, int ethMaxFrameBytes) {
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
        return new Scenario(List.of(), p);
    }

    public Scenario with(Scenario other) {
        List<Migration> m = new ArrayList<>(migrations);
        m.addAll(other.migrations);
        java.util.Map<Integer, director.tb.model.gateway.Policer> p = new java.util.TreeMap<>(policers);
        p.putAll(other.policers);
        return new Scenario(m, p);
    }

    /**
     * The CLI's {@code --scenario migration}: every vNIC moves to the next host port, one vNIC every
     * {@code window / (2 x vnics)} cycles through the middle half of the window, so frames to each vNIC cross the
     * switch before, during and after its move.
     */
    public static Scenario migrationOfEveryVnic(long window, int vnics, int hostPorts, List<Integer> hostOf) {
        List<Migration> m = new ArrayList<>();
        for (int n = 0; n < vnics; n++)
            m.add(new Migration(window / 4 + n * (window / 2) / Math.max(1, vnics), n, (hostOf.get(n) + 1) % hostPorts));
        return new Scenario(m, java.util.Map.of());
    }

    /** The checker must predict each frame when its last beat is in: the tables change, or policers meter time. */
    public boolean timed() { return !migrations.isEmpty() || policers.values().stream().anyMatch(director.tb.model.gateway.Policer::enabled); }
}
