package director.tb.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A single-node Slurm cluster on localhost for a test, as root (Debian's slurm-wlm; the recipe of
 * shared/toolchain.md): its own munged (--force, its own key and socket), {@code slurmctld -D -c -i} and
 * {@code slurmd -D -N localhost}, free ports, proctrack/linuxproc, task/none, select/cons_tres, no accounting, every
 * file (slurm.conf, key, sockets, state, spool, logs) under one folder in /tmp that goes when it stops. Clients see
 * it through {@link #env()} (SLURM_CONF). {@link #close()} cancels every job, waits for the queue to drain, stops the
 * daemons, then kills whatever still carries this cluster's SLURM_CONF in its environment (a job step outliving its
 * slurmd); a shutdown hook does the same if the test JVM ends first.
 *
 * <pre>{@code
 * try (LocalSlurm slurm = LocalSlurm.start()) {
 *     ... new ProcessBuilder("sbatch", ...) with slurm.env(), or --slurm-conf slurm.conf() ...
 * }
 * }</pre>
 */
public final class LocalSlurm implements AutoCloseable {
    /** The partition jobs go to by default. */
    public static final String PARTITION = "debug";
    private static final String[] DAEMON_DIRS = {"/usr/sbin", "/sbin", "/usr/local/sbin"};

    private final Path dir;
    private final Path conf;
    private final Map<String, String> env;
    private final List<Process> daemons = new ArrayList<>();
    private final Thread hook;
    private boolean closed;

    private LocalSlurm(Path dir) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
        Map<String, String> e = new HashMap<>(System.getenv());
        e.put("SLURM_CONF", conf.toString());
        this.env = Map.copyOf(e);
        this.hook = new Thread(this::stop, "local-slurm-stop");
    }

    /** Starts the cluster and waits until its node is idle (about a second); fails the test, with the daemons' logs, if not. */
    public static LocalSlurm start() {
        RequiredTools.slurm();
        Object uid;
        try {
            uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            uid = "?";
        }
        if (!Integer.valueOf(0).equals(uid))
            fail("LocalSlurm runs slurmctld, slurmd and munged, which needs root (uid " + uid + "); the tests run as root here and in CI");
        Path dir;
        try {
            // short: munge's socket path has to fit a sockaddr_un (108 bytes)
            dir = Files.createTempDirectory(Path.of("/tmp"), "director-slurm-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalSlurm s = new LocalSlurm(dir);
        Runtime.getRuntime().addShutdownHook(s.hook);
        try {
            s.boot();
            return s;
        } catch (Throwable t) {
            String logs = s.logs();
            s.close();
            if (t instanceof AssertionError a) throw new AssertionError(a.getMessage() + "\n" + logs, a);
            throw new AssertionError("LocalSlurm: " + t + "\n" + logs, t);
        }
    }

    /** The cluster's slurm.conf (what --slurm-conf and SLURM_CONF take). */
    public Path conf() { return conf; }

    /** This environment with SLURM_CONF set to this cluster: for sbatch, squeue, scancel and their kin. */
    public Map<String, String> env() { return env; }

    /** Where the daemons' logs are (until {@link #close()}). */
    public Path dir() { return dir; }

    private void boot() throws IOException, InterruptedException {
        for (String d : List.of("state", "spool", "log")) Files.createDirectories(dir.resolve(d));
        byte[] key = new byte[1024];
        new SecureRandom().nextBytes(key);
        Path keyFile = dir.resolve("munge.key");
        Files.write(keyFile, key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Path socket = dir.resolve("munge.socket");
        int ctld = freePort(), slurmd = freePort();
        int cpus = Runtime.getRuntime().availableProcessors();
        Files.writeString(conf, String.join("\n",
                "# a single-node cluster on localhost for a test (LocalSlurm); everything under " + dir,
                "ClusterName=director-test",
                "SlurmctldHost=localhost",
                "SlurmctldPort=" + ctld,
                "SlurmdPort=" + slurmd,
                "SlurmUser=root",
                "SlurmdUser=root",
                "AuthType=auth/munge",
                "AuthInfo=socket=" + socket,
                "CredType=cred/munge",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("log/slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                "SlurmdParameters=config_overrides",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "JobCompType=jobcomp/none",
                "MpiDefault=none",
                "MailProg=/bin/true",
                "ReturnToService=2",
                "SchedulerParameters=batch_sched_delay=0",
                "KillWait=5",
                "NodeName=localhost NodeAddr=127.0.0.1 CPUs=" + cpus + " State=UNKNOWN",
                "PartitionName=" + PARTITION + " Nodes=localhost Default=YES MaxTime=INFINITE State=UP",
                ""), StandardCharsets.UTF_8);

        daemon("munged", List.of(daemonPath("munged"), "-F", "--force", "--socket=" + socket, "--key-file=" + keyFile,
                "--log-file=" + dir.resolve("log/munged.log"), "--pid-file=" + dir.resolve("munged.pid"),
                "--seed-file=" + dir.resolve("munged.seed")));
        waitFor("munged's socket " + socket, 10, () -> Files.exists(socket));
        daemon("slurmctld", List.of(daemonPath("slurmctld"), "-D", "-c", "-i", "-f", conf.toString()));
        daemon("slurmd", List.of(daemonPath("slurmd"), "-D", "-N", "localhost", "-f", conf.toString()));
        waitFor("node localhost idle (sinfo)", 60, () -> {
            Result r = client(List.of("sinfo", "--noheader", "--nodes=localhost", "--format=%T"), 20);
            return r.code() == 0 && r.out().strip().equals("idle");
        });
    }

    private interface Check {
        boolean ok() throws IOException, InterruptedException;
    }

    private void waitFor(String what, int seconds, Check c) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.ok()) {
            for (Process p : daemons)
                if (!p.isAlive()) fail("LocalSlurm: " + p.info().command().orElse("a daemon") + " exited (" + p.exitValue() + ") while waiting for " + what);
            if (System.nanoTime() > end) fail("LocalSlurm: no " + what + " after " + seconds + " s");
            Thread.sleep(100);
        }
    }

    private void daemon(String name, List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log/" + name + ".out").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        daemons.add(pb.start());
    }

    private static String daemonPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":"))
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) return Path.of(d, name).toString();
        for (String d : DAEMON_DIRS)
            if (Files.isExecutable(Path.of(d, name))) return Path.of(d, name).toString();
        return fail(name + " not found on PATH or in /usr/sbin: run scripts/ensure-tools, which installs slurm-wlm with apt-get");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public record Result(int code, String out, String err) {}

    /** A Slurm client command (squeue, scancel, sinfo, ...) against this cluster. */
    public Result client(List<String> cmd, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().clear();
            pb.environment().putAll(env);
            Path o = Files.createTempFile(dir, "client", ".out"), e = Files.createTempFile(dir, "client", ".err");
            try {
                Process p = pb.redirectOutput(o.toFile()).redirectError(e.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, "", String.join(" ", cmd) + ": no answer in " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(o), Files.readString(e));
            } finally {
                Files.deleteIfExists(o);
                Files.deleteIfExists(e);
            }
        } catch (IOException x) {
            return new Result(-1, "", String.valueOf(x));
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        }
    }

    /** The jobs (array tasks one a line) the controller still has pending or running: {@code ID|STATE}. */
    public List<String> queue() {
        Result r = client(List.of("squeue", "--noheader", "--format=%i|%T"), 20);
        if (r.code() != 0) fail("squeue (SLURM_CONF=" + conf + "): " + r.err());
        return r.out().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The daemons' logs' last lines (for a failure message). */
    public String logs() {
        StringBuilder sb = new StringBuilder();
        Path logs = dir.resolve("log");
        if (!Files.isDirectory(logs)) return "";
        try (Stream<Path> s = Files.list(logs)) {
            for (Path p : s.sorted().toList()) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.ISO_8859_1);
                sb.append("--- ").append(p).append(" (last lines)\n");
                for (String l : lines.subList(Math.max(0, lines.size() - 15), lines.size())) sb.append(l).append('\n');
            }
        } catch (IOException e) {
            sb.append("(logs: ").append(e.getMessage()).append(")\n");
        }
        return sb.toString();
    }

    /** Cancels every job, waits for the queue to drain, stops the daemons, sweeps stray job processes, removes the folder. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running stop() itself
        }
    }

    private synchronized void stop() {
        if (closed) return;
        closed = true;
        boolean up = daemons.size() == 3 && daemons.stream().allMatch(Process::isAlive);
        if (up) {
            client(List.of("scancel", "--user=root"), 20);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < end) {
                Result r = client(List.of("squeue", "--noheader", "--format=%i"), 10);
                if (r.code() != 0 || r.out().isBlank()) break;
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        // slurmd, slurmctld, munged: the reverse of their start
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process p = daemons.get(i);
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        sweep();
        deleteTree(dir);
    }

    /** Kills what still runs with this cluster's SLURM_CONF in its environment: job steps and their processes. */
    private void sweep() {
        byte[] mark = ("SLURM_CONF=" + conf + "\0").getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> stray = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.matches("\\d+") || Long.parseLong(name) == self) continue;
                byte[] environ;
                try {
                    environ = Files.readAllBytes(p.resolve("environ"));
                } catch (IOException | SecurityException e) {
                    continue;  // gone, or not ours to read
                }
                if (indexOf(environ, mark) >= 0) ProcessHandle.of(Long.parseLong(name)).ifPresent(stray::add);
            }
        } catch (IOException e) {
            return;
        }
        for (ProcessHandle h : stray) h.destroyForcibly();
        for (ProcessHandle h : stray) h.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> h).join();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (i > 0 && hay[i - 1] != 0) continue;  // the start of a variable
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            // a socket or a file a dying daemon still writes: /tmp keeps it
        }
    }
}
