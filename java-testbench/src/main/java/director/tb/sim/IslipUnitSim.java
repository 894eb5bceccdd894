package director.tb.sim;

import java.nio.file.Path;

/** The RTL iSLIP scheduler alone: request matrices in, matches out, cycle by cycle. */
public final class IslipUnitSim implements AutoCloseable {
    private final long handle;
    private final int n;

    public IslipUnitSim(Path library, int n) {
        long lib = NativeAbi.open(library);
        byte[] err = new byte[2048];
        this.handle = NativeAbi.unit_create(lib, "islip_unit_create", err, err.length);
        if (handle == 0) throw new SimException("cannot create the iSLIP unit: " + NativeAbi.cString(err));
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
        long[] out = new long[cycles * n];
        if (NativeAbi.unit_step(handle, in, n + 1, out, n, cycles) != 0) {
            byte[] buf = new byte[2048];
            NativeAbi.unit_last_error(handle, buf, buf.length);
            throw new SimException(NativeAbi.cString(buf));
        }
        int[] match = new int[cycles * n];
        for (int k = 0; k < match.length; k++) match[k] = (out[k] & 0x80) != 0 ? (int) (out[k] & 0x3f) : -1;
        return match;
    }

    public void reset() { NativeAbi.unit_reset(handle); }

    @Override
    public void close() { NativeAbi.unit_destroy(handle); }
}
