package director.tb.regress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a regression's runs on this machine: each in its own JVM (the testbench's CLI), at most {@code jobs} at once,
 * each with its own wall-clock limit. A run that crashes, hangs or is killed fails alone; its log stays in its folder.
 */
public final class LocalRunner implements Regression.Executor {
    private final Launcher launcher;
    private final int jobs;
    private final Path workDir;

    /** Starts one run's process: the JVM and the testbench's main class, then the run's own words. */
    public interface Launcher {
        List<String> command(List<String> cliArgs);
    }

    /** The testbench's CLI in a JVM like this one (same java, class path, stack size, serial GC). */
    public static Launcher sameJvm() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        return args -> {
            List<String> c = new ArrayList<>(List.of(java, "-Xss8m", "-XX:+UseSerialGC", "-cp", cp, "director.tb.cli.Main"));
            c.addAll(args);
            return c;
        };
    }

    /** {@code workDir}: where runs start (relative paths in a plan's options are relative to it). */
    public LocalRunner(Launcher launcher, int jobs, Path workDir) {
        if (jobs < 1) throw new IllegalArgumentException("--jobs " + jobs + ": must be at least 1");
        this.launcher = launcher;
        this.jobs = jobs;
        this.workDir = workDir;
    }

    @Override
    public String name() { return "local"; }

    @Override
    public int jobs() { return jobs; }

    /** Runs them all; {@code done} hears each outcome as it ends (from the runner's threads, one at a time). */
    @Override
    public List<Outcome> run(List<RunSpec> runs, Consumer<Outcome> done) {
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "regress-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (RunSpec r : runs) futures.add(pool.submit(() -> {
                Outcome o = runOne(r);
                synchronized (done) { done.accept(o); }
                return o;
            }));
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("regression runner: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("regression interrupted", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One run in its own process, its output in its log, killed (with its children) at its limit. */
    public Outcome runOne(RunSpec r) {
        try {
            Files.createDirectories(r.dir());
            Files.deleteIfExists(r.json());
            ProcessBuilder pb = new ProcessBuilder(launcher.command(r.cliArgs()))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(r.log().toFile());
            pb.environment().put("DIRECTOR_PROGRESS", "0");
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean finished = p.waitFor(r.test().timeoutSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            return Outcome.of(r, finished ? p.exitValue() : -1, s, !finished);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + r.id() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run " + r.id() + " interrupted", e);
        }
    }
}
