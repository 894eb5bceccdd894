package director.tb.fuzz;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One fuzzing session of one target ({@code director fuzz}): Jazzer's driver ({@code com.code_intelligence.jazzer.Jazzer},
 * documented as its command line) in a child JVM on this JVM's class path, fuzzing {@link FuzzMain} with the target's
 * name. Its folder {@code dir} keeps what the session leaves:
 * <ul>
 *   <li>{@code corpus/}: the inputs that found new coverage (libFuzzer's corpus; a later session in the same folder
 *       starts from it);</li>
 *   <li>{@code seeds/}: the target's seeds, written afresh for each session (read only by the fuzzer);</li>
 *   <li>{@code crash-<sha1>} (or {@code timeout-}, {@code oom-}): the input of a finding, with {@code Crash_<sha1>.java},
 *       Jazzer's stand-alone reproducer;</li>
 *   <li>{@code fuzz.log}: everything the fuzzer printed.</li>
 * </ul>
 * Limits: {@code -max_total_time} the session's seconds, {@code -timeout} seconds per input (longer is a finding: a
 * hang), a 1 GiB heap (an input making a reader allocate more is a finding: OutOfMemoryError).
 */
public final class FuzzSession {
    /** Jazzer's exit code for a finding. */
    public static final int FINDING_EXIT = 77;
    private static final int FINDING_LINES = 60;
    /** libFuzzer's count of inputs run: its final stats ({@code -print_final_stats=1}, also after a finding) or its last line. */
    private static final Pattern DONE = Pattern.compile("^(?:stat::number_of_executed_units:\\s*|Done )(\\d+)");
    private static final Pattern SEED = Pattern.compile("^INFO: Seed: (\\d+)");
    private static final Pattern STATUS = Pattern.compile("^#\\d+\\s+(DONE|pulse|NEW|REDUCE|INITED)\\b.*?\\bcov: (\\d+)");

    /**
     * What a session gave.
     *
     * @param exitCode       the fuzzer's exit code (0: no finding, {@link #FINDING_EXIT}: a finding)
     * @param runs           inputs run (libFuzzer's {@code stat::number_of_executed_units}), -1 when it did not say
     * @param seconds        wall-clock seconds of the whole session (JVM start included)
     * @param libFuzzerSeed  the seed libFuzzer used, -1 when it did not say
     * @param coverage       the last coverage figure it printed (edges), -1 when none
     * @param corpus         inputs in {@code corpus/} after the session
     * @param inputs         the findings' input files, in the order they were written (empty: none)
     * @param findings       each finding's first line ({@code Java Exception: ...}, or libFuzzer's ERROR line)
     * @param findingText    the first finding as the fuzzer printed it (the exception and its stack), or null
     * @param log            {@code fuzz.log}
     */
    public record Result(int exitCode, long runs, double seconds, long libFuzzerSeed, long coverage, long corpus, List<Path> inputs,
                         List<String> findings, String findingText, Path log) {
        public boolean passed() {
            return exitCode == 0 && inputs.isEmpty() && findings.isEmpty();
        }

        /** The first finding's input, or null. */
        public Path input() {
            return inputs.isEmpty() ? null : inputs.get(0);
        }

        /** The first finding, or null. */
        public String finding() {
            return findings.isEmpty() ? null : findings.get(0);
        }
    }

    private FuzzSession() {}

    /** libFuzzer's {@code -seed} (32 bits, 0 meaning "pick one") for a CLI seed: 1 + S mod (2^32 - 1). */
    public static long libFuzzerSeed(long seed) {
        return 1 + Long.remainderUnsigned(seed, 0xFFFF_FFFFL);
    }

    /**
     * The child's command line.
     *
     * @param seed      libFuzzer's seed, or null to let it pick
     * @param keepGoing distinct findings after which the fuzzer stops (1: the first)
     */
    public static List<String> command(FuzzTarget target, long seconds, Long seed, int timeoutSeconds, int keepGoing, Path dir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        String instrument = (FuzzTargets.INSTRUMENT + "," + FuzzTargets.INSTRUMENT_PARSERS).replace(',', File.pathSeparatorChar);
        List<String> c = new ArrayList<>(List.of(java, "-Xmx1g", "-Xss8m", "-XX:+UseSerialGC", "-Djdk.attach.allowAttachSelf=true",
                "-Djazzer.disabled_hooks=" + String.join(File.pathSeparator, FuzzTargets.SANITIZERS),
                "-cp", cp, "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + FuzzMain.class.getName(), "--target_args=" + target.name(),
                "--instrumentation_includes=" + instrument, "--custom_hook_includes=" + instrument,
                "--reproducer_path=" + dir.toAbsolutePath(), "--keep_going=" + keepGoing,
                "-max_total_time=" + seconds, "-timeout=" + timeoutSeconds, "-rss_limit_mb=0", "-print_final_stats=1",
                "-artifact_prefix=" + dir.toAbsolutePath() + File.separator));
        if (seed != null) c.add("-seed=" + libFuzzerSeed(seed));
        c.add(dir.resolve("corpus").toAbsolutePath().toString());
        c.add(dir.resolve("seeds").toAbsolutePath().toString());
        return c;
    }

    /**
     * Runs a session: writes the seeds (from {@code repoRoot}), starts the fuzzer, passes every line it prints to
     * {@code lines} (and to {@code fuzz.log}), waits for it.
     */
    public static Result run(FuzzTarget target, long seconds, Long seed, int timeoutSeconds, int keepGoing, Path dir, Path repoRoot,
                             Consumer<String> lines) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("corpus"));
        Path seeds = dir.resolve("seeds");
        deleteTree(seeds);
        Files.createDirectories(seeds);
        int n = 0;
        for (byte[] s : target.seeds(repoRoot)) Files.write(seeds.resolve(String.format(Locale.ROOT, "seed-%03d", n++)), s);
        List<Path> before = findings(dir);
        Path log = dir.resolve("fuzz.log");
        ProcessBuilder pb = new ProcessBuilder(command(target, seconds, seed, timeoutSeconds, keepGoing, dir)).redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        Thread killer = new Thread(() -> {  // this JVM ending (a regression's time limit, ^C) ends the fuzzer too
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
        Runtime.getRuntime().addShutdownHook(killer);
        long runs = -1, libSeed = -1, cov = -1;
        List<String> findings = new ArrayList<>();
        List<String> findingText = new ArrayList<>();
        boolean inFinding = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.println(line);
                lines.accept(line);
                Matcher m;
                if ((m = DONE.matcher(line)).find()) runs = Long.parseLong(m.group(1));
                else if ((m = SEED.matcher(line)).find()) libSeed = Long.parseLong(m.group(1));
                else if ((m = STATUS.matcher(line)).find()) cov = Long.parseLong(m.group(2));
                // a finding: from "== Java Exception: ..." (or libFuzzer's "ERROR: libFuzzer: timeout ...") to its
                // DEDUP_TOKEN or the crashing input's dump, at most FINDING_LINES lines
                if (line.startsWith("== Java Exception:") || line.contains("ERROR: libFuzzer:")) {
                    findings.add(line.replaceFirst("^==\\d*=*\\s*", "").strip());
                    inFinding = findings.size() == 1;
                } else if (line.startsWith("DEDUP_TOKEN") || line.startsWith("== libFuzzer crashing input") || line.startsWith("MS:")) {
                    inFinding = false;
                }
                if (inFinding && findingText.size() < FINDING_LINES) findingText.add(line);
            }
        } finally {
            p.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        List<Path> after = findings(dir);
        after.removeAll(before);
        long corpus;
        try (Stream<Path> s = Files.list(dir.resolve("corpus"))) {
            corpus = s.count();
        }
        return new Result(p.exitValue(), runs, secs, libSeed, cov, corpus, List.copyOf(after), List.copyOf(findings),
                findings.isEmpty() ? null : String.join("\n", findingText), log);
    }

    /** The findings' inputs in {@code dir} (crash-, timeout-, oom-, slow-unit- files), oldest first. */
    static List<Path> findings(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(f -> f.getFileName().toString().matches("(crash|timeout|oom|slow-unit|leak)-[0-9a-f]+"))
                    .sorted(Comparator.comparing((Path f) -> {
                        try {
                            return Files.getLastModifiedTime(f).toMillis();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).thenComparing(Path::toString)).toList());
        }
    }

    /** Runs {@code target} once on {@code input} in this JVM: the finding it throws, or empty. */
    public static Optional<Throwable> replay(FuzzTarget target, byte[] input) {
        try {
            target.fuzz(input);
            return Optional.empty();
        } catch (Throwable t) {
            return Optional.of(t);
        }
    }

    private static void deleteTree(Path d) throws IOException {
        if (!Files.exists(d)) return;
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
