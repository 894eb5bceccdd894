package director.tb.sched;

import director.tb.sim.IslipUnitSim;
import director.tb.sim.Models;

import java.nio.file.Path;

/**
 * The RTL iSLIP scheduler (Verilated {@code IslipUnit}, elaborated for up to 4 iterations) behind {@link Matcher}:
 * one model cycle per slot, the iterations on its input.
 */
public final class RtlMatcher implements Matcher {
    /** The iterations the unit is elaborated for; each slot runs 1..this many. */
    public static final int MAX_ITERATIONS = 4;

    private final IslipUnitSim unit;
    private final int iterations;

    /** The unit's library for n ports: from the model cache, or built (Chisel + Verilator) the first time. */
    public static Path library(int n) { return Models.islipUnit(n, MAX_ITERATIONS); }

    public RtlMatcher(Path library, int n, int iterations) {
        if (iterations < 1 || iterations > MAX_ITERATIONS)
            throw new IllegalArgumentException("iterations = " + iterations + " out of range 1.." + MAX_ITERATIONS);
        this.unit = new IslipUnitSim(library, n);
        this.iterations = iterations;
    }

    @Override
    public int[] match(long[] rows) { return unit.step(rows, iterations, 1); }

    @Override
    public void reset() { unit.reset(); }

    @Override
    public void close() { unit.close(); }
}
