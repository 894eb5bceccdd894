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
 * Runs a regression's runs on this machine: each in its own JVM (the testbench's CLI), at most {@code jobs} at once
 * (a run of a multithreaded model taking as many slots as its threads),
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
        this(launcher, jobs, workDir, r -> 1);
    }

    /**
     * {@code threads}: the threads a run's model simulates on (a vp780 model runs on two). A run takes that many of
     * the {@code jobs} slots (at most all of them): a multithreaded Verilator model busy-waits for its threads, and
     * two two-thread vp780 runs side by side on two cores ran at 605-628 cycles/s each (regress/README.md).
     */
    public LocalRunner(Launcher launcher, int jobs, Path workDir, java.util.function.ToIntFunction<RunSpec> threads) {
        if (jobs < 1) throw new IllegalArgumentException("--jobs " + jobs + ": must be at least 1");
        this.launcher = launcher;
        this.jobs = jobs;
        this.workDir = workDir;
        this.threads = threads;
    }

    private final java.util.function.ToIntFunction<RunSpec> threads;

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
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(jobs, true);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (RunSpec r : runs) futures.add(pool.submit(() -> {
                int w = Math.max(1, Math.min(jobs, threads.applyAsInt(r)));
                slots.acquire(w);
                Outcome o;
                try {
                    o = runOne(r);
                } finally {
                    slots.release(w);
                }
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
