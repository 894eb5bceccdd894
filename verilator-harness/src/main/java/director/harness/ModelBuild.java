package director.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.*;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Builds Verilated model libraries and caches them.
 *
 * <p>Two keys. The <em>request key</em> hashes an identity of the RTL (the generator's class files plus the
 * parameters, supplied by the caller), the harness sources shipped in this jar, the Verilator flags and defines,
 * tracing on or off, and Verilator's version; an index maps it to a built model, so a repeated request
 * elaborates and compiles nothing. On an index miss the SystemVerilog is generated and the <em>model key</em>
 * hashes its text instead of the RTL identity: parameters that do not change the silicon (a line rate used
 * only for pacing) or an RTL edit that leaves the output alone find the existing model after one elaboration.
 * A model is built into a fresh folder that is renamed into place, so a half-built model is never used.
 *
 * <p>Cache root: {@code $DIRECTOR_CACHE}, else {@code ~/.cache/director}.
 */
public final class ModelBuild {
    private ModelBuild() {}

    /** Harness sources shipped as resources under director/harness/cpp. */
    static final List<String> COMMON_SOURCES = List.of(
            "sim_api.h", "bfm.h", "signals.h", "verilator_hooks.h", "verilator_hooks.cpp", "harness_prelude.h", "unit_harness.h",
            "harness_settings.h", "director_pch.mk");

    /** What to build. {@code harnessMain} is the top's harness source (e.g. director_harness.cpp). */
    /**
     * What to build. {@code harnessMain} is the top's harness source (e.g. director_harness.cpp);
     * {@code generated} are extra headers written next to the sources (name -> text), part of the key.
     */
    public record Spec(String top, String rtlIdentity, Supplier<String> systemVerilog, String harnessMain,
                       Map<String, String> defines, Map<String, String> generated, boolean trace, int threads,
                       boolean coverage, Training training) {
        public Spec {
            Objects.requireNonNull(top, "top");
            Objects.requireNonNull(rtlIdentity, "rtlIdentity");
            if (threads < 1 || threads > 64) throw new IllegalArgumentException("threads must be 1..64, got " + threads);
            defines = new TreeMap<>(defines);
            generated = new TreeMap<>(generated);
        }

        public Spec(String top, String rtlIdentity, Supplier<String> systemVerilog, String harnessMain,
                    Map<String, String> defines, Map<String, String> generated, boolean trace) {
            this(top, rtlIdentity, systemVerilog, harnessMain, defines, generated, trace, 1, false, null);
        }

        public Spec(String top, String rtlIdentity, Supplier<String> systemVerilog, String harnessMain,
                    Map<String, String> defines, Map<String, String> generated, boolean trace, int threads) {
            this(top, rtlIdentity, systemVerilog, harnessMain, defines, generated, trace, threads, false, null);
        }

        /** What model this is, in words: the top, its variant and the RTL's parameters (not the code's hash). */
        public String describe() {
            int nl = rtlIdentity.indexOf('\n');
            return top + variant() + " " + (nl < 0 ? rtlIdentity : rtlIdentity.substring(nl + 1).replace('\n', ' '));
        }

        /** The folder-name part that tells the variants apart: "-", "-trace-", "-cov-", "-pgo-", "-trace-cov-"... */
        String variant() {
            return "-" + (trace ? "trace-" : "") + (coverage ? "cov-" : "") + (training != null ? "pgo-" : "");
        }
    }

    /** make's parallel jobs for the model's C++ (this machine's two cores): Verilator's --build and a trained build's
      * second compile. */
    static final String BUILD_JOBS = "2";

    /** Verilator flags; part of the cache key. */
    /** Verilator's flags. {@code --output-split-cfuncs 2000}: functions of at most 2,000 statements (Verilator's default
      * leaves functions of 10,000-18,000 lines at 39 ports, on which g++ -O2 spends superlinear time): the 16-port
      * model built in 87 s instead of 128 s (g++ 136 s of CPU instead of 215 s) and ran as fast (C++ driver, alternating:
      * 15,700-17,600 against 15,100-16,800 cycles/s); 500 built no faster than 2,000. */
    static final List<String> VERILATOR_FLAGS = List.of(
            "--cc", "--exe", "--build", "-j", BUILD_JOBS, "-O3", "--x-assign", "fast", "--x-initial", "fast", "--assert",
            "-Wno-fatal", "-Wno-lint", "-Wno-style", "--timescale", "1ps/1ps", "--output-split-cfuncs", "2000");
    /** make's settings. {@code -f ../cpp/director_pch.mk}: the precompiled header ({@link #pchHeader}). Optimisation:
      * -O1 for the model's code, measured as fast to run as -O2 (vp780, one thread, C++ driver, 3 alternating runs:
      * 2,457/2,499/2,327 against 2,521/2,450/2,342 cycles/s) and a third quicker to compile; -O0 for the code run once
      * (Verilator's __Slow files: settle, constructors, initial blocks), with a precompiled header of its own
      * (director_pch.mk): the vp780 compile 60 s -> 43 s, 8 ports 12.2 s -> 10.3 s. */
    static final String MAKEFLAGS = "OPT_FAST=-O1 OPT_SLOW=-O0 OPT_GLOBAL=-O2 -f ../cpp/director_pch.mk CXX=" + ModelBuild.CXX
            + " LINK=" + ModelBuild.CXX;
    /** The model's C++ compiler: clang 14 (Debian's clang-14; scripts/ensure-tools installs it). Measured on the vp780
      * model against g++ 12 with the same flags (docs/design.md, "Issue 12, sixth session"): 17% less machine code
      * (4.93 MB against 5.92 MB), about 1.15x faster to run (C++ driver, alternating runs), and a shorter build
      * (140 s against 167 s for Verilator and the compiler). It reads the precompiled header g++ would (-include
      * finds director_pch.h.gch, which it writes itself). */
    public static final String CXX = "clang++-14";
    static final List<String> HOOK_DEFINES = List.of("-DVL_USER_STOP", "-DVL_USER_FATAL", "-DVL_USER_FINISH",
            "-DVL_USER_STOP_MAYBE", "-DVL_PRINTF=harness_printf");

    public static Path cacheRoot() {
        String env = System.getenv("DIRECTOR_CACHE");
        Path root = env != null && !env.isBlank() ? Paths.get(env) : Paths.get(System.getProperty("user.home"), ".cache", "director");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new BuildException("cannot create the model cache folder " + root + ": " + e.getMessage(), e);
        }
        return root;
    }

    private static String verilatorVersion;
    private static String compilerVersion;

    /** The model compiler's version line ({@link #CXX}); a clear error when it is not installed. */
    public static synchronized String compilerVersion() {
        if (compilerVersion == null) compilerVersion = probeCompiler(CXX);
        return compilerVersion;
    }

    /** Runs {@code executable --version} for a C++ compiler: its line that says " version "; a one-line error naming
      * the compiler and the fix when it is missing. */
    public static String probeCompiler(String executable) {
        return runCapture(List.of(executable, "--version"), null,
                executable + " (the model's C++ compiler) is not installed or not on PATH: run scripts/ensure-tools (or apt-get install -y clang-14)")
                .lines().filter(l -> l.contains(" version ")).findFirst().orElse("").strip();
    }

    /** Verilator's version line; a clear error when it is not installed. */
    public static synchronized String verilatorVersion() {
        if (verilatorVersion == null) verilatorVersion = probeVerilator("verilator");
        return verilatorVersion;
    }

    /**
     * Runs {@code executable --version}; a one-line error naming the fix when it is missing. The answer is the line
     * that starts with "Verilator": scripts/director preloads the JVM's libjsig, whose deprecation warning a child
     * process would print first, and that warning made the CLI's cache keys differ from the tests' (each model built
     * twice). The child runs without that preload anyway ({@link #withoutJsig}).
     */
    public static String probeVerilator(String executable) {
        return versionLine(runCapture(List.of(executable, "--version"), null,
                "Verilator is not installed or not on PATH (" + executable + "): run scripts/setup (or apt-get install -y verilator)"));
    }

    /** The line of a {@code verilator --version} answer that starts with "Verilator" (the whole answer, trimmed, if none does). */
    static String versionLine(String out) {
        for (String line : out.split("\n"))
            if (line.strip().startsWith("Verilator")) return line.strip();
        return out.trim();
    }

    /**
     * Removes the JVM's signal-chaining library (libjsig, which scripts/director preloads for the JVM itself) from a
     * child's LD_PRELOAD: build tools do not need it, and with it every one of them that installs a signal handler
     * prints a JVM deprecation warning into its output.
     */
    public static void withoutJsig(Map<String, String> env) {
        String preload = env.get("LD_PRELOAD");
        if (preload == null) return;
        String kept = String.join(":", java.util.Arrays.stream(preload.split("[: ]"))
                .filter(s -> !s.isEmpty() && !s.endsWith("/libjsig.so") && !s.equals("libjsig.so")).toList());
        if (kept.isEmpty()) env.remove("LD_PRELOAD");
        else env.put("LD_PRELOAD", kept);
    }

    /** Model libraries asked for in this JVM, by top module (cache hits included). */
    private static final Map<String, java.util.concurrent.atomic.LongAdder> REQUESTS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Set on a thread that builds models ahead of need (the test run's prefetch): its requests are not counted. */
    private static final ThreadLocal<Boolean> AHEAD = ThreadLocal.withInitial(() -> false);
    /** The models asked for in this JVM ({@link Spec#describe}): by the tests, and ahead of them. */
    private static final java.util.Set<String> ASKED = java.util.concurrent.ConcurrentHashMap.newKeySet(),
            ASKED_AHEAD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The models ({@link Spec#describe}) asked for in this JVM ahead of need ({@code ahead}) or not. */
    public static java.util.Set<String> asked(boolean ahead) {
        return java.util.Set.copyOf(ahead ? ASKED_AHEAD : ASKED);
    }

    /** Whether this thread's model requests are made ahead of need ({@link #ahead}), uncounted. */
    public static boolean buildingAhead() {
        return AHEAD.get();
    }

    /**
     * Runs {@code body} on this thread with its model requests left out of {@link #requests()}: models built ahead of
     * the tests that need them (director.tb.tools.ModelPrefetch) are not asked for by whichever test runs meanwhile.
     */
    public static void ahead(Runnable body) {
        boolean before = AHEAD.get();
        AHEAD.set(true);
        try {
            body.run();
        } finally {
            AHEAD.set(before);
        }
    }

    /**
     * How many model libraries this JVM has asked for, by top module (built or found in the cache): what the test
     * kinds check (a {@code fast} test asks for none, an {@code rtl} test for no whole director).
     */
    public static Map<String, Long> requests() {
        Map<String, Long> out = new TreeMap<>();
        REQUESTS.forEach((top, n) -> out.put(top, n.sum()));
        return out;
    }

    /** The model library for a spec, built if the cache does not have it. */
    public static Path library(Spec spec) {
        if (AHEAD.get()) {
            ASKED_AHEAD.add(spec.describe());
        } else {
            REQUESTS.computeIfAbsent(spec.top(), t -> new java.util.concurrent.atomic.LongAdder()).increment();
            ASKED.add(spec.describe());
        }
        StringBuilder common = new StringBuilder(keyCommon(spec, verilatorVersion(), compilerVersion()));
        String requestKey = sha256(("rtl=" + spec.rtlIdentity() + "\n" + common).getBytes(StandardCharsets.UTF_8)).substring(0, 24);
        Path index = cacheRoot().resolve("index").resolve(requestKey);
        Path known = readIndex(index);
        if (known != null) return known;  // a cache hit prints nothing

        // from here on it may take a while: a progress line on stderr (Progress) after a few seconds
        String config = configuration(common.toString());
        BuildProgress progress = new BuildProgress(spec.top(), lastBuildSeconds(config));
        try (Progress.Task task = progress.startTask("build " + spec.top() + (spec.trace() ? " (tracing)" : "")
                + (spec.coverage() ? " (coverage)" : ""))) {
            Runnable tick = () -> progress.report(task);
            progress.stage(BuildProgress.Stage.ELABORATE);
            tick.run();
            String sv = spec.systemVerilog().get();
            String keyText = "sv=" + sha256(sv.getBytes(StandardCharsets.UTF_8)) + "\n" + common;
            String hash = sha256(keyText.getBytes(StandardCharsets.UTF_8)).substring(0, 20);
            Path dir = cacheRoot().resolve("models").resolve(spec.top() + spec.variant() + hash);
            Path lib = dir.resolve("lib" + spec.top() + ".so");
            if (!Files.isRegularFile(lib)) {
                progress.stage(BuildProgress.Stage.WAIT);
                tick.run();
                withLock(dir, () -> {
                    if (!Files.isRegularFile(lib)) {
                        String notice = longBuildNotice(spec.top(), sv.length(), progress.lastSeconds());
                        if (notice != null) Progress.note(notice);
                        buildInto(spec, sv, dir, lib, keyText, progress, tick);
                    }
                    return lib;
                });
                progress.stage(BuildProgress.Stage.DONE);
            } else {
                progress.stage(BuildProgress.Stage.CACHED);
            }
            tick.run();
            writeIfChanged(index, lib.toAbsolutePath() + "\n");
            return lib;
        }
    }

    /**
     * The part of a model's cache key shared by its request key and its model key: top, Verilator and compiler versions, flags,
     * defines, tracing, threads, harness sources and generated headers. The compiler cache (ccache) is not in it: it
     * hands back the object the same compiler made from the same input, so a model built with it is the model built
     * without it, and models built before it came in stay valid.
     */
    static String keyCommon(Spec spec, String verilatorVersion, String compilerVersion) {
        StringBuilder common = new StringBuilder();
        common.append("top=").append(spec.top()).append('\n')
              .append("verilator=").append(verilatorVersion).append('\n')
              .append("cxx=").append(compilerVersion).append('\n')
              .append("flags=").append(VERILATOR_FLAGS).append(MAKEFLAGS).append(HOOK_DEFINES).append('\n')
              .append("pch=").append(sha256(pchHeader(spec.top()).getBytes(StandardCharsets.UTF_8))).append('\n')
              .append("defines=").append(spec.defines()).append('\n')
              .append("trace=").append(spec.trace()).append('\n')
              .append(spec.coverage() ? "coverage=true\n" : "")
              .append(spec.training() != null ? "training=" + spec.training().describe() + "\n" : "")
              .append("threads=").append(spec.threads()).append('\n');
        for (String src : sourcesOf(spec)) common.append(src).append('=').append(sha256(resource(src))).append('\n');
        spec.generated().forEach((name, text) -> common.append(name).append('=').append(sha256(text.getBytes(StandardCharsets.UTF_8))).append('\n'));
        return common.toString();
    }

    /**
     * What a build known to be long says once, before it starts (null for a build that is not): long when the last
     * build of this configuration took {@link #LONG_BUILD_SECONDS} or more, or, with no record, when the design is large.
     */
    public static String longBuildNotice(String top, long svChars, double lastSeconds) {
        if (lastSeconds >= LONG_BUILD_SECONDS)
            return String.format(Locale.ROOT, "director: building the %s model: the first build of this model takes several "
                    + "minutes (the last build of this configuration took %s); it is cached for later runs", top, minutes(lastSeconds));
        if (lastSeconds < 0 && svChars >= LARGE_SV_CHARS)
            return String.format(Locale.ROOT, "director: building the %s model: the first build of this model takes several "
                    + "minutes (%.0f MB of SystemVerilog; no earlier build of this configuration is recorded in the cache); "
                    + "it is cached for later runs", top, svChars / 1e6);
        return null;
    }

    /** A build that took this long (or longer) last time is announced. */
    static final double LONG_BUILD_SECONDS = 180;
    /** Without a record, a design this large is announced (the 39-port vp780 is 33 MB and took 10-12 minutes here). */
    static final long LARGE_SV_CHARS = 8_000_000;

    static String minutes(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }

    /** The lines of a model's cache key that name its configuration (top, defines, tracing, threads, coverage, training),
      * not its RTL. */
    public static String configuration(String keyText) {
        StringBuilder sb = new StringBuilder();
        for (String line : keyText.split("\n"))
            if (line.startsWith("top=") || line.startsWith("defines=") || line.startsWith("trace=") || line.startsWith("threads=")
                    || line.startsWith("coverage=") || line.startsWith("training="))
                sb.append(line).append('\n');
        return sb.toString();
    }

    /**
     * How long the Verilator + compiler part of the newest build of the same configuration took (its build-seconds.txt,
     * beside the cache-key.txt every built model keeps), or -1 when the cache has none.
     */
    static double lastBuildSeconds(String config) {
        return lastBuildSeconds(cacheRoot().resolve("models"), config);
    }

    /** As {@link #lastBuildSeconds(String)}, among the model folders in {@code models}. */
    public static double lastBuildSeconds(Path models, String config) {
        double seconds = -1;
        long newest = Long.MIN_VALUE;
        if (!Files.isDirectory(models)) return -1;
        try (var dirs = Files.list(models)) {
            for (Path d : dirs.toList()) {
                Path key = d.resolve("cache-key.txt"), secs = d.resolve("build-seconds.txt");
                if (!Files.isRegularFile(key) || !Files.isRegularFile(secs)) continue;
                try {
                    if (!configuration(Files.readString(key)).equals(config)) continue;
                    long when = Files.getLastModifiedTime(secs).toMillis();
                    if (when > newest) {
                        seconds = Double.parseDouble(Files.readString(secs).trim());
                        newest = when;
                    }
                } catch (IOException | NumberFormatException e) {
                    // a folder being replaced, or a record that does not parse: skip it
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return seconds;
    }

    private static Path readIndex(Path index) {
        try {
            if (!Files.isRegularFile(index)) return null;
            Path lib = Paths.get(Files.readString(index).trim());
            return Files.isRegularFile(lib) ? lib : null;
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }

    private static List<String> sourcesOf(Spec spec) {
        List<String> all = new ArrayList<>(COMMON_SOURCES);
        all.add(spec.harnessMain());
        return all;
    }

    private static void buildInto(Spec spec, String svText, Path dir, Path lib, String keyText, BuildProgress progress, Runnable tick) {
        Path work = dir.resolveSibling(dir.getFileName() + ".building");
        try {
            deleteTree(work);
            Files.createDirectories(work);
            Path cpp = work.resolve("cpp");
            Files.createDirectories(cpp);
            for (String src : sourcesOf(spec)) Files.write(cpp.resolve(src), resource(src));
            for (Map.Entry<String, String> g : spec.generated().entrySet()) writeIfChanged(cpp.resolve(g.getKey()), g.getValue());
            Files.writeString(cpp.resolve(PCH_HEADER), pchHeader(spec.top()));
            Path sv = work.resolve(spec.top() + ".sv");
            writeIfChanged(sv, svText);
            Files.writeString(work.resolve("cache-key.txt"), keyText);

            boolean ccache = compilerCache() != null;
            Map<String, String> env = ccache ? ccacheEnvironment(cacheRoot()) : Map.of();
            if (ccache) ccacheConfig(cacheRoot());
            long t0 = System.nanoTime();
            progress.stage(BuildProgress.Stage.VERILATE);
            tick.run();
            LogWatch watch = new LogWatch(work.resolve("build.log"), progress, work.resolve("obj"), tick);
            if (spec.training() == null) {
                List<String> cmd = verilatorCommand(spec, work, lib.getFileName().toString(), makeFlags(ccache));
                run(cmd, env, work, work.resolve("build.log"), "Verilator build of " + spec.top(), watch);
            } else {
                trainedBuild(spec, work, lib.getFileName().toString(), ccache, env, progress, tick, watch);
            }
            Files.writeString(work.resolve("build-seconds.txt"),
                    String.format(Locale.ROOT, "%.1f%n", (System.nanoTime() - t0) / 1e9));
            deleteTree(work.resolve("obj"));
            deleteTree(dir);
            Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BuildException("building " + spec.top() + " in " + work + ": " + e.getMessage(), e);
        }
    }

    /** make's settings for a build: {@link #MAKEFLAGS}, compiling through ccache when {@code ccache}. */
    static String makeFlags(boolean ccache) {
        return ccache ? MAKEFLAGS + " OBJCACHE=ccache" : MAKEFLAGS;
    }

    /** What the training job computed on the counting build ({@link Training#run}), kept in the model's {@code pgo/}. */
    public static final String TRAINING_RUN = "training-run.txt";

    /** What the training job computed when the model at {@code lib} was built ({@link #TRAINING_RUN}); null when untrained. */
    public static String trainingRun(Path lib) {
        Path f = lib.toAbsolutePath().getParent().resolve("pgo").resolve(TRAINING_RUN);
        try {
            return Files.isRegularFile(f) ? Files.readString(f) : null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading " + f + ": " + e.getMessage(), e);
        }
    }

    /** clang's profile tool for {@link #CXX} (Debian's llvm-14; scripts/ensure-tools installs it). */
    public static final String PROFDATA = "llvm-profdata-14";

    /**
     * A profile-guided build (docs/design.md, "Issue 12, eighth session"): Verilator and a quick compile of the library
     * that counts what it runs (-O0 with -fprofile-instr-generate: director_pch.mk, {@code DIR_PGO_GEN}), the training
     * job on it in this JVM ({@link Training#run}), the counts merged ({@link #PROFDATA}), then every object compiled
     * again from the same Verilator output with them ({@code DIR_PGO_USE}). Logs: build.log (Verilator and the
     * counting library), pgo/merge.log, build-profiled.log (the model); pgo/train.profdata stays with the model,
     * pgo/seconds.txt says where the time went, pgo/{@value #TRAINING_RUN} what the training computed.
     */
    private static void trainedBuild(Spec spec, Path work, String libName, boolean ccache, Map<String, String> env,
                                     BuildProgress progress, Runnable tick, LogWatch watch) throws IOException {
        Path pgo = work.resolve("pgo").toAbsolutePath().normalize(), obj = work.resolve("obj").toAbsolutePath().normalize();
        Path lib = work.resolve(libName).toAbsolutePath().normalize();
        Path raw = pgo.resolve("train.profraw"), profdata = pgo.resolve("train.profdata");
        Files.createDirectories(pgo);
        long t0 = System.nanoTime();
        // the counting build at -O0 (make takes the last of two settings of a variable on its command line)
        String counting = makeFlags(ccache) + " OPT_FAST=-O0 OPT_SLOW=-O0 DIR_PGO_GEN=" + raw;
        run(verilatorCommand(spec, work, libName, counting), env, work, work.resolve("build.log"),
                "Verilator build of " + spec.top() + " for training", watch);
        long t1 = System.nanoTime();
        progress.stage(BuildProgress.Stage.TRAIN);
        tick.run();
        String computed = spec.training().run(lib);
        if (computed != null) Files.writeString(pgo.resolve(TRAINING_RUN), computed);
        if (!Files.isRegularFile(raw) || Files.size(raw) == 0)
            throw new BuildException("training " + spec.top() + " (" + spec.training().describe() + ") wrote no counts to " + raw);
        run(List.of(PROFDATA, "merge", "-o", profdata.toString(), raw.toString()), Map.of(), pgo, pgo.resolve("merge.log"),
                "merging the training counts of " + spec.top() + " (" + PROFDATA + ", scripts/ensure-tools installs llvm-14)", null);
        Files.delete(raw);
        long t2 = System.nanoTime();
        // the same Verilator output compiled again: every object, the precompiled header and the library anew
        try (var files = Files.list(obj)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".o") || n.endsWith(".a")) Files.delete(f);
            }
        }
        Files.deleteIfExists(work.resolve("cpp").resolve(PCH_HEADER + ".gch"));
        Files.deleteIfExists(lib);
        progress.stage(BuildProgress.Stage.RECOMPILE);
        tick.run();
        List<String> make = new ArrayList<>(List.of("make", "-C", obj.toString(), "-f", "V" + spec.top() + ".mk", "-j", BUILD_JOBS));
        make.addAll(List.of(makeFlags(ccache).split(" ")));
        make.add("DIR_PGO_USE=" + profdata);
        run(make, env, work, work.resolve("build-profiled.log"), "profile-guided compile of " + spec.top(),
                new LogWatch(work.resolve("build-profiled.log"), progress, obj, tick));
        Files.writeString(pgo.resolve("seconds.txt"), String.format(Locale.ROOT,
                "verilate + compile to count: %.1f%ntrain (%s) + merge: %.1f%ncompile with the counts: %.1f%n",
                (t1 - t0) / 1e9, spec.training().describe(), (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9));
    }

    /**
     * The Verilator command that builds {@code spec} in {@code work} (sources in {@code work/cpp}, the SystemVerilog
     * at {@code work/<top>.sv}, named relative to {@code work}, where Verilator runs) into {@code work/<libName>}, make run with
     * {@code makeFlags} ({@link #makeFlags}: with ccache, {@code OBJCACHE=ccache}, Verilator's own hook in verilated.mk; the
     * rest of the line is the same either way).
     */
    static List<String> verilatorCommand(Spec spec, Path work, String libName, String makeFlags) {
        Path cpp = work.resolve("cpp").toAbsolutePath().normalize();
        StringBuilder cflags = new StringBuilder("-fPIC -std=c++17 -I").append(cpp)
                .append(" -include ").append(cpp.resolve(PCH_HEADER))
                .append(" -Winvalid-pch"); // a precompiled header the compiler cannot use is said in the build log (PrecompiledHeaderTest)
        for (String d : HOOK_DEFINES) cflags.append(' ').append(d);
        spec.defines().forEach((k, v) -> cflags.append(" -D").append(k).append('=').append(v));

        List<String> cmd = new ArrayList<>();
        cmd.add("verilator");
        cmd.addAll(VERILATOR_FLAGS);
        if (spec.trace()) cmd.add("--trace-fst");
        if (spec.coverage()) cmd.add("--coverage-user");
        if (spec.threads() > 1) cmd.addAll(List.of("--threads", Integer.toString(spec.threads())));
        cmd.addAll(List.of("--top-module", spec.top(), "-Mdir", work.resolve("obj").toAbsolutePath().toString(),
                "-CFLAGS", cflags.toString(), "-LDFLAGS", spec.threads() > 1 ? "-shared -pthread" : "-shared",
                "-MAKEFLAGS", makeFlags,
                "-o", work.resolve(libName).toAbsolutePath().toString(),
                // relative to the build folder (Verilator's working folder): the name goes into the generated C++
                // ($fatal, $stop and assertion messages), which must be the same in every model folder for ccache
                spec.top() + ".sv",
                cpp.resolve(spec.harnessMain()).toAbsolutePath().toString(),
                cpp.resolve("verilator_hooks.cpp").toAbsolutePath().toString()));
        return cmd;
    }

    /** The header every C++ file of a model includes first (written into its cpp folder), precompiled once a build by
      * director_pch.mk: the harness prelude, Verilator's runtime header and the model's root header (every signal's
      * declaration: 4.8 MB at 39 ports, which g++ otherwise parses again for each of the ~110 files). */
    static final String PCH_HEADER = "director_pch.h";

    static String pchHeader(String top) {
        return "// written by director.harness.ModelBuild: included first by every C++ file of the model, precompiled once\n"
                + "#include \"harness_prelude.h\"\n#include \"verilated.h\"\n#include \"V" + top + "___024root.h\"\n";
    }

    /** The compiler cache's size limit (ccache's max_size): a vp780 model's objects are ~100 MB, a small one's ~10 MB. */
    static final String CCACHE_MAX_SIZE = "5G";

    /**
     * ccache on PATH, or null: when there, model builds compile through it (scripts/ensure-tools installs it).
     * {@code DIRECTOR_CCACHE=0} turns it off.
     */
    public static Path compilerCache() {
        if ("0".equals(System.getenv("DIRECTOR_CCACHE"))) return null;
        return findOnPath("ccache", System.getenv("PATH"));
    }

    /** The first executable file {@code name} in the folders of {@code path} (a PATH value), or null. */
    static Path findOnPath(String name, String path) {
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            try {
                Path f = Paths.get(dir, name);
                if (Files.isRegularFile(f) && Files.isExecutable(f)) return f;
            } catch (InvalidPathException e) {
                // not a folder name: skip it
            }
        }
        return null;
    }

    /** Where the model builds' compiler cache lives: {@code <cache root>/ccache}. */
    public static Path ccacheDir(Path cacheRoot) {
        return cacheRoot.resolve("ccache").toAbsolutePath().normalize();
    }

    /**
     * The environment of a build through ccache. Every model is built in its own folder
     * ({@code <cache root>/models/<top>-<hash>.building}) and the compile lines name files in it by absolute path
     * (-I, -include, the harness sources): CCACHE_BASEDIR at the models folder makes ccache hash those paths
     * relative to the compile's working folder ({@code obj}), the same in every model folder, so a file compiled
     * for one model is a hit for the next. CCACHE_DIR keeps the cache beside the models, at most
     * {@link #CCACHE_MAX_SIZE}.
     */
    static Map<String, String> ccacheEnvironment(Path cacheRoot) {
        Map<String, String> env = new TreeMap<>();
        env.put("CCACHE_BASEDIR", cacheRoot.resolve("models").toAbsolutePath().normalize().toString());
        env.put("CCACHE_DIR", ccacheDir(cacheRoot).toString());
        env.put("CCACHE_MAXSIZE", CCACHE_MAX_SIZE);
        // objects compiled with the precompiled header (director_pch.mk) are cached only with these: the header's
        // macros are hashed with it, and it is newer than the build's start
        env.put("CCACHE_SLOPPINESS", "pch_defines,time_macros,include_file_mtime,include_file_ctime");
        return env;
    }

    /**
     * Writes the cache's own ccache.conf with its size limit the first time, so that
     * {@code CCACHE_DIR=<cache root>/ccache ccache -s} shows the limit the builds use.
     */
    static void ccacheConfig(Path cacheRoot) throws IOException {
        Path conf = ccacheDir(cacheRoot).resolve("ccache.conf");
        if (Files.isRegularFile(conf)) return;
        Files.createDirectories(conf.getParent());
        writeIfChanged(conf, "# written by director.harness.ModelBuild: the model builds' compiler cache\nmax_size = " + CCACHE_MAX_SIZE + "\n");
    }

    /** Seconds the last build of this library took (from its folder), or -1 when unknown. */
    public static double buildSeconds(Path lib) {
        try {
            return Double.parseDouble(Files.readString(lib.resolveSibling("build-seconds.txt")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The stable C ABI library that Java binds (dispatch.cpp), compiled once per source version. */
    public static Path dispatcher() {
        return compiled("dispatch", List.of("dispatch.cpp", "sim_api.h"),
                out -> List.of("g++", "-O2", "-std=c++17", "-fPIC", "-shared", "-o", out.toString(), "dispatch.cpp", "-ldl"),
                "libdirector_abi.so");
    }

    /** The pure C++ driver used as the speed baseline. */
    public static Path benchDriver() {
        return compiled("bench", List.of("bench_driver.cpp", "sim_api.h"),
                out -> List.of("g++", "-O2", "-std=c++17", "-o", out.toString(), "bench_driver.cpp", "-ldl"),
                "bench_driver");
    }

    private interface Cmd { List<String> of(Path out); }

    private static Path compiled(String name, List<String> sources, Cmd cmd, String output) {
        StringBuilder key = new StringBuilder();
        for (String s : sources) key.append(s).append('=').append(sha256(resource(s))).append('\n');
        Path dir = cacheRoot().resolve("tools").resolve(name + "-" + sha256(key.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16));
        Path out = dir.resolve(output);
        if (Files.isRegularFile(out)) return out;
        return withLock(dir, () -> {
            if (Files.isRegularFile(out)) return out;
            Path work = dir.resolveSibling(dir.getFileName() + ".building");
            try {
                deleteTree(work);
                Files.createDirectories(work);
                for (String s : sources) Files.write(work.resolve(s), resource(s));
                run(cmd.of(work.resolve(output).toAbsolutePath()), work, work.resolve("build.log"), "g++ build of " + output);
                deleteTree(dir);
                Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new BuildException("building " + output + ": " + e.getMessage(), e);
            }
            return out;
        });
    }

    /**
     * Writes text to a file only when the content differs, so timestamps (and make) see no change otherwise. The new
     * content goes to a temporary file of its own (writers in several processes or threads, e.g. two runs noting the
     * same model in the cache's index, never move each other's) and replaces the file in one rename.
     */
    public static boolean writeIfChanged(Path file, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path tmp = null;
        try {
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) return false;
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // this process's and thread's own name (not createTempFile: its file is private to the user, 0600, and the
            // rename would pass that on to the README or a header; Files.write keeps the umask's permissions)
            tmp = parent.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + "." + Thread.currentThread().getId() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed: that is the error to report
                }
            }
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = ModelBuild.class.getResourceAsStream("/director/harness/cpp/" + name)) {
            if (in == null) throw new BuildException("harness source " + name + " is missing from the verilator-harness jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BuildException("cannot read harness source " + name + ": " + e.getMessage(), e);
        }
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    interface Body<T> { T run(); }

    /** One monitor per lock file for the threads of this JVM: a file lock is held by the whole JVM (a second
     * {@code lock()} on the same file from another thread throws OverlappingFileLockException instead of waiting). */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> JVM_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Runs {@code body} holding the model folder's lock: one builder at a time, across threads and processes. */
    static <T> T withLock(Path dir, Body<T> body) {
        Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock").toAbsolutePath().normalize();
        synchronized (JVM_LOCKS.computeIfAbsent(lockFile, f -> new Object())) {
            try {
                Files.createDirectories(lockFile.getParent());
                try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = ch.lock()) {
                    return body.run();
                }
            } catch (IOException e) {
                throw new BuildException("cannot lock " + lockFile + ": " + e.getMessage(), e);
            }
        }
    }

    private static void run(List<String> cmd, Path cwd, Path log, String what) {
        run(cmd, Map.of(), cwd, log, what, null);
    }

    /**
     * Runs a build command with {@code env} added to this process's environment, its output to {@code log};
     * {@code watch} (may be null) looks at it while it runs.
     */
    private static void run(List<String> cmd, Map<String, String> env, Path cwd, Path log, String what, LogWatch watch) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            withoutJsig(pb.environment());
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean finished;
            if (watch == null) {
                finished = p.waitFor(60, TimeUnit.MINUTES);
            } else {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
                while (!(finished = p.waitFor(250, TimeUnit.MILLISECONDS)) && System.nanoTime() < deadline) watch.poll();
                watch.poll();
            }
            if (!finished) {
                p.destroyForcibly();
                throw new BuildException(what + " took more than 60 minutes; log: " + log);
            }
            if (p.exitValue() != 0) {
                throw new BuildException(what + " failed (exit " + p.exitValue() + "); log: " + log + "\n" + tail(log, 25));
            }
        } catch (IOException e) {
            throw new BuildException(what + ": cannot run " + cmd.get(0) + ": " + e.getMessage()
                    + (cmd.get(0).equals("verilator") ? " (install Verilator: scripts/setup or apt-get install -y verilator)" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException(what + " interrupted", e);
        }
    }

    /** Follows a build: new lines of its log and the object folder, into a BuildProgress, then {@code tick}. */
    static final class LogWatch {
        private final Path log, objDir;
        private final BuildProgress progress;
        private final Runnable tick;
        private long position;
        private final StringBuilder partial = new StringBuilder();

        LogWatch(Path log, BuildProgress progress, Path objDir, Runnable tick) {
            this.log = log;
            this.progress = progress;
            this.objDir = objDir;
            this.tick = tick;
        }

        void poll() {
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size > position) {
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(size - position, 1 << 20));
                    int n = ch.read(buf, position);
                    if (n > 0) {
                        position += n;
                        partial.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
                        int nl;
                        while ((nl = partial.indexOf("\n")) >= 0) {
                            progress.line(partial.substring(0, nl));
                            partial.delete(0, nl + 1);
                        }
                    }
                }
            } catch (IOException e) {
                // not there yet, or being written: next time
            }
            progress.scan(objDir);
            tick.run();
        }
    }

    private static String runCapture(List<String> cmd, Path cwd, String missing) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            withoutJsig(pb.environment());
            if (cwd != null) pb.directory(cwd.toFile());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new BuildException(missing + " (`" + String.join(" ", cmd) + "` exited " + p.exitValue() + ")");
            return out;
        } catch (IOException e) {
            throw new BuildException(missing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException("interrupted");
        }
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            List<String> errors = all.stream().filter(l -> l.contains("rror")).toList();
            List<String> pick = errors.isEmpty() ? all : errors;
            return String.join("\n", pick.subList(Math.max(0, pick.size() - lines), pick.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }
}
