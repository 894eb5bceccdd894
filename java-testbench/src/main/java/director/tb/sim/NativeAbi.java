package director.tb.sim;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import director.harness.ModelBuild;

import java.nio.ByteBuffer;
import java.nio.LongBuffer;

/**
 * JNA direct mapping of the stable C ABI (verilator-harness dispatch.cpp). Every call takes a handle; bulk
 * data crosses in direct buffers, whole frames per call, never one signal per cycle.
 */
final class NativeAbi {
    private NativeAbi() {}

    private static boolean loaded;

    static synchronized void load() {
        if (loaded) return;
        NativeLibrary lib = NativeLibrary.getInstance(ModelBuild.dispatcher().toAbsolutePath().toString());
        Native.register(NativeAbi.class, lib);
        loaded = true;
    }

    static native long dir_open(String path, byte[] err, int errcap);
    /** {@code settings}: "name=value" lines (director.harness.HarnessSetting), see SimOptions#settingsText. */
    static native long dir_create(long lib, String settings, byte[] err, int errcap);
    static native void dir_destroy(long h);
    static native int dir_push(long h, ByteBuffer bytes, LongBuffer meta, int n);
    static native int dir_run(long h, long cycles);
    static native int dir_reset(long h);
    static native int dir_pop_egress(long h, ByteBuffer buf, long cap, LongBuffer meta, int max);
    static native int dir_pop_ingress(long h, LongBuffer meta, int max);
    static native int dir_csr(long h, int write, long addr, long wdata, long[] rdata);
    static native int dir_csr_reads(long h, long[] addrs, int n, long[] rdata, byte[] err);
    static native int dir_status(long h, long[] out, int n);
    static native int dir_port_bytes(long h, long[] out, int n);
    static native int dir_meters(long h, long[] out, int n);
    static native int dir_last_error(long h, byte[] buf, int cap);
    static native int dir_waves(long h, String path, long from, long to);
    static native int dir_partner(long h, int port, int vl, long rate);
    static native int dir_coverage(long h, String path);
    /** A library built for training (director.harness.Training) writes its counts; -1 for any other library. */
    static native int dir_profile_write(long lib);

    static native long unit_create(long lib, String factory, byte[] err, int errcap);
    static native void unit_destroy(long h);
    static native int unit_step(long h, long[] in, int inWords, long[] out, int outWords, int cycles);
    static native int unit_reset(long h);
    static native int unit_last_error(long h, byte[] buf, int cap);

    static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final java.util.Map<String, Long> opened = new java.util.HashMap<>();

    /** dlopen a model library once per JVM. */
    static synchronized long open(java.nio.file.Path lib) {
        load();
        String key = lib.toAbsolutePath().toString();
        Long h = opened.get(key);
        if (h != null) return h;
        if (!java.nio.file.Files.isRegularFile(lib)) throw new SimException("model library " + key + " does not exist");
        byte[] err = new byte[2048];
        long handle = dir_open(key, err, err.length);
        if (handle == 0) throw new SimException(cString(err));
        opened.put(key, handle);
        return handle;
    }
}
