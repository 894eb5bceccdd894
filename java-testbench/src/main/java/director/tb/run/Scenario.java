package director.tb.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gateway events of a run (docs/gateway.md), in window cycles: vNIC migrations, each rebinding a vNIC to another
 * host port (its DLID and host QP change with it) through the vNIC table while traffic flows.
 */
public record Scenario(List<Migration> migrations) {
    /** From window cycle {@code cycle}, vNIC {@code vnic} lives on host port {@code newHostPort}. */
    public record Migration(long cycle, int vnic, int newHostPort) {
        public Migration {
            if (cycle < 0) throw new IllegalArgumentException("migration: cycle " + cycle + " is negative");
            if (vnic < 0) throw new IllegalArgumentException("migration: vNIC " + vnic + " is negative");
            if (newHostPort < 0) throw new IllegalArgumentException("migration: host port " + newHostPort + " is negative");
        }
    }

    public static final Scenario NONE = new Scenario(List.of());

    public Scenario {
        List<Migration> m = new ArrayList<>(migrations);
        m.sort(Comparator.comparingLong(Migration::cycle));
        migrations = List.copyOf(m);
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
        return new Scenario(m);
    }

    public boolean timed() { return !migrations.isEmpty(); }
}
