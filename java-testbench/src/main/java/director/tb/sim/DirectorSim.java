package director.tb.sim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One running director model. Java hands in whole frames (bytes + earliest cycle) and runs the clock in
 * batches; the C++ bus-functional models do every per-cycle handshake. Buffers are allocated once and grow
 * only when a batch needs more.
 */
public final class DirectorSim implements AutoCloseable {
    /** A frame to inject. */
    public record Injection(int port, long id, long earliestCycle, byte[] bytes) {}

    private final long handle;
    private final SimOptions options;
    private ByteBuffer pushBytes = ByteBuffer.allocateDirect(1 << 20);
    private LongBuffer pushMeta = ByteBuffer.allocateDirect(8 * 4 * 4096).order(ByteOrder.nativeOrder()).asLongBuffer();
    private final ByteBuffer popBytes = ByteBuffer.allocateDirect(16 << 20);
    private final LongBuffer popMeta = ByteBuffer.allocateDirect(8 * 4 * 8192).order(ByteOrder.nativeOrder()).asLongBuffer();
    private final long[] status = new long[8];
    private boolean closed;

    private DirectorSim(long handle, SimOptions options) {
        this.handle = handle;
        this.options = options;
    }

    public static DirectorSim create(Path library, SimOptions options) {
        long lib = NativeAbi.open(library);
        byte[] err = new byte[4096];
        long h = NativeAbi.dir_create(lib, options.settingsText(), err, err.length);
        if (h == 0) throw new SimException("cannot create the model from " + library + ": " + NativeAbi.cString(err));
        return new DirectorSim(h, options);
    }

    /**
     * Has the library at {@code library}, built for training a profile-guided model (director.harness.Training), write
     * the counts of what it ran so far to the file it was built to write; false for a library built without counts.
     */
    public static boolean writeProfile(Path library) {
        return NativeAbi.dir_profile_write(NativeAbi.open(library)) == 0;
    }

    public SimOptions options() { return options; }

    public void push(List<Injection> frames) {
        open();
        if (frames.isEmpty()) return;
        long total = 0;
        for (Injection f : frames) total += f.bytes().length;
        if (pushBytes.capacity() < total) pushBytes = ByteBuffer.allocateDirect((int) Math.max(total, pushBytes.capacity() * 2L));
        if (pushMeta.capacity() < 4L * frames.size())
            pushMeta = ByteBuffer.allocateDirect(8 * 4 * Math.max(frames.size(), pushMeta.capacity() / 2)).order(ByteOrder.nativeOrder()).asLongBuffer();
        pushBytes.clear();
        pushMeta.clear();
        for (Injection f : frames) {
            pushBytes.put(f.bytes());
            pushMeta.put(f.port()).put(f.bytes().length).put(f.earliestCycle()).put(f.id());
        }
        pushBytes.flip();  // JNA passes a buffer's address at its position
        pushMeta.flip();
        check(NativeAbi.dir_push(handle, pushBytes, pushMeta, frames.size()));
    }

    public void run(long cycles) {
        open();
        if (cycles < 0) throw new IllegalArgumentException("run: negative cycle count " + cycles);
        check(NativeAbi.dir_run(handle, cycles));
    }

    /** Resets the RTL and the harness: queued frames and unread results are dropped, cycles restart at 0. */
    public void reset() {
        open();
        check(NativeAbi.dir_reset(handle));
    }

    private void open() {
        if (closed) throw new IllegalStateException("this DirectorSim was closed");
    }

    /** Hands every completed egress frame to the consumer, in the order they finished. Returns the count. */
    public int popEgress(Consumer<EgressFrame> sink) {
        open();
        int total = 0;
        while (true) {
            int n = NativeAbi.dir_pop_egress(handle, popBytes, popBytes.capacity(), popMeta, popMeta.capacity() / 4);
            check(n);
            if (n == 0) return total;
            int off = 0;
            for (int i = 0; i < n; i++) {
                int port = (int) popMeta.get(4 * i), len = (int) popMeta.get(4 * i + 1);
                byte[] b = new byte[len];
                popBytes.get(off, b);
                off += len;
                sink.accept(new EgressFrame(port, b, popMeta.get(4 * i + 2), popMeta.get(4 * i + 3)));
            }
            total += n;
        }
    }

    /** Discards completed egress frames, counting them and their bytes per port (for unchecked runs). */
    public int popEgressCounts(long[] framesPerPort, long[] bytesPerPort) {
        int total = 0;
        while (true) {
            int n = NativeAbi.dir_pop_egress(handle, popBytes, popBytes.capacity(), popMeta, popMeta.capacity() / 4);
            check(n);
            if (n == 0) return total;
            for (int i = 0; i < n; i++) {
                int port = (int) popMeta.get(4 * i);
                framesPerPort[port]++;
                bytesPerPort[port] += popMeta.get(4 * i + 1);
            }
            total += n;
        }
    }

    public int popIngress(Consumer<IngressDone> sink) {
        open();
        int total = 0;
        while (true) {
            int n = NativeAbi.dir_pop_ingress(handle, popMeta, popMeta.capacity() / 5);
            check(n);
            if (n == 0) return total;
            for (int i = 0; i < n; i++)
                sink.accept(new IngressDone((int) popMeta.get(5 * i), popMeta.get(5 * i + 1), popMeta.get(5 * i + 2),
                        popMeta.get(5 * i + 3), popMeta.get(5 * i + 4)));
            total += n;
        }
    }

    /** Reads a register; a bus error response is an exception naming the address. */
    public long csrRead(long addr) {
        open();
        long[] r = new long[1];
        int rc = NativeAbi.dir_csr(handle, 0, addr, 0, r);
        if (rc == 1) throw new SimException(String.format("CSR read of 0x%06x: error response (unmapped address)", addr));
        check(rc);
        return r[0];
    }

    /**
     * Reads the registers at {@code addrs} in one burst, a request a cycle (n reads in n + 1 cycles, {@link #csrRead}
     * takes two a read); a bus error response on any is an exception naming the first such address.
     */
    public long[] csrReads(long[] addrs) {
        open();
        long[] r = new long[addrs.length];
        if (addrs.length == 0) return r;
        byte[] err = new byte[addrs.length];
        check(NativeAbi.dir_csr_reads(handle, addrs, addrs.length, r, err));
        for (int i = 0; i < err.length; i++)
            if (err[i] != 0)
                throw new SimException(String.format("CSR read of 0x%06x: error response (unmapped address; read %d of a burst of %d)",
                        addrs[i], i + 1, addrs.length));
        return r;
    }

    public void csrWrite(long addr, long data) {
        open();
        int rc = NativeAbi.dir_csr(handle, 1, addr, data, new long[1]);
        if (rc == 1) throw new SimException(String.format("CSR write of 0x%x to 0x%06x: error response (unmapped, read-only or bad value)", data, addr));
        check(rc);
    }

    public record Status(long cycle, long pendingFrames, boolean idle, long egressPartial, boolean faulted, int ports, int beatBytes) {}

    public Status status() {
        open();
        NativeAbi.dir_status(handle, status, status.length);
        return new Status(status[0], status[1], status[2] != 0, status[3], status[4] != 0, (int) status[5], (int) status[6]);
    }

    /** Bytes moved so far, beat by beat: [2p] taken at ingress port p, [2p+1] delivered at egress port p. */
    public long[] portBytes() {
        long[] out = new long[2 * status().ports()];
        NativeAbi.dir_port_bytes(handle, out, out.length);
        return out;
    }

    /** The harness's per-port meters since reset (wire bytes, idle cycles and their work-conservation split). */
    public PortMeters meters() {
        int ports = status().ports();
        long[] out = new long[PortMeters.Meter.values().length * ports];
        int n = NativeAbi.dir_meters(handle, out, out.length);
        if (n != out.length)
            throw new SimException("the model library counts " + n / ports + " meters per port, the testbench knows "
                    + PortMeters.Meter.values().length + ": rebuild the model (scripts/director build)");
        return new PortMeters(ports, out);
    }

    /**
     * Sets how fast the egress link partner of {@code port} consumes data VL {@code vl} (docs/virtual-lanes.md):
     * {@code -1} as soon as each packet is in (the default), {@code 0} stopped (no credits come back), n > 0 blocks
     * per 1000 cycles. Takes effect from the next cycle.
     */
    public void partner(int port, int vl, long blocksPerKiloCycle) {
        check(NativeAbi.dir_partner(handle, port, vl, blocksPerKiloCycle));
    }

    /** Records FST waves of cycles [from, to] (needs a tracing build). */
    public void waves(Path fst, long from, long to) {
        check(NativeAbi.dir_waves(handle, fst.toAbsolutePath().toString(), from, to));
    }

    /** Writes the cover points counted so far to {@code dat} (Verilator's coverage format; needs a coverage build). */
    public void coverage(Path dat) {
        check(NativeAbi.dir_coverage(handle, dat.toAbsolutePath().toString()));
    }

    private void check(int rc) {
        if (rc >= 0) return;
        byte[] buf = new byte[8192];
        NativeAbi.dir_last_error(handle, buf, buf.length);
        String msg = NativeAbi.cString(buf);
        Status s = status();
        if (s.faulted()) throw new SimFault(msg, s.cycle(), options.seed(), SimFault.portIn(msg));
        throw new SimException(msg);
    }

    @Override
    public void close() {
        if (!closed) {
            NativeAbi.dir_destroy(handle);
            closed = true;
        }
    }
}
