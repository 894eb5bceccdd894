package director.tb.run;

import com.fasterxml.jackson.databind.JsonNode;
import director.harness.ModelBuild;
import director.tb.report.Json;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code director bench --baseline REV}: this tree's bench side by side with the bench of another git revision, each
 * with its own code and its own model. REV is checked out as a detached git worktree under
 * {@code <cache root>/baselines/<commit>} (made once, then reused), its testbench packaged there
 * ({@code mvn -q -o -B package -DskipTests}, never installed), and each side runs its own {@code scripts/director bench}
 * with the same options, one repetition at a time, in turn (current, baseline, current, ...), so that the machine's
 * noise falls on both alike; both run in a fresh JVM each time. Each side's stimulus file
 * ({@link StimulusFingerprint}) must be the same in every run: otherwise the sides did not run the same traffic and
 * their speeds are not compared.
 */
public final class BaselineBench {
    private BaselineBench() {}

    /** A comparison that cannot go on: the message, one line first, and the exit code (2 bad input, 1 a failed run or check). */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final int exitCode;

        public Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /** The three figures of one bench: cycles/s of (a) Java with the scoreboard, (b) Java unchecked, (c) the C++ driver. */
    public record Figures(double checked, double unchecked, double cpp) {
        /** The figures of a bench's --json report (the field names every revision with the C++ driver writes). */
        public static Figures fromJson(Path json) {
            JsonNode root;
            try {
                root = Json.mapper().readTree(json.toFile());
            } catch (IOException e) {
                throw new Failure(1, json + ": not a bench report: " + e.getMessage());
            }
            return new Figures(number(root, "checked_cycles_per_second", json), number(root, "unchecked_cycles_per_second", json),
                    number(root, "cpp_cycles_per_second", json));
        }

        private static double number(JsonNode root, String field, Path json) {
            JsonNode n = root == null ? null : root.get(field);
            if (n == null || !n.isNumber()) throw new Failure(1, json + ": the bench report has no number " + field);
            return n.asDouble();
        }

        /** Each figure's median over {@code all}. */
        public static Figures median(List<Figures> all) {
            return new Figures(Bench.median(all.stream().mapToDouble(Figures::checked).toArray()),
                    Bench.median(all.stream().mapToDouble(Figures::unchecked).toArray()),
                    Bench.median(all.stream().mapToDouble(Figures::cpp).toArray()));
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checked_cycles_per_second", checked);
            m.put("unchecked_cycles_per_second", unchecked);
            m.put("cpp_cycles_per_second", cpp);
            return m;
        }
    }

    /** The figures of both sides over the repetitions: medians, and current / baseline ratios of the medians. */
    public record Comparison(List<Figures> current, List<Figures> baseline) {
        public Comparison {
            if (current.size() != baseline.size() || current.isEmpty())
                throw new IllegalArgumentException("a comparison needs as many baseline runs as current ones, at least one: "
                        + current.size() + " and " + baseline.size());
            current = List.copyOf(current);
            baseline = List.copyOf(baseline);
        }

        public Figures currentMedians() { return Figures.median(current); }
        public Figures baselineMedians() { return Figures.median(baseline); }
        /** THE figure: Java over JNA with checking off, median cycles/s, current over baseline. It runs the whole job on
          * both sides (each side's full set-up: routes, SL-to-VL, vNIC and vHBA tables); the C++ driver of an older
          * revision wrote only the routes, so at a module port its frames were dropped and its figure is no measure. */
        public double speedup() { return currentMedians().unchecked() / baselineMedians().unchecked(); }
        public double cppRatio() { return currentMedians().cpp() / baselineMedians().cpp(); }
        public double checkedRatio() { return currentMedians().checked() / baselineMedians().checked(); }
        public double uncheckedRatio() { return currentMedians().unchecked() / baselineMedians().unchecked(); }

        /** {@code speedup vs REV (the model run from Java, checking off, medians of N): 4.12x (15,020 vs 3,645 cycles/s)} */
        public String headline(String revision) {
            return String.format(Locale.ROOT, "speedup vs %s (the model run from Java, checking off, medians of %d): %.2fx (%,.0f vs %,.0f cycles/s)",
                    revision, current.size(), speedup(), currentMedians().unchecked(), baselineMedians().unchecked());
        }
    }

    /** A side's model: its library, the Verilator + compiler seconds of its build, the bytes of the SystemVerilog it was built from. */
    public record ModelInfo(Path library, double buildSeconds, long svBytes) {
        /** From a built library's folder (build-seconds.txt, DirectorTop.sv); -1 for what it does not have. */
        public static ModelInfo of(Path library) {
            long sv;
            try {
                sv = Files.size(library.resolveSibling("DirectorTop.sv"));
            } catch (IOException e) {
                sv = -1;
            }
            return new ModelInfo(library, ModelBuild.buildSeconds(library), sv);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("library", library.toString());
            m.put("build_seconds", buildSeconds < 0 ? null : buildSeconds);
            m.put("sv_bytes", svBytes < 0 ? null : svBytes);
            return m;
        }
    }

    /** The same traffic on both sides and in every run, or a Failure (exit 1) saying where it was not. */
    public static void checkSameTraffic(StimulusFingerprint expected, StimulusFingerprint actual, String side, int repetition,
                                        String revision) {
        if (expected.equals(actual)) return;
        throw new Failure(1, String.format(Locale.ROOT, "bench --baseline %s: the two sides did not run the same traffic: in "
                + "repetition %d the %s side drove %s, the current side's first run %s (sha256 %s vs %s); the traffic generator "
                + "or the options differ between the revisions, so their speeds are not comparable", revision, repetition, side,
                actual, expected, actual.sha256(), expected.sha256()));
    }

    // ------------------------------------------------------------------ the trees

    /**
     * The root of the source tree this testbench was built from (the folder with scripts/director above the jar or the
     * classes folder), or a Failure.
     */
    public static Path currentTree() {
        Path here;
        try {
            here = Paths.get(BaselineBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | SecurityException e) {
            throw new Failure(2, "bench --baseline: cannot tell where this testbench's source tree is: " + e.getMessage());
        }
        for (Path p = here; p != null; p = p.getParent())
            if (Files.isRegularFile(p.resolve("scripts").resolve("director")) && Files.exists(p.resolve(".git"))) return p;
        throw new Failure(2, "bench --baseline: " + here + " is not inside a git checkout with scripts/director");
    }

    /** The commit {@code revision} names in the repository at {@code repo}; a Failure (exit 2) naming it when none. */
    public static String resolveRevision(Path repo, String revision) {
        if (revision.isBlank() || revision.startsWith("-"))
            throw new Failure(2, "--baseline: '" + revision + "' is not a revision (a commit, branch or tag, e.g. 00fb208)");
        Run r = run(List.of("git", "-C", repo.toString(), "rev-parse", "--verify", "--quiet", revision + "^{commit}"), repo, null);
        if (r.code != 0 || !r.output.strip().matches("[0-9a-f]{40}"))
            throw new Failure(2, "--baseline: unknown revision '" + revision + "' in " + repo + " (git rev-parse --verify '"
                    + revision + "^{commit}' names no commit)");
        return r.output.strip();
    }

    /** Where a baseline revision's worktree lives: {@code <cache root>/baselines/<commit>}. */
    public static Path baselinesRoot() {
        return ModelBuild.cacheRoot().resolve("baselines");
    }

    /**
     * The worktree of {@code commit} at {@code baselines/<commit>}, its testbench packaged: made and built the first
     * time, reused after. Prints what it does to {@code say}.
     */
    public static Path preparedTree(Path repo, String commit, String revision, Path baselines, java.util.function.Consumer<String> say) {
        Path dir = baselines.resolve(commit);
        Path lock = baselines.resolve(commit + ".lock"), built = baselines.resolve(commit + ".built"), log = baselines.resolve(commit + ".build.log");
        try {
            Files.createDirectories(baselines);
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                if (Files.isDirectory(dir)) {
                    Run head = run(List.of("git", "-C", dir.toString(), "rev-parse", "HEAD"), dir, null);
                    if (head.code != 0 || !head.output.strip().equals(commit))
                        throw new Failure(2, "bench --baseline " + revision + ": " + dir + " exists but is not a worktree of " + commit
                                + ": remove it (git worktree remove --force " + dir + ") and run again");
                    say.accept("baseline tree: " + dir + " (reused)");
                } else {
                    run(List.of("git", "-C", repo.toString(), "worktree", "prune"), repo, null);
                    List<String> add = List.of("git", "-C", repo.toString(), "worktree", "add", "--detach", dir.toString(), commit);
                    Run r = run(add, repo, null);
                    if (r.code != 0)
                        throw new Failure(2, "bench --baseline " + revision + ": cannot make its worktree (exit " + r.code + "): "
                                + String.join(" ", add) + "\n" + r.output.strip());
                    Files.deleteIfExists(built);
                    say.accept("baseline tree: " + dir + " (new worktree of " + commit.substring(0, 12) + ")");
                }
                if (!Files.isRegularFile(dir.resolve("scripts").resolve("director")))
                    throw new Failure(2, "bench --baseline " + revision + ": that revision has no scripts/director (" + dir + ")");
                if (!Files.isRegularFile(built)) {
                    List<String> mvn = List.of("mvn", "-q", "-o", "-B", "package", "-DskipTests");
                    say.accept("baseline testbench: building (" + String.join(" ", mvn) + " in " + dir + "; log " + log + ") ...");
                    long t0 = System.nanoTime();
                    Run r = run(mvn, dir, log);
                    if (r.code != 0)
                        throw new Failure(2, "bench --baseline " + revision + ": building its testbench failed (exit " + r.code
                                + "); command: (cd " + dir + " && " + String.join(" ", mvn) + "); log: " + log + "\n" + tail(log, 20));
                    Files.writeString(built, commit + "\n");
                    say.accept(String.format(Locale.ROOT, "baseline testbench: built in %.0f s", (System.nanoTime() - t0) / 1e9));
                }
            }
        } catch (IOException e) {
            throw new Failure(2, "bench --baseline " + revision + ": " + e);
        }
        return dir;
    }

    // ------------------------------------------------------------------ running a side

    /** One side of a comparison: the source tree whose scripts/director runs. */
    public record Side(String name, Path tree) {
        public Path script() { return tree.resolve("scripts").resolve("director"); }
    }

    /**
     * The side's model for the model options {@code modelArgs} ({@code scripts/director build}, which builds it when
     * its cache has none; its progress goes to this process's stderr), or a Failure.
     */
    public static ModelInfo model(Side side, List<String> modelArgs, boolean progress, Path log, String revision) {
        List<String> cmd = new ArrayList<>(List.of(side.script().toString(), "build"));
        cmd.addAll(modelArgs);
        if (!progress) cmd.add("--no-progress");
        Run r = runInheritingStderr(cmd, Paths.get("").toAbsolutePath(), log);
        if (r.code != 0)
            throw new Failure(side.name.equals("baseline") ? 2 : 1, "bench --baseline " + revision + ": the " + side.name
                    + " side's model did not build (exit " + r.code + "); command: " + String.join(" ", cmd) + "; log: " + log
                    + "\n" + tail(log, 20));
        for (String line : r.output.split("\n"))
            if (line.startsWith("model: ")) return ModelInfo.of(Paths.get(line.substring(7).strip()));
        throw new Failure(1, "bench --baseline " + revision + ": the " + side.name + " side's build printed no 'model: ' line; "
                + "command: " + String.join(" ", cmd) + "; log: " + log);
    }

    /** What one bench run of one side gave. */
    public record SideRun(Figures figures, StimulusFingerprint traffic) {}

    /**
     * One repetition of a side's own bench, {@code scripts/director bench ARGS --repetitions 1 --json FILE --no-progress},
     * in this process's working folder (so relative paths in the options mean the same on both sides, and both write
     * their stimulus to {@code target/bench}); its output to {@code log}. A Failure (exit 1) when it fails.
     */
    public static SideRun bench(Side side, List<String> args, Path json, Path log, String revision) {
        Path cwd = Paths.get("").toAbsolutePath();
        Path stimulus = cwd.resolve("target").resolve("bench").resolve(Bench.STIMULUS_FILE);
        List<String> cmd = benchCommand(side, args, json);
        try {
            Files.deleteIfExists(stimulus);
            Files.deleteIfExists(json);
            Files.createDirectories(json.getParent());
        } catch (IOException e) {
            throw new Failure(1, "bench --baseline " + revision + ": " + e);
        }
        Run r = run(cmd, cwd, log);
        if (r.code != 0)
            throw new Failure(1, "bench --baseline " + revision + ": the " + side.name + " side's bench failed (exit " + r.code
                    + "); command: " + String.join(" ", cmd) + "; log: " + log + "\n" + tail(log, 20));
        if (!Files.isRegularFile(json))
            throw new Failure(1, "bench --baseline " + revision + ": the " + side.name + " side's bench wrote no " + json + "; log: " + log);
        if (!Files.isRegularFile(stimulus))
            throw new Failure(1, "bench --baseline " + revision + ": the " + side.name + " side's bench wrote no " + stimulus
                    + ", so what traffic it ran cannot be told; log: " + log);
        try {
            return new SideRun(Figures.fromJson(json), StimulusFingerprint.of(stimulus));
        } catch (IOException e) {
            throw new Failure(1, "bench --baseline " + revision + ": " + e.getMessage());
        }
    }

    /** {@code <tree>/scripts/director bench ARGS --repetitions 1 --json FILE --no-progress}. */
    public static List<String> benchCommand(Side side, List<String> args, Path json) {
        List<String> cmd = new ArrayList<>(List.of(side.script().toString(), "bench"));
        cmd.addAll(args);
        cmd.addAll(List.of("--repetitions", "1", "--json", json.toString(), "--no-progress"));
        return cmd;
    }

    // ------------------------------------------------------------------ processes

    record Run(int code, String output) {}

    /** Runs {@code cmd} in {@code cwd}, stdout and stderr together, into {@code log} (when given) and returned. */
    private static Run run(List<String> cmd, Path cwd, Path log) {
        return start(cmd, cwd, log, false);
    }

    /** As {@link #run}, stderr to this process's stderr (progress lines) and stdout only into the log. */
    private static Run runInheritingStderr(List<String> cmd, Path cwd, Path log) {
        return start(cmd, cwd, log, true);
    }

    private static Run start(List<String> cmd, Path cwd, Path log, boolean stderrToUs) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
            // scripts/director preloads the JVM's libjsig; git, mvn and the other side's script do without it (with
            // it, git prints a JVM warning into its answer)
            ModelBuild.withoutJsig(pb.environment());
            if (stderrToUs) pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            else pb.redirectErrorStream(true);
            Path out = log != null ? log : Files.createTempFile("director-baseline", ".log");
            Files.createDirectories(out.toAbsolutePath().getParent());
            pb.redirectOutput(out.toFile());
            Process p = pb.start();
            int code = p.waitFor();
            String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            if (log == null) Files.deleteIfExists(out);
            return new Run(code, text);
        } catch (IOException e) {
            throw new Failure(2, "cannot run " + String.join(" ", cmd) + ": " + e.getMessage()
                    + (cmd.get(0).equals("git") ? " (is git installed?)" : cmd.get(0).equals("mvn") ? " (is Maven installed? scripts/setup)" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(1, "interrupted: " + String.join(" ", cmd));
        }
    }

    /** The last {@code n} lines of a log. */
    static String tail(Path log, int n) {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
