package director.tb.fuzz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Several targets behind one (every target of {@link FuzzTargets#ALL} as {@code all}; the file readers and the codecs
 * as {@code readers} and {@code codecs}): the input's first byte picks the target (its index in the group, modulo
 * their number), the rest is that target's input. Jazzer fuzzes one fuzz target per JVM and a JVM with Jazzer's agent
 * takes seconds to start, so the default test run fuzzes each group in one JVM this way, the two JVMs side by side
 * (the fuzzer's coverage feedback then spends a group's time where inputs still find new paths); counts of the inputs
 * each target ran say how the time was shared. Its seeds are every target's seeds behind the target's byte.
 */
final class AllTargets implements FuzzTarget {
    private final String name;
    private final List<FuzzTarget> targets;
    private final AtomicLongArray runs;
    /** Per target, the 64-bit hashes of the distinct inputs it ran (up to {@link #DISTINCT_CAP}). */
    private final List<Set<Long>> distinct = new ArrayList<>();
    static final int DISTINCT_CAP = 1 << 16;

    AllTargets(String name, List<FuzzTarget> targets) {
        this.name = name;
        this.targets = List.copyOf(targets);
        this.runs = new AtomicLongArray(targets.size());
        for (int i = 0; i < targets.size(); i++) distinct.add(new HashSet<>());
    }

    @Override public String name() { return name; }

    @Override public String description() {
        return targets.stream().map(FuzzTarget::name).collect(java.util.stream.Collectors.joining(", ", "", " in one"))
                + ": the first byte picks the target (index mod " + targets.size() + "), the rest is its input";
    }

    /** The targets, in the order of their first byte. */
    List<FuzzTarget> targets() { return targets; }

    @Override public void fuzz(byte[] input) throws Throwable {
        if (input.length == 0) return;
        int i = (input[0] & 0xFF) % targets.size();
        runs.incrementAndGet(i);
        Set<Long> d = distinct.get(i);
        synchronized (d) {
            if (d.size() < DISTINCT_CAP) d.add(fnv1a(input));
        }
        targets.get(i).fuzz(Arrays.copyOfRange(input, 1, input.length));
    }

    @Override public List<byte[]> seeds(Path repoRoot) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++)
            for (byte[] s : targets.get(i).seeds(repoRoot)) {
                byte[] t = new byte[s.length + 1];
                t[0] = (byte) i;
                System.arraycopy(s, 0, t, 1, s.length);
                out.add(t);
            }
        return out;
    }

    /** The input that runs {@code target} on {@code input}. */
    byte[] inputFor(FuzzTarget target, byte[] input) {
        int i = targets.indexOf(target);
        if (i < 0) throw new IllegalArgumentException(target.name() + " is not one of the targets of '" + name + "'");
        byte[] t = new byte[input.length + 1];
        t[0] = (byte) i;
        System.arraycopy(input, 0, t, 1, input.length);
        return t;
    }

    /**
     * Inputs run per target so far, with how many of them were distinct (counted up to {@value #DISTINCT_CAP}):
     * {@code 52311 inputs run (41877 distinct): trace-csv 3120 (2702), pcap ...}.
     */
    String runs() {
        StringBuilder s = new StringBuilder();
        long total = 0, totalDistinct = 0;
        for (int i = 0; i < targets.size(); i++) {
            long n = runs.get(i), d = distinctOf(i);
            total += n;
            totalDistinct += d;
            s.append(i == 0 ? "" : ", ").append(targets.get(i).name()).append(' ').append(n).append(" (").append(d).append(')');
        }
        return String.format(Locale.ROOT, "%d inputs run (%d distinct): %s", total, totalDistinct, s);
    }

    /** The inputs target {@code name} ran so far. */
    long runsOf(String name) {
        return runs.get(indexOf(name));
    }

    /** The distinct inputs target {@code name} ran so far (counted up to {@value #DISTINCT_CAP}). */
    long distinctOf(String name) {
        return distinctOf(indexOf(name));
    }

    private long distinctOf(int i) {
        Set<Long> d = distinct.get(i);
        synchronized (d) {
            return d.size();
        }
    }

    /** The index of target {@code name}: the first byte of its inputs. */
    int indexOf(String name) {
        for (int i = 0; i < targets.size(); i++) if (targets.get(i).name().equals(name)) return i;
        throw new IllegalArgumentException(name + " is not one of the targets of '" + this.name + "'");
    }

    private static long fnv1a(byte[] b) {
        long h = 0xcbf29ce484222325L;
        for (byte x : b) {
            h ^= x & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
