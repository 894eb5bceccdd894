package director.tb.cli;

import director.tb.run.DirectorModel;
import director.tb.run.Reproduce;

import director.rtl.params.DirectorParams;
import director.tb.regress.LocalRunner;
import director.tb.regress.Plan;
import director.tb.regress.RegressReport;
import director.tb.regress.Regression;
import director.tb.regress.Seeds;
import director.tb.regress.SlurmRunner;
import director.tb.sim.Models;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code director regress}: a test plan's tests over many seeds, in parallel processes, with merged results. */
@Command(name = "regress", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a regression plan (regress/*.yaml): every test of the plan once per seed, each run in its own process "
                + "with a wall-clock limit, the seeds derived from one run seed; a failing run re-runs itself with waves around "
                + "its first failure. With --slurm the runs go to a Slurm cluster as one job array, merged the same way.",
        footer = "%nWrites into --out: junit.xml (one testcase per test x seed), results.csv, index.html (by test and seed, "
                + "failure buckets, reproduce commands, waves), runs/TEST/seed-S/ (result.json, run.log, waves). "
                + "With --slurm also OUT/slurm/ (the manifest, the sbatch script, task-N.log of each array task). "
                + "Relative paths in a plan's options are relative to the repository root. Shipped plans: smoke, nightly, full "
                + "(regress/README.md).")
final class RegressCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--plan", paramLabel = "NAME|FILE", required = true,
            description = "a shipped plan's name (regress/NAME.yaml) or a plan file (default: none, required)")
    String plan;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "where the results go (made if needed) (default: none, required)")
    Path out;

    @Option(names = "--seed", paramLabel = "S", converter = Converters.NonNegativeLong.class,
            description = "the run seed every run's seed derives from: the same S reruns the whole regression exactly (default: 1)")
    Long seed;

    @Option(names = "--reseed", description = "draw a new run seed (printed) instead of 1: new random seeds for every test (default: false)")
    boolean reseed;

    @Option(names = "--jobs", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "runs at once (default: the number of cores); with --slurm, array tasks at once (default: as many as "
                    + "the cluster gives)")
    Integer jobs;

    @Option(names = "--no-coverage", description = "do not count the RTL's cover points (runs use the plain model builds; "
            + "otherwise every run counts them and the regression writes coverage/ with the merged report) (default: false)")
    boolean noCoverage;

    @Option(names = "--only", paramLabel = "TEST[,TEST]", split = ",",
            description = "run only these tests of the plan (names as in the plan) (default: every test)")
    List<String> only;

    @Option(names = "--slurm", description = "submit the runs to a Slurm cluster as one job array instead of running them here; "
            + "the models are built here first, and the repository, the model cache and --out must be on a file system the "
            + "nodes share. With --jobs: array tasks at once (default: off, the runs go here)")
    boolean slurm;

    @Option(names = "--shards", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "with --slurm: array tasks; each runs its share of the runs one after another (default: one per run, "
                    + "at most " + SlurmRunner.MAX_DEFAULT_SHARDS + ")")
    Integer shards;

    @Option(names = "--partition", paramLabel = "P", description = "with --slurm: the partition (default: the cluster's default)")
    String partition;

    @Option(names = "--slurm-conf", paramLabel = "FILE",
            description = "with --slurm: the cluster's slurm.conf, set as SLURM_CONF for sbatch, squeue and scancel (default: "
                    + "SLURM_CONF, else Slurm's own default)")
    Path slurmConf;

    @Option(names = "--sbatch-arg", paramLabel = "ARG",
            description = "with --slurm: one more sbatch option for the array, repeatable, e.g. --sbatch-arg=--account=A "
                    + "--sbatch-arg=--mem=8G (default: none)")
    List<String> sbatchArgs;

    @Override
    public Integer call() throws IOException {
        PrintWriter log = spec.commandLine().getOut();
        if (seed != null && reseed) throw new ParameterException(spec.commandLine(), "--seed and --reseed: give one of them");
        Path root = repoRoot();
        Plan p = Plan.load(Plan.resolve(plan, root.resolve("regress")));
        if (only != null && !only.isEmpty()) {
            List<String> names = p.tests().stream().map(Plan.Test::name).toList();
            for (String o : only)
                if (!names.contains(o)) throw new ParameterException(spec.commandLine(), "--only " + o + ": no such test in plan " + p.name()
                        + " (" + String.join(", ", names) + ")");
            p = new Plan(p.name(), p.description(), p.timeoutSeconds(), p.tests().stream().filter(t -> only.contains(t.name())).toList(), p.file());
        }
        for (var o : List.of(new Object[]{"--shards", shards}, new Object[]{"--partition", partition}, new Object[]{"--slurm-conf", slurmConf},
                new Object[]{"--sbatch-arg", sbatchArgs}))
            if (o[1] != null && !slurm) throw new ParameterException(spec.commandLine(), o[0] + ": only with --slurm");
        Map<String, String> slurmEnv = new HashMap<>(System.getenv());
        if (slurm) {
            if (slurmConf != null) {
                if (!Files.isRegularFile(slurmConf)) throw new ParameterException(spec.commandLine(), "--slurm-conf " + slurmConf + ": no such file");
                slurmEnv.put("SLURM_CONF", slurmConf.toAbsolutePath().normalize().toString());
            }
            SlurmRunner.check(slurmEnv);  // before the models are built: no cluster, no wait
        }
        long runSeed = reseed ? Seeds.fresh() : seed != null ? seed : 1L;
        int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        Path outDir = out.toAbsolutePath().normalize();
        Files.createDirectories(outDir);

        // every entry's options checked, and every model built, before any run starts (fuzzing sessions need none)
        java.util.Set<Map.Entry<DirectorParams, Boolean>> models = builds(p, !noCoverage);
        log.println("regress: " + models.size() + " model(s) for " + p.tests().size() + " tests; building what the cache lacks");
        log.flush();
        for (var m : models) DirectorModel.library(m.getKey(), false, m.getValue());

        String again = "scripts/director regress --plan " + Reproduce.quote(plan) + " --out " + Reproduce.quote(out.toString())
                + " --seed " + runSeed + (only != null && !only.isEmpty() ? " --only " + String.join(",", only) : "")
                + (noCoverage ? " --no-coverage" : "") + (slurm ? slurmWords() : "");
        log.println("run seed " + runSeed + (reseed ? " (drawn by --reseed)" : "") + "; the same seeds again: " + again);
        Regression.Executor executor = slurm
                ? new SlurmRunner(LocalRunner.sameJvm(), root, outDir, new SlurmRunner.Settings(shards != null ? shards
                        : SlurmRunner.defaultShards(p.runs()), jobs, partition, sbatchArgs), slurmEnv, log)
                : new LocalRunner(LocalRunner.sameJvm(), n, root, threadsOf(p));
        RegressReport.Summary s = Regression.run(p, runSeed, again, outDir, executor, log, !noCoverage);
        return s.failed() == 0 ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }

    /** The --slurm options of the command that repeats the regression. */
    private String slurmWords() {
        StringBuilder sb = new StringBuilder(" --slurm");
        if (shards != null) sb.append(" --shards ").append(shards);
        if (jobs != null) sb.append(" --jobs ").append(jobs);
        if (partition != null) sb.append(" --partition ").append(Reproduce.quote(partition));
        if (slurmConf != null) sb.append(" --slurm-conf ").append(Reproduce.quote(slurmConf.toString()));
        if (sbatchArgs != null) for (String a : sbatchArgs) sb.append(" --sbatch-arg=").append(Reproduce.quote(a));
        return sb.toString();
    }

    /** The models a plan's runs use (each with the first test that uses it), every entry's options checked on the way. */
    /** Per run, the threads its model simulates on (1 for a fuzzing session): a run takes as many of the jobs. */
    static java.util.function.ToIntFunction<director.tb.regress.RunSpec> threadsOf(Plan p) {
        Map<String, Integer> byTest = new HashMap<>();
        for (Plan.Test t : p.tests()) byTest.put(t.name(), paramsOf(p, t).map(Models::directorThreads).orElse(1));
        return r -> byTest.getOrDefault(r.test().name(), 1);
    }

    /** The models the plan needs, each the first test that uses it (every entry's options checked on the way). */
    static Map<DirectorParams, String> models(Plan p) {
        Map<DirectorParams, String> models = new LinkedHashMap<>();
        for (Plan.Test t : p.tests()) paramsOf(p, t).ifPresent(dp -> models.putIfAbsent(dp, t.name()));
        return models;
    }

    /** The model builds the plan's runs use: each profile's parameters, and whether the coverage build (the
     * regression counts coverage and the entry does not opt out); a profile may need both. */
    static java.util.Set<Map.Entry<DirectorParams, Boolean>> builds(Plan p, boolean coverage) {
        java.util.Set<Map.Entry<DirectorParams, Boolean>> b = new java.util.LinkedHashSet<>();
        for (Plan.Test t : p.tests()) paramsOf(p, t).ifPresent(dp -> b.add(Map.entry(dp, coverage && t.coverage())));
        return b;
    }

    /**
     * The model a plan entry runs (none for a fuzzing session), from its options parsed as its command would parse them
     * (a bad option names the test).
     */
    static Optional<DirectorParams> paramsOf(Plan p, Plan.Test t) {
        List<String> args = new ArrayList<>();
        args.add(t.command());
        args.addAll(t.args());
        CommandLine cl = Main.commandLine();
        try {
            ParseResult pr = cl.parseArgs(args.toArray(String[]::new));
            Object cmd = pr.subcommand().commandSpec().userObject();
            if (cmd instanceof FuzzCommand f) {
                f.check(pr.subcommand().commandSpec().commandLine());
                return Optional.empty();
            }
            ModelOptions m = cmd instanceof RunCommand r ? r.model : ((ReplayCommand) cmd).model;
            return Optional.of(m.params());
        } catch (ParameterException | IllegalArgumentException e) {
            throw new Plan.PlanException(p.file() + ": test " + t.name() + ": " + e.getMessage());
        }
    }

    /** The repository this testbench belongs to (where regress/ and traces/ are): up from the current folder. */
    static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path q = here; q != null; q = q.getParent())
            if (Files.isDirectory(q.resolve("regress")) && Files.isRegularFile(q.resolve("scripts").resolve("director"))) return q;
        return here;
    }
}
