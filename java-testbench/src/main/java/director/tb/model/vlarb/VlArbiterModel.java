package director.tb.model.vlarb;

/**
 * Decision model of the per-port InfiniBand VL arbiter (IBTA vol. 1, 7.6.9). It is the golden
 * model the RTL arbiter is compared with decision by decision, so it follows
 * {@code docs/vl-arbiter.md} literally:
 *
 * <ul>
 *   <li>An entry (vl, weight) is <i>usable</i> when weight &gt; 0 and vl &lt; dataVls, and
 *       <i>eligible</i> when also {@code has[vl] && fits[vl]}.</li>
 *   <li>One decision: VL15 first if waiting (no state change). Otherwise try High then Low when
 *       {@code hpOpen} or limit = 255, else Low then High. Trying a table: the current entry i
 *       continues its turn while eligible and {@code used < weight * 64}; otherwise the first
 *       eligible of i+1, ..., i+entries-1 and then i again starts a new turn (used = 0). The
 *       chosen packet is added to used in full (overshoot allowed).</li>
 *   <li>High packet with limit != 255: {@code hpLeft = max(0, hpLeft - b)}, closing
 *       {@code hpOpen} at 0; preceded by a reload when {@code hpOpen} was false. Low packet:
 *       reload. No packet while {@code hpOpen} was false: reload.
 *       Reload = {@code hpLeft = limit * 4096, hpOpen = true}.</li>
 * </ul>
 *
 * A spent current entry that is the only eligible one starts a fresh turn, so a table never
 * stalls while one of its VLs can send.
 *
 * <p>Tables and limit may be changed between decisions without touching the state;
 * {@link #setLimit} in particular does not reload {@code hpLeft}. Not thread-safe.
 */
public final class VlArbiterModel {
    /** Largest number of data VLs. */
    public static final int MAX_DATA_VLS = 15;
    /** Largest table length. */
    public static final int MAX_ENTRIES = 64;
    /** The management lane, which bypasses the tables. */
    public static final int VL15 = 15;
    /** Length of the per-VL input arrays. */
    public static final int NUM_VLS = 16;
    /** LimitOfHighPriority value meaning unlimited. */
    public static final int UNLIMITED = 255;
    /** Bytes per weight unit. */
    public static final int WEIGHT_UNIT = 64;
    /** Bytes per LimitOfHighPriority unit. */
    public static final int LIMIT_UNIT = 4096;
    /** Largest packet length in bytes. */
    public static final int MAX_PACKET_BYTES = 8191;

    /** Where a decision's packet came from. */
    public enum Table { VL15, HIGH, LOW }

    /** One arbitration result: the VL to send and the table (or VL15 bypass) that chose it. */
    public record Decision(int vl, Table table) { }

    /** One arbitration table with its current entry and bytes used on it. */
    private static final class Arb {
        final int[] vl;
        final int[] weight;
        int index;
        int used;

        Arb(int entries) {
            vl = new int[entries];
            weight = new int[entries];
        }

        /** Whether the entry found last starts a new turn (used restarts at 0). */
        boolean newTurn;

        /** The entry that sends (step 2), or -1; changes nothing but {@link #newTurn}. */
        int find(int dataVls, boolean[] has, boolean[] fits) {
            int n = vl.length;
            newTurn = false;
            if (eligible(index, dataVls, has, fits) && used < weight[index] * WEIGHT_UNIT) return index;
            newTurn = true;
            for (int d = 1; d <= n; d++) {
                int e = (index + d) % n;
                if (eligible(e, dataVls, has, fits)) return e;
            }
            return -1;
        }

        private boolean eligible(int e, int dataVls, boolean[] has, boolean[] fits) {
            return weight[e] > 0 && vl[e] < dataVls && has[vl[e]] && fits[vl[e]];
        }

        /** Sends b bytes on entry e (step 5): a new turn starts at used 0. */
        void take(int e, int b) {
            if (newTurn) {
                index = e;
                used = 0;
            }
            used += b;
        }
    }

    private final int dataVls;
    private final int entries;
    private final Arb high;
    private final Arb low;
    private int limit;
    private int hpLeft;
    private boolean hpOpen;

    /**
     * Creates an arbiter with all entries (vl 0, weight 0), limit 0 and the state after reset.
     *
     * @param dataVls number of data VLs, 1..15
     * @param entries length of each table, 1..64
     * @throws IllegalArgumentException naming the parameter and value when out of range
     */
    public VlArbiterModel(int dataVls, int entries) {
        this.dataVls = check("dataVls", dataVls, 1, MAX_DATA_VLS);
        this.entries = check("entries", entries, 1, MAX_ENTRIES);
        this.high = new Arb(entries);
        this.low = new Arb(entries);
        reset();
    }

    /** Sets High entry k to (vl, weight); the arbiter state is not touched. */
    public void setHigh(int k, int vl, int weight) {
        setEntry(high, k, vl, weight);
    }

    /** Sets Low entry k to (vl, weight); the arbiter state is not touched. */
    public void setLow(int k, int vl, int weight) {
        setEntry(low, k, vl, weight);
    }

    /**
     * Sets LimitOfHighPriority, 0..255 (255 = unlimited). Does <b>not</b> reload {@code hpLeft}:
     * the new limit takes effect at the next reload or {@link #reset()}.
     */
    public void setLimit(int limit) {
        this.limit = check("limit", limit, 0, UNLIMITED);
    }

    /**
     * State as after reset: indices and used 0, {@code hpLeft = limit * 4096} with the current
     * limit, hpOpen true. Tables and limit are kept.
     */
    public void reset() {
        high.index = 0;
        high.used = 0;
        low.index = 0;
        low.used = 0;
        reload();
    }

    /**
     * Makes one arbitration decision at a packet boundary and applies its state updates.
     *
     * @param has   per VL 0..15: a packet is waiting at the head
     * @param bytes per VL: that packet's length, 1..8191 (checked only where {@code has})
     * @param fits  per VL: the packet fits the VL's credits (ignored for VL15)
     * @return the VL and table chosen, or null when no packet is sent
     * @throws IllegalArgumentException on arrays not of length 16 or a bad length
     */
    public Decision decide(boolean[] has, int[] bytes, boolean[] fits) {
        checkInputs(has, bytes, fits);
        if (has[VL15]) {
            return new Decision(VL15, Table.VL15);
        }
        boolean wasOpen = hpOpen;
        Arb first = wasOpen || limit == UNLIMITED ? high : low;
        Arb t = first;
        int e = t.find(dataVls, has, fits);
        if (e < 0) {
            t = first == high ? low : high;
            e = t.find(dataVls, has, fits);
        }
        if (e < 0) {
            if (!wasOpen) {
                reload();
            }
            return null;
        }
        int vl = t.vl[e];
        int b = bytes[vl];
        t.take(e, b);
        if (t == low) {
            reload();
            return new Decision(vl, Table.LOW);
        }
        if (!wasOpen) {
            reload();
        }
        if (limit != UNLIMITED) {
            hpLeft = Math.max(0, hpLeft - b);
            if (hpLeft == 0) {
                hpOpen = false;
            }
        }
        return new Decision(vl, Table.HIGH);
    }

    /** Number of data VLs. */
    public int dataVls() {
        return dataVls;
    }

    /** Length of each table. */
    public int entries() {
        return entries;
    }

    /** Current LimitOfHighPriority. */
    public int limit() {
        return limit;
    }

    /** Current High entry. */
    public int hiIndex() {
        return high.index;
    }

    /** Current Low entry. */
    public int loIndex() {
        return low.index;
    }

    /** Bytes sent on the current High entry. */
    public int hiUsed() {
        return high.used;
    }

    /** Bytes sent on the current Low entry. */
    public int loUsed() {
        return low.used;
    }

    /** Bytes of high-priority allowance left. */
    public int hpLeft() {
        return hpLeft;
    }

    /** Whether High may go first. */
    public boolean hpOpen() {
        return hpOpen;
    }

    /** The state, for error messages. */
    @Override
    public String toString() {
        return "VlArbiterModel{hiIndex=" + high.index + ", hiUsed=" + high.used
                + ", loIndex=" + low.index + ", loUsed=" + low.used
                + ", hpLeft=" + hpLeft + ", hpOpen=" + hpOpen + ", limit=" + limit + "}";
    }

    private void reload() {
        hpLeft = limit * LIMIT_UNIT;
        hpOpen = true;
    }

    private void setEntry(Arb t, int k, int vl, int weight) {
        check("k", k, 0, entries - 1);
        check("vl", vl, 0, VL15);
        check("weight", weight, 0, 255);
        t.vl[k] = vl;
        t.weight[k] = weight;
    }

    private static void checkInputs(boolean[] has, int[] bytes, boolean[] fits) {
        if (has == null || has.length != NUM_VLS) {
            throw new IllegalArgumentException("has must have length " + NUM_VLS);
        }
        if (bytes == null || bytes.length != NUM_VLS) {
            throw new IllegalArgumentException("bytes must have length " + NUM_VLS);
        }
        if (fits == null || fits.length != NUM_VLS) {
            throw new IllegalArgumentException("fits must have length " + NUM_VLS);
        }
        for (int v = 0; v < NUM_VLS; v++) {
            if (has[v]) {
                check("bytes[" + v + "]", bytes[v], 1, MAX_PACKET_BYTES);
            }
        }
    }

    private static int check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " = " + value + " out of range " + min + ".." + max);
        }
        return value;
    }
}
