package director.tb.sim;

import java.nio.file.Path;

/**
 * A unit-level RTL block behind its own harness (iSLIP scheduler, VL arbiter): words in, words out, cycle by
 * cycle, in batches. The word layout belongs to the unit's top (see its Scala and C++ sources).
 */
public final class UnitSim implements AutoCloseable {
    private final long handle;
    private final int inWords, outWords;
    private boolean closed;

    public UnitSim(Path library, String factory, int inWords, int outWords) {
        long lib = NativeAbi.open(library);
        byte[] err = new byte[2048];
        this.handle = NativeAbi.unit_create(lib, factory, err, err.length);
        if (handle == 0) throw new SimException("cannot create the unit " + factory + " from " + library + ": " + NativeAbi.cString(err));
        this.inWords = inWords;
        this.outWords = outWords;
    }

    /** Runs in.length / inWords cycles; returns outWords words per cycle. */
    public long[] step(long[] in) {
        if (closed) throw new IllegalStateException("this unit was closed");
        if (in.length % inWords != 0) throw new IllegalArgumentException("input of " + in.length + " words is not whole cycles of " + inWords);
        int cycles = in.length / inWords;
        long[] out = new long[cycles * outWords];
        if (NativeAbi.unit_step(handle, in, inWords, out, outWords, cycles) != 0) {
            byte[] buf = new byte[2048];
            NativeAbi.unit_last_error(handle, buf, buf.length);
            throw new SimException(NativeAbi.cString(buf));
        }
        return out;
    }

    public void reset() { NativeAbi.unit_reset(handle); }

    @Override
    public void close() {
        if (!closed) {
            NativeAbi.unit_destroy(handle);
            closed = true;
        }
    }
}
