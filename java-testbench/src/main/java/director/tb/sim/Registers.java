package director.tb.sim;

import director.rtl.csr.CsrMap;
import director.tb.model.gateway.Policer;
import director.tb.model.gateway.Shaper;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.model.vlarb.VlTables;

import java.util.ArrayList;
import java.util.List;

/**
 * The register layer of the director (as OpenTitan's DV keeps a generated register model): every table the run
 * programs is written here by name, never as a raw address. Addresses and field layouts come from the RTL's
 * {@link CsrMap} (and the table records' {@code csrWrites}, which use it). {@link Listener}s (the golden model's
 * predictor) hear every write as a typed event, so the register file and the reference model are programmed by one
 * call and cannot drift.
 */
public final class Registers {
    /** Hears typed register writes: the golden model follows the RTL's tables through this. */
    public interface Listener {
        default void route(int lid, int port) {}
        default void sl2vl(int in, int out, long table) {}
        /** A vNIC entry committed in model cycle {@code cycle} (the cycle before the write of word 3 is taken). */
        default void vnic(long cycle, Vnic v) {}
        default void vhba(long cycle, Vhba v) {}
        default void policer(int vnic, Policer p) {}
        default void shaper(int vhba, Shaper s) {}
    }

    private final DirectorSim sim;
    private final List<Listener> listeners = new ArrayList<>();

    public Registers(DirectorSim sim) { this.sim = sim; }

    public Registers listen(Listener l) {
        if (l != null) listeners.add(l);
        return this;
    }

    private List<long[]> journal;

    /** From now on every register write is also appended to {@code out} as {address, value} (null: no longer). */
    public Registers journal(List<long[]> out) {
        journal = out;
        return this;
    }

    private void write(int addr, long value) {
        sim.csrWrite(addr, value);
        if (journal != null) journal.add(new long[] {addr, value});
    }

    private void write(long[] addrValue) { write((int) addrValue[0], addrValue[1]); }

    /** Forwarding table: packets to {@code lid} leave by {@code port}. */
    public void route(int lid, int port) {
        write(CsrMap.lftAddr(lid), (1L << CsrMap.LftValidBit()) | port);
        for (Listener l : listeners) l.route(lid, port);
    }

    /** iSLIP iterations per cycle (SCHED_ITERS). */
    public void schedIterations(int k) { write(CsrMap.SchedItersAddr(), k); }

    /** The scheduler matches one cycle in {@code n} (SCHED_PERIOD, 1..64; 1 at reset): above 1 a lazy scheduler. */
    public void schedPeriod(int n) { write(CsrMap.SchedPeriodAddr(), n); }

    /** The SL-to-VL table of (in, out): VL of SL s in bits 4s+3..4s. */
    public void sl2vl(int in, int out, long table) {
        write(CsrMap.sl2vlAddr(in, out), table);
        for (Listener l : listeners) l.sl2vl(in, out, table);
    }

    /** VL arbitration High/Low tables and limit of output {@code port}. */
    public void vlTables(int port, VlTables t) {
        for (long[] w : t.csrWrites(port)) write(w);
    }

    /**
     * A vNIC entry: words 0-2 are staged, word 3 commits the entry in the cycle it is taken. Returns that cycle (the
     * model cycle before the write), which the listeners are told.
     */
    public long vnic(Vnic v) {
        long commit = commit(v.csrWrites());
        for (Listener l : listeners) l.vnic(commit, v);
        return commit;
    }

    public long vhba(Vhba v) {
        long commit = commit(v.csrWrites());
        for (Listener l : listeners) l.vhba(commit, v);
        return commit;
    }

    private long commit(long[][] w) {
        for (int k = 0; k < w.length - 1; k++) write(w[k]);
        long commit = sim.status().cycle();
        write(w[w.length - 1]);
        return commit;
    }

    public void policer(int vnic, Policer p) {
        long[] w = p.words();
        for (int k = 0; k < w.length; k++) write(CsrMap.policerAddr(vnic, k), w[k]);
        for (Listener l : listeners) l.policer(vnic, p);
    }

    public void shaper(int vhba, Shaper s) {
        long[] w = s.words();
        for (int k = 0; k < w.length; k++) write(CsrMap.shaperAddr(vhba, k), w[k]);
        for (Listener l : listeners) l.shaper(vhba, s);
    }

    // ---- counters (read only) ----

    /** Per-port counters in CSR order ({@link CsrMap#counterNames()}), read in one burst. */
    public long[] portCounters(int port) {
        long[] addrs = new long[CsrMap.counterCount()];
        for (int k = 0; k < addrs.length; k++) addrs[k] = CsrMap.counterAddr(port, k);
        return sim.csrReads(addrs);
    }

    /** Per-port gateway counters, indexed by n (only {@code CsrMap.GwCounter.used} are read, in one burst; the rest stay 0). */
    public long[] gatewayCounters(int port) {
        List<Object> used = scala.jdk.javaapi.CollectionConverters.asJava(CsrMap.GwCounter$.MODULE$.used());
        long[] addrs = new long[used.size()];
        for (int i = 0; i < addrs.length; i++) addrs[i] = CsrMap.gwCounterAddr(port, (Integer) used.get(i));
        long[] read = sim.csrReads(addrs), c = new long[CsrMap.GwCounterStride()];
        for (int i = 0; i < addrs.length; i++) c[(Integer) used.get(i)] = read[i];
        return c;
    }

    /** The per-VL counters {@code ns} of VL {@code vl} at {@code port}, in one burst, in the order of {@code ns}. */
    public long[] vlCounters(int port, int vl, int[] ns) {
        long[] addrs = new long[ns.length];
        for (int i = 0; i < ns.length; i++) addrs[i] = CsrMap.vlCounterAddr(port, vl, ns[i]);
        return sim.csrReads(addrs);
    }
}
