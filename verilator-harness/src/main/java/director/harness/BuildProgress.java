package director.harness;

import me.tongfei.progressbar.ProgressState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model build is: its stage, and during the C++ stage how many of the files Verilator emitted (plus the
 * harness sources and Verilator's runtime) are compiled. Fed by the build: {@link #stage} at each step it takes, the
 * lines of the Verilator/make log ({@link #line}), and looks at the object folder ({@link #scan}): the total from the
 * makefiles Verilator writes ({@code V<top>_classes.mk}, {@code V<top>.mk}), the files done from the {@code .o} files
 * there. {@link #eta} gives the time left from the last build of the same configuration, else from the compile rate.
 */
public final class BuildProgress {
    public enum Stage {
        WAIT("waiting for another process building this model"),
        ELABORATE("elaborate RTL (Chisel + firtool)"),
        VERILATE("verilate"),
        COMPILE("compile C++"),
        LINK("link"),
        TRAIN("train: run the counting build of the model"),
        RECOMPILE("compile C++ with the training's counts"),
        DONE("done"),
        CACHED("built before: found in the cache");

        public final String label;
        Stage(String label) { this.label = label; }
    }

    private static final Pattern COMPILE_LINE = Pattern.compile("\\s-c\\s.*-o\\s+(\\S+\\.o)\\b|\\s-o\\s+(\\S+\\.o)\\s.*\\s-c\\s");
    private static final Pattern MK_ASSIGN = Pattern.compile("^(VM_[A-Z_]+)\\s*\\+?=\\s*(.*)$");

    private final String top;
    private final double lastSeconds;
    private volatile Stage stage = Stage.ELABORATE;
    private volatile long stageStart = System.nanoTime(), verilatorStart = -1, compileStart = -1;
    private volatile int total = -1, compiled, started;

    /**
     * @param top         the top module (the makefiles are V{@code top}*.mk)
     * @param lastSeconds how long the Verilator + compiler part of the last build of this configuration took, or -1
     */
    public BuildProgress(String top, double lastSeconds) {
        this.top = top;
        this.lastSeconds = lastSeconds;
    }

    public Stage stage() { return stage; }
    /** The last build's Verilator + compiler seconds for this configuration, or -1. */
    public double lastSeconds() { return lastSeconds; }
    /** Compile jobs of the build, -1 until Verilator has written its makefiles. */
    public int total() { return total; }
    /** Compile jobs finished (their .o files written). */
    public int compiled() { return compiled; }
    /** Compile jobs make has started (from its log). */
    public int started() { return started; }

    public void stage(Stage s) {
        if (s == stage) return;
        long now = System.nanoTime();
        if (s == Stage.RECOMPILE) compiled = started = 0;  // a profile-guided build compiles every file a second time
        if ((s == Stage.VERILATE || s == Stage.COMPILE) && verilatorStart < 0) verilatorStart = now;
        if (s == Stage.COMPILE && compileStart < 0) compileStart = now;
        stage = s;
        stageStart = now;
    }

    /** One line of the build log (Verilator's messages, then make's commands). */
    public void line(String line) {
        String l = line.strip();
        if (l.isEmpty()) return;
        if (l.startsWith("make: Entering directory") || l.startsWith("make[")) {
            if (stage.ordinal() < Stage.COMPILE.ordinal()) stage(Stage.COMPILE);
            return;
        }
        // the precompiled header (director_pch.mk): compiled first, before the objects
        if (isCompilerCommand(l) && l.contains(" -x c++-header ")) {
            if (stage.ordinal() < Stage.COMPILE.ordinal()) stage(Stage.COMPILE);
            return;
        }
        Matcher m = COMPILE_LINE.matcher(l);
        if (m.find()) {
            started++;
            if (stage.ordinal() < Stage.COMPILE.ordinal()) stage(Stage.COMPILE);
            return;
        }
        // "Archive ar -rcs VTop__ALL.a ..." then "g++ ... -shared ... -o libTop.so": the link
        if (l.startsWith("Archive ") || l.startsWith("ar ") || (isCompilerCommand(l) && l.contains(" -o ") && !l.contains(" -c "))) {
            if (stage.ordinal() < Stage.LINK.ordinal()) stage(Stage.LINK);
        }
    }

    private static boolean isCompilerCommand(String l) {
        String first = l.split("\\s+", 2)[0];
        String name = first.substring(first.lastIndexOf('/') + 1);
        return name.equals("g++") || name.equals("c++") || name.startsWith("clang++") || name.endsWith("-g++") || name.equals("ccache");
    }

    /** Looks at the object folder: the total once the makefiles are there, the .o files finished. */
    public void scan(Path objDir) {
        if (!Files.isDirectory(objDir)) return;
        if (total < 0) {
            int t = compileJobs(objDir, top);
            if (t > 0) {
                total = t;
                if (stage.ordinal() < Stage.COMPILE.ordinal()) stage(Stage.COMPILE);
            }
        }
        try (var files = Files.list(objDir)) {
            int n = (int) files.filter(p -> p.getFileName().toString().endsWith(".o")).count();
            compiled = total > 0 ? Math.min(n, total) : n;
        } catch (IOException e) {
            // the folder is being written; next time
        }
    }

    /**
     * The compile jobs of Verilator's generated make: with VM_PARALLEL_BUILDS each class and support file is its own
     * job, else they are one (V{@code top}__ALL); plus the runtime files (VM_GLOBAL_*) and the user sources
     * (VM_USER_CLASSES). -1 when the makefiles are not (yet) readable.
     */
    public static int compileJobs(Path objDir, String top) {
        Map<String, List<String>> classes = readMk(objDir.resolve("V" + top + "_classes.mk"));
        Map<String, List<String>> main = readMk(objDir.resolve("V" + top + ".mk"));
        if (classes == null || main == null || !classes.containsKey("VM_CLASSES_FAST")) return -1;
        boolean parallel = classes.getOrDefault("VM_PARALLEL_BUILDS", List.of("0")).contains("1");
        int model = count(classes, "VM_CLASSES_FAST") + count(classes, "VM_CLASSES_SLOW")
                + count(classes, "VM_SUPPORT_FAST") + count(classes, "VM_SUPPORT_SLOW");
        int runtime = count(classes, "VM_GLOBAL_FAST") + count(classes, "VM_GLOBAL_SLOW");
        return (parallel ? model : Math.min(model, 1)) + runtime + count(main, "VM_USER_CLASSES");
    }

    private static int count(Map<String, List<String>> mk, String var) {
        return mk.getOrDefault(var, List.of()).size();
    }

    /** The VM_* variables of a Verilator makefile (words after = or +=, continued lines joined), or null. */
    static Map<String, List<String>> readMk(Path mk) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(mk)) return null;
            lines = Files.readAllLines(mk);
        } catch (IOException e) {
            return null;
        }
        Map<String, List<String>> vars = new LinkedHashMap<>();
        String current = null;
        for (String raw : lines) {
            String line = raw.strip();
            String words;
            if (current == null) {
                Matcher m = MK_ASSIGN.matcher(line);
                if (!m.matches()) continue;
                current = m.group(1);
                words = m.group(2);
            } else {
                words = line;
            }
            boolean continued = words.endsWith("\\");
            if (continued) words = words.substring(0, words.length() - 1);
            List<String> list = vars.computeIfAbsent(current, k -> new ArrayList<>());
            for (String w : words.strip().split("\\s+")) if (!w.isEmpty() && !w.startsWith("#")) list.add(w);
            if (!continued) current = null;
        }
        return vars;
    }

    /**
     * The progress line of this build ({@link Progress}): files compiled of the total (once known), the stage, the
     * elapsed time and the time left ({@link #eta}).
     */
    public Progress.Task startTask(String name) {
        return Progress.start(name, -1, " files", 1, false, this::eta);
    }

    /** Shows where the build is on its progress line. */
    public void report(Progress.Task task) {
        if (total > 0) task.max(total);
        task.update(compiled, stage.label);
    }

    /** The words after the counts: the stage and, while compiling, the files done of the total. */
    public String describe() {
        Stage s = stage;
        if (s == Stage.COMPILE || s == Stage.RECOMPILE) return s.label + " " + compiled + "/" + (total > 0 ? Integer.toString(total) : "?") + " files";
        return s.label;
    }

    /**
     * The time left: the last build of this configuration's Verilator + compiler time less the time since Verilator started
     * (the elaboration ahead counted as nothing); past that estimate, or without one, the compile rate so far.
     */
    public Optional<Duration> eta(ProgressState state) {
        long now = System.nanoTime();
        Stage s = stage;
        if (s == Stage.DONE || s == Stage.CACHED) return Optional.of(Duration.ZERO);
        if (lastSeconds > 0) {
            double since = verilatorStart < 0 ? 0 : (now - verilatorStart) / 1e9;
            double left = lastSeconds - since;
            if (left > 0) return Optional.of(Duration.ofMillis((long) (left * 1000)));
        }
        int done = compiled, all = total;
        if (s == Stage.COMPILE && compileStart > 0 && done > 0 && all > 0) {
            double perFile = (now - compileStart) / 1e9 / done;
            return Optional.of(Duration.ofMillis((long) (perFile * Math.max(0, all - done) * 1000)));
        }
        return Optional.empty();
    }
}
