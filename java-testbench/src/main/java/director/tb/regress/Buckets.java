package director.tb.regress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failures triaged: runs that failed with the same signature (the first failure with its numbers taken out) are one
 * bucket, whatever the test or seed; the biggest bucket first, each with the runs in it and the first one's
 * reproduce command.
 */
public final class Buckets {
    private Buckets() {}

    /** One signature and the failing runs that share it. */
    public record Bucket(String signature, List<Outcome> runs) {
        public Outcome first() { return runs.get(0); }
    }

    public static List<Bucket> of(List<Outcome> outcomes) {
        Map<String, List<Outcome>> by = new LinkedHashMap<>();
        for (Outcome o : outcomes) if (!o.passed()) by.computeIfAbsent(o.signature(), k -> new ArrayList<>()).add(o);
        List<Bucket> out = new ArrayList<>();
        by.forEach((sig, runs) -> out.add(new Bucket(sig, List.copyOf(runs))));
        out.sort(Comparator.comparingInt((Bucket b) -> -b.runs().size()).thenComparing(Bucket::signature));
        return out;
    }
}
