package director.tb.regress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import director.tb.io.InputError;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs a regression's runs on a Slurm cluster as one job array: the runs are split into shards, shard I is array task
 * I, and a task runs its shard's runs one after another through the same {@link LocalRunner#runOne} as the local mode
 * (each run its own JVM with its wall-clock limit, its files in its own folder). Everything goes through the file
 * system the nodes share: the models (built before the array, in the model cache), {@code OUT/slurm/manifest.json}
 * (the runs and the shards), the runs' folders, and one small record per run that a task writes when the run ends
 * ({@code OUT/slurm/ended/N.json}: exit code, seconds, timed out). The submitter polls {@code squeue} (no accounting
 * needed) and the records, and makes each run's outcome with {@link Outcome#of}, from the same exit code, result.json
 * and log as the local mode, so the results merge exactly as there. A run whose task died before recording it becomes
 * an ERROR naming the task's log; an interrupted regression cancels its array.
 */
public final class SlurmRunner implements Regression.Executor {
    /** Array tasks by default: one per run, at most this many. */
    public static final int MAX_DEFAULT_SHARDS = 64;
    /** Job states in which a job (an array task) is over. */
    static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL",
            "DEADLINE", "PREEMPTED", "REVOKED", "SPECIAL_EXIT");
    /** Seconds a run may take beyond its limit (killing it, the JVM's exit), and a shard's JVM to start. */
    static final int RUN_MARGIN_S = 30, SHARD_MARGIN_S = 120;
    private static final Pattern JOB_ID = Pattern.compile("\\d+");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * What the array asks of the cluster. {@code shards}: array tasks (at most one per run); {@code jobs}: array tasks at
     * once (null: as many as the cluster gives); {@code partition}: null for the cluster's default; {@code sbatchArgs}:
     * more sbatch options, as typed (--account=A, --mem=8G, --qos=Q).
     */
    public record Settings(int shards, Integer jobs, String partition, List<String> sbatchArgs) {
        public Settings {
            if (shards < 1) throw new IllegalArgumentException("--shards " + shards + ": must be at least 1");
            if (jobs != null && jobs < 1) throw new IllegalArgumentException("--jobs " + jobs + ": must be at least 1");
            sbatchArgs = sbatchArgs == null ? List.of() : List.copyOf(sbatchArgs);
        }
    }

    /** A Slurm cluster that is not there or refused the job: one line, exit 2 (bad input) on the command line. */
    public static final class SlurmError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public SlurmError(String message) {
            super(message);
        }
    }

    private final LocalRunner.Launcher launcher;
    private final Path workDir;
    private final Path out;
    private final Settings settings;
    private final Map<String, String> env;
    private final PrintWriter log;
    private long pollMillis = 1000;
    private long fsGraceMillis = 60_000;
    private long squeuePatienceMillis = 600_000;

    /**
     * {@code launcher}: the testbench's CLI as an array task starts it (the words of the shard command follow);
     * {@code workDir}: where the tasks and their runs start (the repository root); {@code out}: the regression's folder
     * (shared with the nodes); {@code env}: the environment of sbatch, squeue and scancel (SLURM_CONF, PATH), which
     * sbatch hands on to the tasks; {@code log}: where the job's submission and end are told.
     */
    public SlurmRunner(LocalRunner.Launcher launcher, Path workDir, Path out, Settings settings, Map<String, String> env, PrintWriter log) {
        this.launcher = launcher;
        this.workDir = workDir.toAbsolutePath().normalize();
        this.out = out.toAbsolutePath().normalize();
        this.settings = settings;
        this.env = Map.copyOf(env);
        this.log = log;
    }

    /** How often squeue and the records are looked at, and how long records of a task that completed may lag (NFS). */
    public SlurmRunner timing(long pollMillis, long fsGraceMillis) {
        this.pollMillis = pollMillis;
        this.fsGraceMillis = fsGraceMillis;
        return this;
    }

    /** Array tasks for {@code runs} runs when --shards is not given: one per run, at most {@link #MAX_DEFAULT_SHARDS}. */
    public static int defaultShards(int runs) {
        return Math.max(1, Math.min(runs, MAX_DEFAULT_SHARDS));
    }

    @Override
    public String name() { return "slurm"; }

    /** Runs at once: the array's throttle, else one per task. */
    @Override
    public int jobs() { return settings.jobs() != null ? settings.jobs() : settings.shards(); }

    /** The folder of the job's own files: manifest, sbatch script, task logs, run records. */
    public static Path dir(Path out) { return out.resolve("slurm"); }

    public static Path taskLog(Path slurmDir, int task) { return slurmDir.resolve("task-" + task + ".log"); }

    static Path endedDir(Path slurmDir) { return slurmDir.resolve("ended"); }

    static Path ended(Path slurmDir, int run) { return endedDir(slurmDir).resolve(run + ".json"); }

    // ---------------------------------------------------------------------------------------------------------------
    // the cluster: is it there

    /**
     * Fails with one line when sbatch is not on {@code env}'s PATH or no controller answers {@code scontrol ping}
     * (before any model is built or anything submitted).
     */
    public static void check(Map<String, String> env) {
        for (String tool : List.of("sbatch", "squeue", "scancel", "scontrol"))
            if (onPath(tool, env) == null)
                throw new SlurmError("slurm: " + tool + " not found on PATH; install slurm-wlm (scripts/ensure-tools) and start a cluster "
                        + "(or point SLURM_CONF at one), or run without --slurm");
        Exec ping = exec(List.of("scontrol", "ping"), env, 60);
        if (ping.code() != 0)
            throw new SlurmError("slurm: no controller answers (scontrol ping: " + firstLine(ping.out() + "\n" + ping.err())
                    + "); start slurmctld, or point SLURM_CONF (--slurm-conf) at the cluster's slurm.conf"
                    + (env.containsKey("SLURM_CONF") ? " (now " + env.get("SLURM_CONF") + ")" : ""));
    }

    static Path onPath(String program, Map<String, String> env) {
        for (String d : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the submitter

    @Override
    public List<Outcome> run(List<RunSpec> runs, Consumer<Outcome> done) {
        if (runs.isEmpty()) return List.of();
        Path dir = dir(out);
        List<List<Integer>> shards = shards(runs.size(), settings.shards());
        Path manifest = dir.resolve("manifest.json"), script = dir.resolve("regress.sbatch");
        try {
            clean(dir);
            Files.createDirectories(endedDir(dir));
            Manifest.of(workDir, runs, shards).write(manifest);
            Files.writeString(script, script(manifest, shards, runs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        String job = submit(script);
        int minutes = timeLimitMinutes(runs, shards);
        log.printf(Locale.ROOT, "slurm: job %s: %d array task(s) for %d runs, %s, up to %d min each; task logs %s; cancel: scancel %s%n",
                job, shards.size(), runs.size(), shards.size() == runs.size() ? "one run each" : "the runs of a task one after another",
                minutes, dir.resolve("task-N.log"), job);
        log.flush();
        Thread hook = new Thread(() -> cancel(job, true), "scancel-" + job);
        Runtime.getRuntime().addShutdownHook(hook);  // ^C: the array goes too
        boolean over = false;
        try {
            List<Outcome> outcomes = await(job, runs, shards, dir, done);
            over = true;
            return outcomes;
        } finally {
            if (!over) cancel(job, true);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
        }
    }

    /** Run {@code i} goes to shard {@code i mod k}: each task gets a share of every test. */
    static List<List<Integer>> shards(int runs, int shards) {
        int k = Math.max(1, Math.min(shards, runs));
        List<List<Integer>> s = new ArrayList<>();
        for (int t = 0; t < k; t++) s.add(new ArrayList<>());
        for (int i = 0; i < runs; i++) s.get(i % k).add(i);
        return s;
    }

    /** A task's limit: its runs' limits one after another, with margins; the longest task's, as the array has one. */
    static int timeLimitMinutes(List<RunSpec> runs, List<List<Integer>> shards) {
        long worst = 0;
        for (List<Integer> s : shards) {
            long sum = SHARD_MARGIN_S;
            for (int i : s) sum += runs.get(i).test().timeoutSeconds() + RUN_MARGIN_S;
            worst = Math.max(worst, sum);
        }
        return (int) Math.max(1, (worst + 59) / 60);
    }

    /** The array job: #SBATCH options, then the shard command for the task's index. */
    String script(Path manifest, List<List<Integer>> shards, List<RunSpec> runs) {
        Path dir = manifest.getParent();
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("# director regress --slurm: ").append(runs.size()).append(" runs in ").append(shards.size())
                .append(" array task(s); task I runs shard I of ").append(manifest.getFileName())
                .append(", run after run, each in its own JVM with its wall-clock limit\n");
        sb.append("# (the same code as a local regression). Submitted as: sbatch --parsable ").append(dir.resolve("regress.sbatch")).append('\n');
        List<String> opts = new ArrayList<>();
        opts.add("--job-name=director-regress");
        opts.add("--array=0-" + (shards.size() - 1) + (settings.jobs() != null ? "%" + settings.jobs() : ""));
        opts.add("--output=" + dir.resolve("task-%a.log"));
        opts.add("--time=" + timeLimitMinutes(runs, shards));
        opts.add("--cpus-per-task=1");
        opts.add("--chdir=" + workDir);
        if (settings.partition() != null) opts.add("--partition=" + settings.partition());
        opts.addAll(settings.sbatchArgs());
        for (String o : opts) sb.append("#SBATCH ").append(sbatchWord(o)).append('\n');
        List<String> cmd = launcher.command(List.of("regress-shard", "--manifest", manifest.toString(), "--shard"));
        sb.append("exec");
        for (String w : cmd) sb.append(' ').append(director.tb.run.Reproduce.quote(w));
        sb.append(" \"$SLURM_ARRAY_TASK_ID\"\n");
        return sb.toString();
    }

    /** A #SBATCH word: as it is, or in double quotes when it has blanks (sbatch reads quoted #SBATCH arguments). */
    static String sbatchWord(String o) {
        if (o.contains("\n") || o.contains("\"")) throw new IllegalArgumentException("sbatch option " + o + ": a newline or a double quote");
        return o.matches("\\S+") ? o : "\"" + o + "\"";
    }

    /** Removes what an earlier regression into the same folder left (records, task logs), so none is taken for new. */
    private static void clean(Path dir) throws IOException {
        Path ended = endedDir(dir);
        if (Files.isDirectory(ended))
            try (DirectoryStream<Path> s = Files.newDirectoryStream(ended)) {
                for (Path p : s) Files.deleteIfExists(p);
            }
        if (Files.isDirectory(dir))
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "task-*.log")) {
                for (Path p : s) Files.deleteIfExists(p);
            }
        Files.createDirectories(dir);
    }

    private String submit(Path script) {
        Exec r = exec(List.of("sbatch", "--parsable", script.toString()), env, 300);
        String id = r.out().strip().split(";", 2)[0];
        if (r.code() != 0 || !JOB_ID.matcher(id).matches())
            throw new SlurmError("slurm: sbatch --parsable " + script + " failed (exit " + r.code() + "): "
                    + firstLine(r.err() + "\n" + r.out()));
        return id;
    }

    /** scancel, even from an interrupted thread (the interrupt is kept for the caller). */
    private void cancel(String job, boolean say) {
        boolean interrupted = Thread.interrupted();
        try {
            Exec r = exec(List.of("scancel", job), env, 60);
            if (say) {
                log.println("slurm: job " + job + " cancelled" + (r.code() == 0 ? "" : " (scancel: " + firstLine(r.err()) + ")")
                        + "; its task logs: " + dir(out).resolve("task-N.log"));
                log.flush();
            }
        } catch (RuntimeException e) {
            if (say) log.println("slurm: scancel " + job + " failed: " + e.getMessage());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Waits for the records and the array's end; every run gets an outcome, in the runs' order. */
    private List<Outcome> await(String job, List<RunSpec> runs, List<List<Integer>> shards, Path dir, Consumer<Outcome> done) {
        int n = runs.size();
        Outcome[] got = new Outcome[n];
        int[] taskOf = new int[n];
        for (int t = 0; t < shards.size(); t++) for (int i : shards.get(t)) taskOf[i] = t;
        Map<Integer, String> taskState = new HashMap<>();
        long t0 = System.currentTimeMillis(), lastAnswer = t0;
        int left = n;
        boolean warned = false;
        while (true) {
            left -= collect(got, runs, dir, done);
            if (left == 0) return List.of(got);
            Queue q = squeue(job);
            long now = System.currentTimeMillis();
            if (q == null) {
                if (!warned) {
                    log.println("slurm: squeue does not answer about job " + job + "; trying again");
                    log.flush();
                    warned = true;
                }
                if (now - lastAnswer > squeuePatienceMillis)
                    throw new SlurmError("slurm: squeue has not answered about job " + job + " for " + squeuePatienceMillis / 1000
                            + " s; the job was cancelled (its results so far are in " + dir + ")");
            } else {
                lastAnswer = now;
                warned = false;
                taskState.putAll(q.tasks());
                if (q.over()) break;
            }
            sleep(now - t0 < 120_000 ? pollMillis : 5 * pollMillis);
        }
        // the array is over: records of tasks that completed may still be on their way through a shared file system
        long deadline = System.currentTimeMillis() + fsGraceMillis;
        while (true) {
            left -= collect(got, runs, dir, done);
            boolean waitable = false;
            for (int i = 0; i < n; i++)
                if (got[i] == null && "COMPLETED".equals(state(taskState.get(taskOf[i])))) waitable = true;
            if (left == 0 || !waitable || System.currentTimeMillis() >= deadline) break;
            sleep(Math.min(pollMillis, 1000));
        }
        for (int i = 0; i < n; i++) {
            if (got[i] != null) continue;
            int t = taskOf[i];
            String st = taskState.get(t);
            String why = st == null ? "left the queue" : "COMPLETED".equals(state(st))
                    ? "COMPLETED, but its record of this run (" + ended(dir, i) + ") never appeared (is " + out + " on a file system the nodes share?)"
                    : "ended " + st;
            got[i] = Outcome.lost(runs.get(i), "no result: array task " + t + " of slurm job " + job + " " + why
                    + " before this run reported; the task's log: " + taskLog(dir, t));
            done.accept(got[i]);
        }
        return List.of(got);
    }

    private static String state(String stateAndReason) {
        return stateAndReason == null ? null : stateAndReason.split(" ", 2)[0];
    }

    /** Outcomes of the runs whose records appeared since the last look; returns how many. */
    static int collect(Outcome[] got, List<RunSpec> runs, Path dir, Consumer<Outcome> done) {
        int k = 0;
        for (int i = 0; i < got.length; i++) {
            if (got[i] != null) continue;
            Path f = ended(dir, i);
            if (!Files.isRegularFile(f)) continue;
            got[i] = outcome(runs.get(i), f);
            done.accept(got[i]);
            k++;
        }
        return k;
    }

    /** A run's outcome from its record: {@link Outcome#of} on the exit code the task saw, as the local mode does. */
    static Outcome outcome(RunSpec r, Path record) {
        Ended e;
        try {
            e = JSON.readValue(record.toFile(), Ended.class);
        } catch (IOException x) {
            return Outcome.lost(r, "unreadable record " + record + ": " + firstLine(x.getMessage()));
        }
        if (e.error() != null || e.exitCode() == null)
            return Outcome.lost(r, "array task " + e.shard() + " on " + e.host() + " could not run it: " + e.error());
        return Outcome.of(r, e.exitCode(), e.seconds(), e.timedOut());
    }

    /** What squeue says of the job: each array task's state (and reason), and whether every task is over. */
    record Queue(Map<Integer, String> tasks, boolean over) {}

    /** squeue's view of the job, or null when it did not answer (the controller busy or restarting). */
    private Queue squeue(String job) {
        Exec r = exec(List.of("squeue", "--noheader", "--jobs=" + job, "--states=all", "--format=%K|%T|%r"), env, 120);
        if (r.code() != 0) {
            // a job that ended long enough ago leaves the controller's memory (MinJobAge): it is over
            if ((r.err() + r.out()).contains("Invalid job id")) return new Queue(Map.of(), true);
            return null;
        }
        return parseQueue(r.out());
    }

    /** squeue's lines {@code TASK|STATE|REASON}; pending tasks come as one line with a range ({@code 2-7%2}). */
    static Queue parseQueue(String text) {
        Map<Integer, String> tasks = new HashMap<>();
        boolean over = true;
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty()) continue;
            String[] f = line.split("\\|", -1);
            String state = f.length > 1 ? f[1].strip() : "";
            String reason = f.length > 2 ? f[2].strip() : "";
            if (!ENDED.contains(state)) over = false;
            if (f[0].matches("\\d+"))
                tasks.put(Integer.parseInt(f[0]), state + (reason.isEmpty() || reason.equals("None") ? "" : " (" + reason + ")"));
        }
        return new Queue(tasks, over);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // an array task

    /**
     * Array task {@code shard}: runs the shard's runs of {@code manifestFile} one after another with
     * {@link LocalRunner#runOne} (the same code as the local mode), and records how each ended as it ends.
     */
    public static void runShard(Path manifestFile, int shard, LocalRunner.Launcher launcher, PrintWriter log) {
        Manifest m = Manifest.read(manifestFile);
        if (shard < 0 || shard >= m.shards().size())
            throw new InputError(manifestFile.toString(), "no shard " + shard + " (shards 0.." + (m.shards().size() - 1) + ")");
        Path dir = manifestFile.toAbsolutePath().getParent();
        List<Integer> mine = m.shards().get(shard);
        String host = System.getenv().getOrDefault("SLURMD_NODENAME", System.getenv().getOrDefault("HOSTNAME", "?"));
        log.printf(Locale.ROOT, "regress-shard %d of %d on %s: %d run(s); again: scripts/director regress-shard --manifest %s --shard %d%n",
                shard, m.shards().size(), host, mine.size(), manifestFile, shard);
        log.flush();
        LocalRunner runner = new LocalRunner(launcher, 1, Path.of(m.workDir()));
        for (int i : mine) {
            RunSpec r = m.runs().get(i).spec();
            Ended e;
            try {
                Outcome o = runner.runOne(r);
                e = new Ended(r.id(), o.exitCode(), o.seconds(), o.status() == Outcome.Status.TIMEOUT, null, shard, host);
                log.printf(Locale.ROOT, "run %d: %s %s (%.1f s, exit %d)%n", i, o.status(), r.id(), o.seconds(), o.exitCode());
            } catch (RuntimeException x) {
                e = new Ended(r.id(), null, 0, false, String.valueOf(x.getMessage()), shard, host);
                log.printf(Locale.ROOT, "run %d: %s could not run: %s%n", i, r.id(), x.getMessage());
            }
            log.flush();
            writeAtomically(ended(dir, i), e);
        }
    }

    /** Written beside, then moved into place: the submitter never reads half a record. */
    private static void writeAtomically(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), value);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the files

    /** How a run ended, as the task saw it: what {@link Outcome#of} needs, or why it could not run. */
    record Ended(@JsonProperty("run") String run, @JsonProperty("exit_code") Integer exitCode, @JsonProperty("seconds") double seconds,
                 @JsonProperty("timed_out") boolean timedOut, @JsonProperty("error") String error, @JsonProperty("shard") int shard,
                 @JsonProperty("host") String host) {}

    /** One run in the manifest: its test entry, index, seed and folder. */
    record ManifestRun(@JsonProperty("test") String test, @JsonProperty("command") String command, @JsonProperty("args") List<String> args,
                       @JsonProperty("seeds") int seeds, @JsonProperty("covers") List<String> covers,
                       @JsonProperty("timeout_s") int timeoutSeconds, @JsonProperty("index") int index, @JsonProperty("seed") long seed,
                       @JsonProperty("dir") String dir, @JsonProperty("coverage") boolean coverage) {
        static ManifestRun of(RunSpec r) {
            Plan.Test t = r.test();
            return new ManifestRun(t.name(), t.command(), t.args(), t.seeds(), t.covers(), t.timeoutSeconds(), r.index(), r.seed(),
                    r.dir().toString(), r.coverage());
        }

        RunSpec spec() {
            Plan.Test t = new Plan.Test(test, command, args == null ? List.of() : args, seeds, covers == null ? List.of() : covers, timeoutSeconds);
            return new RunSpec(t, index, seed, Path.of(dir), coverage);
        }
    }

    /** The array's runs and which task runs which ({@code shards.get(t)}: the runs' positions in {@code runs}). */
    record Manifest(@JsonProperty("work_dir") String workDir, @JsonProperty("shards") List<List<Integer>> shards,
                    @JsonProperty("runs") List<ManifestRun> runs) {
        static Manifest of(Path workDir, List<RunSpec> runs, List<List<Integer>> shards) {
            return new Manifest(workDir.toString(), shards, runs.stream().map(ManifestRun::of).toList());
        }

        void write(Path file) throws IOException {
            writeAtomically(file, this);
        }

        static Manifest read(Path file) {
            Manifest m;
            try {
                m = JSON.readValue(file.toFile(), Manifest.class);
            } catch (NoSuchFileException | java.io.FileNotFoundException e) {
                throw new InputError(file.toString(), "no such file");
            } catch (IOException e) {
                throw new InputError(file.toString(), firstLine(e.getMessage()));
            }
            if (m == null || m.workDir() == null || m.shards() == null || m.runs() == null)
                throw new InputError(file.toString(), "not a regression manifest (needs work_dir, shards, runs)");
            for (List<Integer> s : m.shards())
                for (int i : s)
                    if (i < 0 || i >= m.runs().size())
                        throw new InputError(file.toString(), "field shards: run " + i + " is not one of the " + m.runs().size() + " runs");
            return m;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    record Exec(int code, String out, String err) {}

    /** Runs a Slurm client command with {@code env}; its output in memory (they say little). */
    static Exec exec(List<String> cmd, Map<String, String> env, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().clear();
            pb.environment().putAll(env);
            Path o = Files.createTempFile("slurm-out", ".txt"), e = Files.createTempFile("slurm-err", ".txt");
            try {
                Process p = pb.redirectOutput(o.toFile()).redirectError(e.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    return new Exec(-1, Files.readString(o), "no answer in " + timeoutSeconds + " s");
                }
                return new Exec(p.exitValue(), Files.readString(o), Files.readString(e));
            } finally {
                Files.deleteIfExists(o);
                Files.deleteIfExists(e);
            }
        } catch (IOException x) {
            return new Exec(-1, "", String.valueOf(x.getMessage()));
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("regression interrupted (during " + String.join(" ", cmd) + ")", x);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("regression interrupted", e);
        }
    }

    static String firstLine(String s) {
        if (s == null) return "";
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no output)");
    }
}
