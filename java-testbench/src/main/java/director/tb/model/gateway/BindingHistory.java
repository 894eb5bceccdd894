package director.tb.model.gateway;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A binding table (vNICs or vHBAs) as it was at every cycle: per entry index, its value from each commit cycle on
 * (a decision in a later cycle sees it; null = invalid). Commits of one entry come in cycle order.
 */
final class BindingHistory<T> {
    private final Map<Integer, TreeMap<Long, T>> byIndex = new TreeMap<>();

    /** Entry {@code index} is {@code value} for decisions after {@code cycle} (Long.MIN_VALUE: from the start). */
    void put(int index, long cycle, T value) { byIndex.computeIfAbsent(index, k -> new TreeMap<>()).put(cycle, value); }

    /** Entry {@code index} as a decision in cycle {@code cycle} sees it (null: invalid or never written). */
    T at(int index, long cycle) {
        TreeMap<Long, T> h = byIndex.get(index);
        if (h == null) return null;
        var e = h.lowerEntry(cycle);
        return e == null ? null : e.getValue();
    }

    /** Indices ever written, in order (the lowest-numbered match wins where several entries match). */
    Set<Integer> indices() { return byIndex.keySet(); }
}
