package director.tb.regress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A regression: a plan's tests, each run once per seed (every seed derived from one run seed, {@link Seeds}), run in
 * parallel processes, the outcomes reported as JUnit XML, CSV and HTML ({@link RegressReport}). The models the runs
 * need are built before any run starts (the caller's {@code prepare}), so parallel runs share them from the cache.
 */
public final class Regression {
    private Regression() {}

    /** Every run of the plan, test by test, seed by seed. */
    public static List<RunSpec> runs(Plan plan, long runSeed, Path out) {
        return runs(plan, runSeed, out, false);
    }

    /** Every run of the plan, test by test, seed by seed; each writes its cover points when {@code coverage}. */
    public static List<RunSpec> runs(Plan plan, long runSeed, Path out, boolean coverage) {
        List<RunSpec> runs = new ArrayList<>();
        for (Plan.Test t : plan.tests())
            for (int k = 0; k < t.seeds(); k++) {
                long seed = Seeds.of(runSeed, t.name(), k);
                runs.add(new RunSpec(t, k, seed, RunSpec.dirOf(out, t.name(), seed), coverage && t.coverage()));
            }
        return runs;
    }

    /** Where the runs go and how. */
    public interface Executor {
        /** A word for the report (local, slurm). */
        String name();
        int jobs();
        List<Outcome> run(List<RunSpec> runs, java.util.function.Consumer<Outcome> done);
    }

    /** Runs the plan's runs with {@code executor}, prints a line per finished run, writes the reports into {@code out}. */
    public static RegressReport.Summary run(Plan plan, long runSeed, String regressCommand, Path out, Executor executor,
                                            PrintWriter log, boolean coverage) throws IOException {
        List<RunSpec> runs = runs(plan, runSeed, out, coverage);
        int total = runs.size();
        AtomicInteger n = new AtomicInteger();
        long t0 = System.nanoTime();
        log.printf(Locale.ROOT, "regress: plan %s, %d tests, %d runs, run seed %d, %d jobs (%s), results in %s%n", plan.name(),
                plan.tests().size(), total, runSeed, executor.jobs(), executor.name(), out);
        log.flush();
        List<Outcome> outcomes = executor.run(runs, o -> {
            log.printf(Locale.ROOT, "[%d/%d] %-7s %s (%.1f s)%s%n", n.incrementAndGet(), total, o.status(), o.run().id(), o.seconds(),
                    o.passed() ? "" : ": " + (o.firstFailure() != null ? o.firstFailure() : o.detail()));
            log.flush();
        });
        double wall = (System.nanoTime() - t0) / 1e9;
        FunctionalCoverage.Result cov = null;
        List<Path> covFiles = List.of();
        if (coverage) {
            cov = FunctionalCoverage.merge(runs.stream().map(RunSpec::coverageFile).toList(), out.resolve("coverage"));
            covFiles = FunctionalCoverage.write(cov, plan, out.resolve("coverage"));
        }
        RegressReport.Summary s = new RegressReport.Summary(plan.name(), runSeed, regressCommand, outcomes, wall, executor.jobs(),
                executor.name(), cov == null ? null : cov.summary());
        List<Path> files = new ArrayList<>(RegressReport.write(s, out));
        files.addAll(covFiles);
        List<Buckets.Bucket> buckets = Buckets.of(outcomes);
        for (Buckets.Bucket b : buckets) {
            Outcome f = b.first();
            log.printf(Locale.ROOT, "bucket (%d run(s)): %s%n  first: %s seed %d%n  reproduce: %s%n", b.runs().size(), b.signature(),
                    f.run().test().name(), f.run().seed(), f.reproduce());
            if (f.waves() != null) log.printf("  waves: %s%s%n", f.waves(), f.gtkw() != null ? " (gtkwave " + f.gtkw() + ")" : "");
        }
        log.printf(Locale.ROOT, "regress: %d of %d runs passed, %d failed, %d failure bucket(s), %.1f s wall%n", s.passed(), total,
                s.failed(), buckets.size(), wall);
        if (cov != null) log.println("coverage: " + cov.summary() + "; holes first in " + out.resolve("coverage").resolve("index.html"));
        log.println("reports: " + files.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse(""));
        log.println("again, the same seeds: " + regressCommand);
        log.println("RESULT: " + (s.failed() == 0 ? "PASS" : "FAIL"));
        log.flush();
        return s;
    }
}
