package director.tb.run;

import director.harness.Progress;
import director.tb.check.Failure;
import director.tb.io.waves.FstSignals;
import director.tb.io.waves.GtkwSave;
import director.tb.stim.Source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The debug flow: a failed run is run again, same seed and same frames, with waves on for a window around its first
 * failure only (tracing costs about 50x; the run keeps it off until the window opens), and leaves {@code NAME.fst}
 * plus a GTKWave save file {@code NAME.gtkw} that opens with the failing port's streams, queues, grants, arbiter and
 * credits grouped and named, a marker at the failure. The re-run must fail the same way at the same cycle: that it
 * does is the proof the run is reproducible bit for bit, and a re-run that differs is reported.
 */
public final class DebugRun {
    private DebugRun() {}

    public static final long DEFAULT_BEFORE = 2000, DEFAULT_AFTER = 200;

    /**
     * @param fst       the waves file to write
     * @param window    {from, to} model cycles recorded
     * @param sameFailure whether the re-run's first failure was the original one (cycle, port and what)
     * @param groups    the .gtkw's groups and their signal counts
     */
    public record Waves(Path fst, Path gtkw, long[] window, Failure failure, Failure rerunFailure, boolean sameFailure,
                        Map<String, Integer> groups) {}

    /** The cycles a re-run records around a failure: [cycle - before, cycle + after], not before cycle 0. */
    public static long[] window(Failure f, long before, long after) {
        return new long[] {Math.max(0, f.cycle() - before), f.cycle() + after};
    }

    public static Waves rerun(RunConfig rc, Supplier<Source> source, Failure failure, Path fst, long before, long after) throws IOException {
        long[] w = window(failure, before, after);
        if (fst.toAbsolutePath().getParent() != null) Files.createDirectories(fst.toAbsolutePath().getParent());
        RunResult again;
        try (var named = Progress.label("debug re-run with waves")) {
            // the waves model only (the run itself counted the coverage)
            again = Testbench.run(rc.withWaves(fst, w[0], w[1]).withCoverage(null), source.get(), false);
        }
        Failure f2 = again.firstFailure();
        boolean same = failure.equals(f2);
        Path gtkw = fst.resolveSibling(stripExtension(fst.getFileName().toString()) + ".gtkw");
        FstSignals.Header header = FstSignals.read(fst);
        long psPerCycle = 1_000_000L / rc.params().coreMHz();  // as the harness stamps the waves (integer ps)
        Map<String, Integer> groups = GtkwSave.write(gtkw, fst, header, w[0] * psPerCycle, failure.cycle() * psPerCycle,
                failure.toString(), WaveGroups.forPort(failure.port(), rc.params().ports()));
        return new Waves(fst, gtkw, w, failure, f2, same, groups);
    }

    static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Lines for the report. */
    public static List<String> describe(Waves w) {
        return List.of(
                "waves: " + w.fst() + " (model cycles " + w.window()[0] + ".." + w.window()[1] + ")",
                "gtkwave: gtkwave " + w.gtkw() + "   (groups " + w.groups() + "; marker A at cycle " + w.failure().cycle() + ")",
                w.sameFailure() ? "re-run with waves failed the same way at the same cycle (reproduced bit for bit)"
                        : "WARNING: the re-run's first failure differs: " + w.rerunFailure() + " (the run is not reproducible)");
    }
}
