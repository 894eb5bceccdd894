package director.tb.check;

import director.tb.model.DropReason;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fate of every frame of a run, for the per-frame results (replay's CSV): where and when it went in, what the
 * golden model predicted (outputs, or a drop and its reason), where and when each copy came out, and the verdict.
 * Fed by the {@link Checker}; kept only when asked for (a random run of millions of frames does not need it).
 */
public final class FrameLog {
    public enum Verdict {
        /** Every predicted copy came out, bit for bit. */
        DELIVERED_EXACT("delivered exact"),
        /** Dropped for the reason the golden model predicted, and counted by the RTL. */
        DROPPED("dropped"),
        /** A copy came out different from the prediction, or out of order. */
        MISMATCH("mismatch"),
        /** A predicted copy never came out. */
        LOST("lost"),
        /** Not yet taken in by the director when the run ended. */
        NOT_TAKEN("not taken");

        public final String label;

        Verdict(String label) { this.label = label; }
    }

    /** One copy out of the director. */
    public record Egress(int port, long firstCycle, long lastCycle) {}

    public static final class Entry {
        public final long id;
        public final int inPort;
        public final long earliestCycle;
        public final String origin;
        public long ingressFirst = -1, ingressLast = -1;
        public DropReason drop;
        public int expectedCopies;
        public final List<Egress> egress = new ArrayList<>(1);
        public boolean mismatch;

        Entry(long id, int inPort, long earliestCycle, String origin) {
            this.id = id;
            this.inPort = inPort;
            this.earliestCycle = earliestCycle;
            this.origin = origin;
        }

        public Verdict verdict() {
            if (mismatch) return Verdict.MISMATCH;
            if (ingressLast < 0 && drop == null && expectedCopies == 0) return Verdict.NOT_TAKEN;
            if (drop != null && expectedCopies == 0) return Verdict.DROPPED;
            return egress.size() >= expectedCopies ? Verdict.DELIVERED_EXACT : Verdict.LOST;
        }

        /** Cycles from the first beat in to the last beat of the last copy out, or -1. */
        public long latency() {
            if (egress.isEmpty() || ingressFirst < 0) return -1;
            long last = 0;
            for (Egress e : egress) last = Math.max(last, e.lastCycle());
            return last - ingressFirst;
        }
    }

    private final Map<Long, Entry> entries = new LinkedHashMap<>();

    void injected(long id, int port, long earliestCycle, String origin) {
        entries.put(id, new Entry(id, port, earliestCycle, origin));
    }

    void ingress(long id, long first, long last) {
        Entry e = entries.get(id);
        if (e != null) { e.ingressFirst = first; e.ingressLast = last; }
    }

    void predicted(long id, DropReason drop) {
        Entry e = entries.get(id);
        if (e == null) return;
        if (drop != null) e.drop = drop;
        else e.expectedCopies++;
    }

    void delivered(long id, int port, long first, long last) {
        Entry e = entries.get(id);
        if (e != null) e.egress.add(new Egress(port, first, last));
    }

    void mismatched(long id) {
        Entry e = entries.get(id);
        if (e != null) e.mismatch = true;
    }

    public Collection<Entry> entries() { return entries.values(); }

    public Entry get(long id) { return entries.get(id); }
}
