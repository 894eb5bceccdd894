package director.tb.sim;

import java.nio.file.Path;

/** The RTL iSLIP scheduler alone: request matrices in, matches out, cycle by cycle. */
public final class IslipUnitSim implements AutoCloseable {
    private final UnitSim unit;
    private final int n;

    public IslipUnitSim(Path library, int n) {
        this.unit = new UnitSim(library, "islip_unit_create", n + 1, n);
        this.n = n;
    }

    /**
     * Runs {@code cycles} cycles with {@code iterations} iSLIP iterations. {@code req[c*n + i]} is the request row
     * of input i in cycle c (bit j = output j); returns per cycle and input the matched output or -1.
     */
    public int[] step(long[] req, int iterations, int cycles) {
        long[] in = new long[cycles * (n + 1)];
        for (int c = 0; c < cycles; c++) {
            System.arraycopy(req, c * n, in, c * (n + 1), n);
            in[c * (n + 1) + n] = iterations;
        }
        long[] out = unit.step(in);
        int[] match = new int[cycles * n];
        for (int k = 0; k < match.length; k++) match[k] = (out[k] & 0x80) != 0 ? (int) (out[k] & 0x3f) : -1;
        return match;
    }

    public void reset() { unit.reset(); }

    @Override
    public void close() { unit.close(); }
}
