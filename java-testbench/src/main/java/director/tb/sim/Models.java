package director.tb.sim;

import director.harness.ModelBuild;
import director.rtl.params.DirectorParams;
import director.rtl.top.Elaborate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Models for given parameters, from the cache or built: the Chisel generator runs in this JVM
 * (Scala-Java interop) only when the cache has no model for the RTL + parameters + flags.
 */
public final class Models {
    private Models() {}

    private static String rtlCodeHash;

    /** A hash of the generator's class files (and the Chisel/firtool versions behind them). */
    public static synchronized String rtlCodeHash() {
        if (rtlCodeHash == null) {
            StringBuilder sb = new StringBuilder();
            sb.append(hashCodeSource(Elaborate.class)).append('\n');
            sb.append(location(chisel3.Module.class).getFileName()).append('\n');
            sb.append(location(circt.stage.ChiselStage.class).getFileName()).append('\n');
            sb.append(String.join(",", Elaborate.firtoolOptions())).append('\n');
            rtlCodeHash = ModelBuild.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return rtlCodeHash;
    }

    /** The director model library for these parameters; the tracing variant when {@code trace}. */
    public static Path director(DirectorParams p, boolean trace) {
        int bytesBits = 32 - Integer.numberOfLeadingZeros(p.beatBytes());  // log2Ceil(beatBytes + 1)
        Map<String, String> defines = Map.of(
                "DIR_PORTS", Integer.toString(p.ports()),
                "DIR_BEAT_BYTES", Integer.toString(p.beatBytes()),
                "DIR_BYTES_BITS", Integer.toString(bytesBits));
        return ModelBuild.library(new ModelBuild.Spec("DirectorTop", rtlCodeHash() + "\n" + p.describe(),
                () -> Elaborate.director(p), "director_harness.cpp", defines, trace));
    }

    /** The iSLIP scheduler alone, n ports. */
    public static Path islipUnit(int n, int iterations) {
        return ModelBuild.library(new ModelBuild.Spec("IslipUnit", rtlCodeHash() + "\nislip n=" + n + " iterations=" + iterations,
                () -> Elaborate.islipUnit(n, iterations), "islip_unit.cpp", Map.of("UNIT_N", Integer.toString(n)), false));
    }

    /** Writes the director's SystemVerilog to a file, only when its content changed. Returns true if written. */
    public static boolean writeSystemVerilog(DirectorParams p, Path file) {
        return ModelBuild.writeIfChanged(file, Elaborate.director(p));
    }

    private static Path location(Class<?> c) {
        try {
            return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hashCodeSource(Class<?> c) {
        Path loc = location(c);
        StringBuilder sb = new StringBuilder();
        try {
            if (Files.isDirectory(loc)) {
                try (var walk = Files.walk(loc)) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList())
                        sb.append(loc.relativize(f)).append('=').append(ModelBuild.sha256(Files.readAllBytes(f))).append('\n');
                }
            } else {
                try (JarFile jar = new JarFile(loc.toFile())) {
                    List<JarEntry> entries = new ArrayList<>(Collections.list(jar.entries()));
                    entries.sort(Comparator.comparing(JarEntry::getName));
                    for (JarEntry e : entries) {
                        if (e.isDirectory() || e.getName().startsWith("META-INF/")) continue;
                        try (InputStream in = jar.getInputStream(e)) {
                            sb.append(e.getName()).append('=').append(ModelBuild.sha256(in.readAllBytes())).append('\n');
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SimException("cannot read the RTL generator's classes at " + loc + ": " + e.getMessage());
        }
        return ModelBuild.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
