package director.tb.sim;

import org.junit.jupiter.api.Tag;
import director.harness.BuildProgress;
import director.harness.BuildProgress.Stage;
import director.harness.ModelBuild;
import director.harness.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The model build's progress: its stage from the Verilator/make log (lines as Verilator 5.006's generated make prints
 * them), the compile jobs from the makefiles Verilator writes, the files done from the object folder, and the line
 * that shows them.
 */
@Tag("fast")
class BuildProgressTest {
    /** The prefix of every compile command of the 8-port build (a real line, cache path shortened). */
    private static final String GXX = "g++  -I.  -MMD -I/usr/share/verilator/include -I/usr/share/verilator/include/vltstd -DVM_COVERAGE=0 "
            + "-DVM_SC=0 -DVM_TRACE=0 -DVM_TRACE_FST=0 -DVM_TRACE_VCD=0 -faligned-new -fcf-protection=none -Wno-bool-operation "
            + "-Wno-sign-compare -Wno-uninitialized -Wno-unused-but-set-variable -Wno-unused-parameter -Wno-unused-variable -Wno-shadow"
            + "     -fPIC -std=c++17 -I/cache/models/DirectorTop-4856098fee828769d08b.building/cpp -include "
            + "/cache/models/DirectorTop-4856098fee828769d08b.building/cpp/harness_prelude.h -DVL_USER_STOP -DVL_USER_FATAL "
            + "-DVL_USER_FINISH -DVL_USER_STOP_MAYBE -DVL_PRINTF=harness_printf -DDIR_BEAT_BYTES=8 -DDIR_BYTES_BITS=4 -DDIR_DATA_VLS=8 "
            + "-DDIR_PORTS=8   -O2 -c -o ";

    /** VDirectorTop_classes.mk as Verilator 5.006 wrote it for the small profile (comments left out). */
    private static final String CLASSES_MK = """
            VM_C11 = 1
            VM_TIMING = 0
            VM_COVERAGE = 0
            VM_PARALLEL_BUILDS = 1
            VM_TRACE = 0
            VM_TRACE_VCD = 0
            VM_TRACE_FST = 0

            # Generated module classes, fast-path, compile with highest optimization
            VM_CLASSES_FAST += \\
            \tVDirectorTop \\
            \tVDirectorTop___024root__DepSet_hd9fc3b39__0 \\
            \tVDirectorTop___024root__DepSet_h6da79996__0 \\
            \tVDirectorTop___024root__DepSet_h6da79996__1 \\
            \tVDirectorTop___024root__DepSet_h6da79996__2 \\
            \tVDirectorTop___024root__DepSet_h6da79996__3 \\
            \tVDirectorTop___024root__DepSet_h6da79996__4 \\
            \tVDirectorTop___024root__DepSet_h6da79996__5 \\
            \tVDirectorTop___024root__DepSet_h6da79996__6 \\

            # Generated module classes, non-fast-path, compile with low/medium optimization
            VM_CLASSES_SLOW += \\
            \tVDirectorTop__ConstPool_0 \\
            \tVDirectorTop___024root__Slow \\
            \tVDirectorTop___024root__DepSet_hd9fc3b39__0__Slow \\
            \tVDirectorTop___024root__DepSet_h6da79996__0__Slow \\
            \tVDirectorTop___024root__DepSet_h6da79996__1__Slow \\
            \tVDirectorTop___024root__DepSet_h6da79996__2__Slow \\
            \tVDirectorTop___024root__DepSet_h6da79996__3__Slow \\
            \tVDirectorTop___024root__DepSet_h6da79996__4__Slow \\

            # Generated support classes, fast-path, compile with highest optimization
            VM_SUPPORT_FAST += \\

            # Generated support classes, non-fast-path, compile with low/medium optimization
            VM_SUPPORT_SLOW += \\
            \tVDirectorTop__Syms \\

            # Global classes, need linked once per executable, fast-path, compile with highest optimization
            VM_GLOBAL_FAST += \\
            \tverilated \\
            \tverilated_threads \\

            # Global classes, need linked once per executable, non-fast-path, compile with low/medium optimization
            VM_GLOBAL_SLOW += \\

            """;

    /** The part of VDirectorTop.mk that names the harness sources (--exe). */
    private static final String TOP_MK = """
            # User .cpp files (from .cpp's on Verilator command line)
            VM_USER_CLASSES = \\
            \tdirector_harness \\
            \tverilator_hooks \\

            # User .cpp directories (from .cpp's on Verilator command line)
            VM_USER_DIR = \\
            \t/cache/models/DirectorTop-4856098fee828769d08b.building/cpp \\

            """;

    @Test
    void theMakeLogGivesTheStage() {
        BuildProgress b = new BuildProgress("DirectorTop", -1);
        assertEquals(Stage.ELABORATE, b.stage());
        b.stage(Stage.VERILATE);
        b.line("OpenJDK VM warning: the use of signal() and sigset() for signal chaining was deprecated in version 16.0");
        assertEquals(Stage.VERILATE, b.stage());
        b.line("make: Entering directory '/cache/models/DirectorTop-4856098fee828769d08b.building/obj'");
        assertEquals(Stage.COMPILE, b.stage());
        // the precompiled header (director_pch.mk) comes first: a compile, not the link, and not a compile job
        b.line("g++  -I.  -MMD -I/usr/share/verilator/include -faligned-new -fPIC -std=c++17 -Winvalid-pch -O1 -x c++-header -o "
                + "/cache/models/DirectorTop-4856098fee828769d08b.building/cpp/director_pch.h.gch "
                + "/cache/models/DirectorTop-4856098fee828769d08b.building/cpp/director_pch.h");
        assertEquals(Stage.COMPILE, b.stage());
        assertEquals(0, b.started());
        for (String name : List.of("director_harness", "verilator_hooks"))
            b.line(GXX + name + ".o /cache/models/DirectorTop-4856098fee828769d08b.building/cpp/" + name + ".cpp");
        b.line(GXX + "verilated.o /usr/share/verilator/include/verilated.cpp");
        b.line(GXX + "VDirectorTop.o VDirectorTop.cpp");
        assertEquals(4, b.started());
        assertEquals(Stage.COMPILE, b.stage());
        b.line("echo \"\" > VDirectorTop__ALL.verilator_deplist.tmp");
        assertEquals(Stage.COMPILE, b.stage());
        b.line("Archive ar -rcs VDirectorTop__ALL.a VDirectorTop.o VDirectorTop___024root__DepSet_hd9fc3b39__0.o");
        assertEquals(Stage.LINK, b.stage());
        b.line("g++    director_harness.o verilator_hooks.o verilated.o verilated_threads.o VDirectorTop__ALL.a   -shared  -pthread "
                + "-lpthread -latomic   -o /cache/models/DirectorTop-4856098fee828769d08b.building/libDirectorTop.so");
        assertEquals(Stage.LINK, b.stage());
        assertEquals(4, b.started(), "the link is not a compile job");
    }

    @Test
    void clangsLinesAreCompilesAndTheLinkAsG_plus_plusLinesWere() {
        // the model's compiler is clang (ModelBuild.CXX): make prints "clang++-14 ..." where it printed "g++ ..."
        BuildProgress b = new BuildProgress("DirectorTop", -1);
        b.stage(Stage.VERILATE);
        b.line("make: Entering directory '/cache/models/DirectorTop-4856098fee828769d08b.building/obj'");
        String cc = ModelBuild.CXX + "  -I.  -MMD -I/usr/share/verilator/include -fPIC -std=c++17 -O1 -c -o ";
        b.line(cc + "VDirectorTop.o VDirectorTop.cpp");
        b.line("ccache " + cc + "verilated.o /usr/share/verilator/include/verilated.cpp");
        assertEquals(2, b.started());
        assertEquals(Stage.COMPILE, b.stage());
        b.line(ModelBuild.CXX + "    director_harness.o verilator_hooks.o verilated.o VDirectorTop__ALL.a   -shared   -o "
                + "/cache/models/DirectorTop-4856098fee828769d08b.building/libDirectorTop.so");
        assertEquals(Stage.LINK, b.stage(), "clang's link line is the link");
        assertEquals(2, b.started());
    }

    @Test
    void theObjectFolderGivesFilesCompiledOfTotal(@TempDir Path obj) throws Exception {
        BuildProgress b = new BuildProgress("DirectorTop", -1);
        b.stage(Stage.VERILATE);
        b.scan(obj);
        assertEquals(-1, b.total(), "no makefiles yet: Verilator is still verilating");
        assertEquals(Stage.VERILATE, b.stage());
        Files.writeString(obj.resolve("VDirectorTop_classes.mk"), CLASSES_MK);
        Files.writeString(obj.resolve("VDirectorTop.mk"), TOP_MK);
        b.scan(obj);
        // 9 fast + 8 slow classes + Syms, each its own job (VM_PARALLEL_BUILDS), + 2 runtime files + 2 harness sources
        assertEquals(22, b.total());
        assertEquals(Stage.COMPILE, b.stage());
        assertEquals(0, b.compiled());
        for (String o : List.of("director_harness.o", "verilator_hooks.o", "verilated.o", "VDirectorTop.o", "VDirectorTop__Syms.o"))
            Files.writeString(obj.resolve(o), "");
        Files.writeString(obj.resolve("VDirectorTop.d"), "");  // written by g++ -MMD as it starts: not a finished file
        b.scan(obj);
        assertEquals(5, b.compiled());
        assertEquals("compile C++ 5/22 files", b.describe());
    }

    @Test
    void aTrainedBuildCountsItsSecondCompileFromZero(@TempDir Path obj) throws Exception {
        // ModelBuild.trainedBuild: the counting build compiles and links, the training runs, then every object anew
        BuildProgress b = new BuildProgress("DirectorTop", -1);
        b.stage(Stage.VERILATE);
        Files.writeString(obj.resolve("VDirectorTop_classes.mk"), CLASSES_MK);
        Files.writeString(obj.resolve("VDirectorTop.mk"), TOP_MK);
        for (String o : List.of("director_harness.o", "verilator_hooks.o", "verilated.o")) Files.writeString(obj.resolve(o), "");
        b.scan(obj);
        b.line(ModelBuild.CXX + "    director_harness.o verilator_hooks.o verilated.o VDirectorTop__ALL.a   -shared   -o libDirectorTop.so");
        assertEquals(Stage.LINK, b.stage());
        b.stage(Stage.TRAIN);
        assertEquals("train: run the counting build of the model", b.describe());
        for (String o : List.of("director_harness.o", "verilator_hooks.o", "verilated.o")) Files.delete(obj.resolve(o));
        b.stage(Stage.RECOMPILE);
        assertEquals(0, b.compiled());
        assertEquals(0, b.started());
        b.line(GXX.replace("g++", ModelBuild.CXX) + "VDirectorTop.o VDirectorTop.cpp");
        Files.writeString(obj.resolve("VDirectorTop.o"), "");
        b.scan(obj);
        assertEquals(1, b.started());
        assertEquals(Stage.RECOMPILE, b.stage(), "a compile line keeps the second compile's stage");
        assertEquals("compile C++ with the training's counts 1/22 files", b.describe());
        b.line(ModelBuild.CXX + "    director_harness.o verilator_hooks.o verilated.o VDirectorTop__ALL.a   -shared   -o libDirectorTop.so");
        assertEquals(Stage.RECOMPILE, b.stage(), "the second link is part of the second compile");
    }

    @Test
    void withoutParallelBuildsTheModelIsOneJob(@TempDir Path obj) throws Exception {
        Files.writeString(obj.resolve("VVlArbUnit_classes.mk"), CLASSES_MK.replace("VDirectorTop", "VVlArbUnit")
                .replace("VM_PARALLEL_BUILDS = 1", "VM_PARALLEL_BUILDS = 0"));
        Files.writeString(obj.resolve("VVlArbUnit.mk"), TOP_MK);
        // VVlArbUnit__ALL, verilated, verilated_threads, and the two harness sources
        assertEquals(5, BuildProgress.compileJobs(obj, "VlArbUnit"));
        assertEquals(-1, BuildProgress.compileJobs(obj, "DirectorTop"));
    }

    @Test
    void theTimeLeftComesFromTheLastBuildElseTheCompileRate(@TempDir Path obj) throws Exception {
        BuildProgress known = new BuildProgress("DirectorTop", 700);
        known.stage(Stage.VERILATE);
        long left = known.eta(null).orElseThrow().toSeconds();
        assertTrue(left > 690 && left <= 700, "the last build took 700 s: " + left);

        BuildProgress unknown = new BuildProgress("DirectorTop", -1);
        unknown.stage(Stage.VERILATE);
        assertTrue(unknown.eta(null).isEmpty(), "no record, nothing compiled: no estimate");
        Files.writeString(obj.resolve("VDirectorTop_classes.mk"), CLASSES_MK);
        Files.writeString(obj.resolve("VDirectorTop.mk"), TOP_MK);
        unknown.scan(obj);
        Thread.sleep(50);
        Files.writeString(obj.resolve("verilated.o"), "");
        unknown.scan(obj);
        assertTrue(unknown.eta(null).isPresent(), "1 of 22 compiled: an estimate from the rate");
        unknown.stage(Stage.DONE);
        assertEquals(0, unknown.eta(null).orElseThrow().toSeconds());
    }

    @Test
    void theProgressLineShowsStageAndFilesCompiledOfTotal(@TempDir Path obj) throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Progress.Settings before = Progress.use(new Progress.Settings(Progress.Mode.LINES, lines::add, System.err, 150, 0, 10_000));
        try {
            BuildProgress b = new BuildProgress("DirectorTop", -1);
            try (Progress.Task task = b.startTask("build DirectorTop")) {
                b.stage(Stage.VERILATE);
                b.report(task);
                Files.writeString(obj.resolve("VDirectorTop_classes.mk"), CLASSES_MK);
                Files.writeString(obj.resolve("VDirectorTop.mk"), TOP_MK);
                for (String o : List.of("director_harness.o", "verilator_hooks.o", "verilated.o"))
                    Files.writeString(obj.resolve(o), "");
                b.scan(obj);
                b.report(task);
            }
        } finally {
            Progress.use(before);
        }
        assertFalse(lines.isEmpty(), "a line with no quiet time");
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("build DirectorTop"), last);
        assertTrue(last.contains("3/22 files") && last.contains("compile C++"), last);
        for (String l : lines) assertFalse(l.contains("\r") || l.contains("\n"), "whole lines: " + l);
    }

    /** The head of a model's cache-key.txt (as ModelBuild writes it), for a configuration. */
    private static String cacheKey(String sv, int ports, int threads) {
        return "sv=" + sv + "\ntop=DirectorTop\nverilator=Verilator 5.006 2023-01-22 rev (Debian 5.006-3)\nflags=[--cc]\n"
                + "defines={DIR_BEAT_BYTES=8, DIR_PORTS=" + ports + "}\ntrace=false\nthreads=" + threads + "\nbfm.h=" + sv + "\n";
    }

    private static void model(Path models, String name, String key, String seconds, long modifiedMillis) throws Exception {
        Path d = Files.createDirectories(models.resolve(name));
        Files.writeString(d.resolve("cache-key.txt"), key);
        Files.writeString(d.resolve("build-seconds.txt"), seconds + "\n");
        Files.setLastModifiedTime(d.resolve("build-seconds.txt"), java.nio.file.attribute.FileTime.fromMillis(modifiedMillis));
    }

    @Test
    void theLastBuildOfTheSameConfigurationGivesTheEstimate(@TempDir Path models) throws Exception {
        String vp780 = ModelBuild.configuration(cacheKey("aaaa", 39, 2));
        assertEquals(-1, ModelBuild.lastBuildSeconds(models, vp780), "an empty cache has no record");
        model(models, "DirectorTop-old", cacheKey("1111", 39, 2), "630.0", 1_000_000);
        model(models, "DirectorTop-new", cacheKey("2222", 39, 2), "705.7", 2_000_000);    // other RTL, same configuration
        model(models, "DirectorTop-small", cacheKey("3333", 8, 1), "43.4", 3_000_000);    // another configuration
        Files.createDirectories(models.resolve("DirectorTop-x.building"));                 // a build in progress: no record
        assertEquals(705.7, ModelBuild.lastBuildSeconds(models, vp780), "the newest build of the configuration");
        assertEquals(43.4, ModelBuild.lastBuildSeconds(models, ModelBuild.configuration(cacheKey("zz", 8, 1))));

        String notice = ModelBuild.longBuildNotice("DirectorTop", 33_000_000, 705.7);
        assertTrue(notice.contains("several minutes") && notice.contains("11 min 46 s"), notice);
        notice = ModelBuild.longBuildNotice("DirectorTop", 33_000_000, -1);
        assertTrue(notice.contains("several minutes") && notice.contains("33 MB"), notice);
        assertNull(ModelBuild.longBuildNotice("DirectorTop", 465_000, 43.4), "a one-minute build says nothing beforehand");
        assertNull(ModelBuild.longBuildNotice("DirectorTop", 465_000, -1));
    }

    @Test
    void offShowsNothingAndAQuietTaskEndsSilently() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Progress.Settings before = Progress.use(Progress.off());
        try {
            try (Progress.Task t = Progress.start("run", 100, " cycles", 1, true)) {
                assertFalse(t.due());
                t.update(50, "x");
            }
            Progress.note("not shown");
            Progress.use(new Progress.Settings(Progress.Mode.LINES, lines::add, System.err, 150, 60_000, 10_000));
            try (Progress.Task t = Progress.start("run", 100, " cycles", 1, true)) {
                t.update(100, "done");
            }
        } finally {
            Progress.use(before);
        }
        assertEquals(List.of(), lines, "a task shorter than its quiet time prints nothing");
    }
}
