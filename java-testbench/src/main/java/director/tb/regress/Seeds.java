package director.tb.regress;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The seeds of a regression, all derived from one run seed: the seed of test T's k-th run is a SplitMix64 mix of
 * (run seed, T's name, k), so the same run seed gives the same seeds to every test whatever the plan's order or
 * its other tests, and a whole regression reruns exactly. Seeds are non-negative 63-bit values (the CLI's --seed).
 */
public final class Seeds {
    private Seeds() {}

    /** A new run seed, for {@code --reseed}. */
    public static long fresh() {
        return new SecureRandom().nextLong() & Long.MAX_VALUE;
    }

    /** The seed of run {@code k} (0-based) of test {@code test} under {@code runSeed}. */
    public static long of(long runSeed, String test, int k) {
        long h = 0xcbf29ce484222325L;  // FNV-1a of the test's name
        for (byte b : test.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(mix(runSeed ^ mix(h)) + k) & Long.MAX_VALUE;
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
