package director.harness;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Model builds compile through ccache when it is on PATH, with hits across model folders, and the cache key is unchanged. */
@Tag("fast")
class ModelBuildCcacheTest {
    private static ModelBuild.Spec spec() {
        return new ModelBuild.Spec("DirectorTop", "rtl", () -> "module DirectorTop; endmodule\n", "director_harness.cpp",
                Map.of("DIR_PORTS", "8"), Map.of("director_ports.h", "#pragma once\n"), false, 1);
    }

    /** The value after {@code flag} in a command line. */
    private static String after(List<String> cmd, String flag) {
        int i = cmd.indexOf(flag);
        assertTrue(i >= 0 && i + 1 < cmd.size(), flag + " in " + cmd);
        return cmd.get(i + 1);
    }

    @Test
    void withCcacheMakeCompilesThroughIt(@TempDir Path root) {
        Path work = root.resolve("models").resolve("DirectorTop-0123.building");
        List<String> with = ModelBuild.verilatorCommand(spec(), work, "libDirectorTop.so", ModelBuild.makeFlags(true));
        List<String> without = ModelBuild.verilatorCommand(spec(), work, "libDirectorTop.so", ModelBuild.makeFlags(false));
        assertEquals(ModelBuild.MAKEFLAGS + " OBJCACHE=ccache", after(with, "-MAKEFLAGS"));
        assertEquals(ModelBuild.MAKEFLAGS, after(without, "-MAKEFLAGS"));
        assertFalse(String.join(" ", without).contains("OBJCACHE"), without.toString());
        // the rest of the line is the same: only the make variable differs
        List<String> rest = new java.util.ArrayList<>(with);
        rest.set(with.indexOf("-MAKEFLAGS") + 1, ModelBuild.MAKEFLAGS);
        assertEquals(without, rest);
        // the compile lines name files inside the model's folder by absolute path: what CCACHE_BASEDIR makes relative
        assertTrue(after(with, "-CFLAGS").contains("-I" + work.resolve("cpp").toAbsolutePath()), after(with, "-CFLAGS"));
        // the SystemVerilog file by its name only: Verilator writes it into the C++ ($fatal, assertion messages), and an
        // absolute path there would differ in every model folder (no ccache hit for those files)
        assertTrue(with.contains("DirectorTop.sv"), with.toString());
        assertFalse(with.stream().anyMatch(a -> a.endsWith("/DirectorTop.sv")), with.toString());
    }

    @Test
    void theEnvironmentPointsCcacheAtTheModelsFolderAndItsOwnCache(@TempDir Path root) throws Exception {
        Map<String, String> env = ModelBuild.ccacheEnvironment(root);
        Path models = root.resolve("models").toAbsolutePath().normalize();
        assertEquals(models.toString(), env.get("CCACHE_BASEDIR"));
        // every model's build folder is under the base folder, so its absolute paths hash the same in every model
        assertTrue(models.resolve("DirectorTop-0123.building").startsWith(Path.of(env.get("CCACHE_BASEDIR"))));
        assertEquals(root.resolve("ccache").toAbsolutePath().normalize().toString(), env.get("CCACHE_DIR"));
        assertEquals("5G", env.get("CCACHE_MAXSIZE"));
        ModelBuild.ccacheConfig(root);
        String conf = Files.readString(root.resolve("ccache").resolve("ccache.conf"));
        assertTrue(conf.contains("max_size = 5G"), conf);
    }

    @Test
    void ccacheIsFoundOnPathOnlyWhenThere(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin")), empty = Files.createDirectories(dir.resolve("empty"));
        assertNull(ModelBuild.findOnPath("ccache", empty.toString()));
        assertNull(ModelBuild.findOnPath("ccache", null));
        Path fake = Files.writeString(bin.resolve("ccache"), "#!/bin/sh\n");
        assertNull(ModelBuild.findOnPath("ccache", empty + ":" + bin), "not executable: not a compiler cache");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(fake, ModelBuild.findOnPath("ccache", empty + "::" + bin));
    }

    @Test
    void theCacheKeyDoesNotSayWhetherCcacheCompiledTheModel() {
        String key = ModelBuild.keyCommon(spec(), "Verilator 5.006", "Debian clang version 14.0.6");
        assertFalse(key.contains("ccache") || key.contains("OBJCACHE"), key);
        // the compiler is in the key: a model built by another compiler (or version) is another model
        assertTrue(key.contains("cxx=Debian clang version 14.0.6\n") && key.contains("CXX=" + ModelBuild.CXX), key);
        // the flags line is the one every model built before ccache came in has
        assertTrue(key.contains("flags=" + ModelBuild.VERILATOR_FLAGS + ModelBuild.MAKEFLAGS + ModelBuild.HOOK_DEFINES + "\n"), key);
        // the precompiled header's text is in the key (it names the model's root header)
        assertTrue(key.contains("pch=" + ModelBuild.sha256(ModelBuild.pchHeader("DirectorTop").getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\n"), key);
    }

    @Test
    void theVersionInTheKeyIsVerilatorsLineWhateverAPreloadPrintsBeforeIt() {
        String clean = "Verilator 5.006 2023-01-22 rev (Debian 5.006-3)";
        assertEquals(clean, ModelBuild.versionLine(clean + "\n"));
        assertEquals(clean, ModelBuild.versionLine("OpenJDK VM warning: the use of signal() and sigset() for signal chaining was "
                + "deprecated in version 16.0 and will be removed in a future release. Use sigaction() instead.\n" + clean + "\n"));
        Map<String, String> env = new java.util.HashMap<>(Map.of("LD_PRELOAD", "/usr/lib/jvm/java-17-openjdk-amd64/lib/libjsig.so"));
        ModelBuild.withoutJsig(env);
        assertFalse(env.containsKey("LD_PRELOAD"), env.toString());
        env.put("LD_PRELOAD", "/opt/x/libother.so:/usr/lib/jvm/j/lib/libjsig.so");
        ModelBuild.withoutJsig(env);
        assertEquals("/opt/x/libother.so", env.get("LD_PRELOAD"));
    }
}
