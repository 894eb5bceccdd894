package director.tb.regress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a regression: test {@code test}'s run {@code index} with its derived seed, its files in {@code dir}
 * (result.json, run.log, waves of the debug re-run, replay results, its cover points when {@code coverage}).
 */
public record RunSpec(Plan.Test test, int index, long seed, Path dir, boolean coverage) {
    /** Where a run of test T with seed S keeps its files: OUT/runs/T/seed-S. */
    public static Path dirOf(Path out, String test, long seed) {
        return out.resolve("runs").resolve(test).resolve("seed-" + seed);
    }

    public String id() { return test.name() + "/seed-" + seed; }

    public Path json() { return dir.resolve("result.json"); }

    public Path log() { return dir.resolve("run.log"); }

    public Path failWaves() { return dir.resolve("waves.fst"); }

    /** Whether the run counts the RTL's cover points: a run or replay of a regression that counts coverage (fuzzing runs no model). */
    public boolean counts() { return test.command().equals("run") || test.command().equals("replay"); }

    /** The run's cover points (when the regression counts coverage). */
    public Path coverageFile() { return dir.resolve("coverage.dat"); }

    /** The command line's words after the program: the test's command and options, then what the regression sets. */
    public List<String> cliArgs() {
        List<String> a = new ArrayList<>();
        a.add(test.command());
        a.addAll(test.args());
        a.add("--seed");
        a.add(Long.toString(seed));
        a.add("--json");
        a.add(json().toString());
        a.add("--no-progress");
        a.add("--on-fail");
        a.add("waves");
        a.add("--fail-waves");
        a.add(failWaves().toString());
        if (coverage && counts()) {
            a.add("--coverage");
            a.add(coverageFile().toString());
        }
        if (test.command().equals("replay")) {
            a.add("--results");
            a.add(dir.resolve("replay-results.csv").toString());
        }
        return a;
    }

    /** The command that repeats this run alone, as a user types it (the regression's own options left out). */
    public String reproduce() {
        return director.tb.run.Reproduce.command(test.command(), test.args(), seed);
    }
}
