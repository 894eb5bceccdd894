package director.tb.cli;

import director.tb.run.Reproduce;

import director.tb.fuzz.FuzzSession;
import director.tb.fuzz.FuzzTarget;
import director.tb.fuzz.FuzzTargets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code director fuzz}: one reader of outside input or frame decoder ({@link FuzzTargets}) fuzzed by Jazzer for a
 * given time ({@link FuzzSession}), or one input run through it again ({@code --input}). Exit 0: no finding; 1: a
 * finding (its input's file and the command that repeats it printed); 2: bad options.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fuzz a reader of outside input (CSV traces, captures, MAC maps, VL tables, flow-size CDFs, plans) "
                + "or a frame decoder with Jazzer for N seconds: the target's seeds (the sample files under traces/ and "
                + "regress/, and inputs it builds) and the corpus of earlier sessions in the same folder, then new inputs. "
                + "A finding is any exception but the reader's documented input error (whose message must name the input), "
                + "an input running longer than --timeout, or one needing more than 1 GiB. The targets: director fuzz --list."},
        footer = {"%nWrites into --out: corpus/ (grows from session to session), seeds/, fuzz.log, and for a finding "
                + "crash-SHA1 (the input) and Crash_SHA1.java (Jazzer's reproducer). In a regression plan: command: fuzz, "
                + "args: [--target, NAME, --seconds, N]; the run's seed becomes libFuzzer's -seed.",
                "Once a finding is fixed, keep its input as a regression case: one byte, the target's place in its "
                + "group ('readers' or 'codecs' in --list) counting from 0, then the input, as a file in "
                + "java-testbench/src/test/resources/director/tb/fuzz/ReadersFuzzTestInputs/fuzz/ or CodecsFuzzTestInputs/fuzz/ "
                + "(the default tests run it through the group), and a test in the reader's own tests."})
final class FuzzCommand implements Callable<Integer> {
    private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile("^#\\d+\\s+(INITED|pulse|DONE)\\b");

    @Spec CommandSpec spec;
    @Mixin ProgressOptions progress;
    @Mixin OutputOptions output;

    @Option(names = "--target", paramLabel = "NAME", description = "what to fuzz (see --list) (default: none; required unless --list)")
    String target;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "60", converter = Converters.PositiveLong.class,
            description = "how long the fuzzer runs (libFuzzer's -max_total_time; the JVM's start, seconds, comes on top) "
                    + "(default: ${DEFAULT-VALUE})")
    long seconds;

    @Option(names = "--seed", paramLabel = "S", converter = Converters.NonNegativeLong.class,
            description = "libFuzzer's seed becomes 1 + S mod (2^32 - 1), so a regression's run seed reaches it (default: the "
                    + "fuzzer picks one and prints it). The same seed repeats the same mutations from the same corpus; "
                    + "a session is not repeated bit for bit (inputs that take longer than others change what it tries)")
    Long seed;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "25", converter = Converters.PositiveInt.class,
            description = "seconds one input may take; longer is a finding, a hang (default: ${DEFAULT-VALUE})")
    int timeout;

    @Option(names = "--keep-going", paramLabel = "N", defaultValue = "1", converter = Converters.PositiveInt.class,
            description = "go on past findings until N distinct ones (Jazzer's --keep_going; 1: stop at the first) (default: ${DEFAULT-VALUE})")
    int keepGoing;

    @Option(names = "--out", paramLabel = "DIR",
            description = "the session's folder (default: beside the --json file, fuzz-NAME/; else target/fuzz/NAME)")
    Path out;

    @Option(names = "--input", paramLabel = "FILE",
            description = "no fuzzing: run the target once on FILE (a finding's input) in this JVM and print what it throws "
                    + "(default: fuzz)")
    Path input;

    @Option(names = "--list", description = "list the targets, each with what it reads and its documented input error (default: false)")
    boolean list;

    @Option(names = "--on-fail", paramLabel = "ACTION",
            description = "accepted for the regression runner, which passes it to every run; fuzzing has no waves: ignored "
                    + "(default: none)")
    String onFail;

    @Option(names = "--fail-waves", paramLabel = "FILE.fst",
            description = "accepted for the regression runner, which passes it to every run; fuzzing has no waves: ignored "
                    + "(default: none)")
    Path failWaves;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (FuzzTarget t : FuzzTargets.LISTED) out.printf("%-15s %s%n", t.name(), t.description());
            return Main.EXIT_PASS;
        }
        FuzzTarget t = check(spec.commandLine());
        return input != null ? replay(t, out) : fuzz(t, out);
    }

    /** The target the options name (also how a regression checks a plan's fuzz entries before any run). */
    FuzzTarget check(CommandLine cl) {
        if (target == null) throw new ParameterException(cl, "--target NAME is missing (one of " + FuzzTargets.names() + ")");
        FuzzTarget t = FuzzTargets.named(target);
        if (t == null) throw new ParameterException(cl, "--target " + target + ": no such target (" + FuzzTargets.names() + ")");
        return t;
    }

    /** --input: the target once on the file, in this JVM. */
    private int replay(FuzzTarget t, PrintWriter out) throws IOException {
        if (!Files.isRegularFile(input)) throw new ParameterException(spec.commandLine(), "--input " + input + ": no such file");
        Optional<Throwable> f = FuzzSession.replay(t, Files.readAllBytes(input));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "fuzz");
        json.put("target", t.name());
        json.put("input", input.toString());
        if (f.isEmpty()) {
            out.println("fuzz " + t.name() + ": " + input + ": no finding (read, or refused with the documented error)");
            json.put("result", "PASS");
        } else {
            StringWriter trace = new StringWriter();
            f.get().printStackTrace(new PrintWriter(trace));
            out.println("fuzz " + t.name() + ": " + input + ": FINDING");
            out.print(trace);
            json.put("result", "FAIL");
            json.put("first_failure", firstLine(f.get().toString()));
        }
        output.writeJson(json, out);
        out.flush();
        return f.isEmpty() ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }

    /** A fuzzing session. */
    private int fuzz(FuzzTarget t, PrintWriter out) throws IOException, InterruptedException {
        Path dir = this.out != null ? this.out
                : output.json != null ? output.json.toAbsolutePath().resolveSibling("fuzz-" + t.name())
                : Path.of("target", "fuzz", t.name());
        Path root = RegressCommand.repoRoot();
        boolean show = !progress.noProgress && !director.harness.Progress.disabledByEnvironment();
        PrintWriter err = spec.commandLine().getErr();
        out.printf(Locale.ROOT, "fuzz %s: %d s%s, per input at most %d s; session folder %s%n", t.name(), seconds,
                seed == null ? "" : ", seed " + seed + " (libFuzzer -seed=" + FuzzSession.libFuzzerSeed(seed) + ")", timeout, dir);
        out.flush();
        FuzzSession.Result r = FuzzSession.run(t, seconds, seed, timeout, keepGoing, dir, root, line -> {
            // progress: libFuzzer's status lines (start, every power of two inputs, end) and findings, not every new input
            if (show && (STATUS.matcher(line).find() || line.startsWith("== ") || line.startsWith("fuzz: "))) {
                err.println(line);
                err.flush();
            }
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "fuzz");
        json.put("target", t.name());
        json.put("seconds", seconds);
        json.put("seed", seed);
        json.put("libfuzzer_seed", r.libFuzzerSeed() >= 0 ? r.libFuzzerSeed() : null);
        json.put("runs", r.runs() >= 0 ? r.runs() : null);
        json.put("wall_seconds", r.seconds());
        json.put("coverage", r.coverage() >= 0 ? r.coverage() : null);
        json.put("corpus", r.corpus());
        json.put("dir", dir.toString());
        json.put("log", r.log().toString());
        String summary = String.format(Locale.ROOT, "%s inputs in %.0f s (libFuzzer seed %d), coverage %d edges, corpus %d inputs in %s",
                r.runs() >= 0 ? Long.toString(r.runs()) : "?", r.seconds(), r.libFuzzerSeed(), r.coverage(), r.corpus(), dir.resolve("corpus"));
        if (r.passed()) {
            out.println("fuzz " + t.name() + ": no finding: " + summary);
            json.put("result", "PASS");
        } else {
            String what = r.finding() != null ? r.finding() : "the fuzzer ended with exit code " + r.exitCode() + " (see " + r.log() + ")";
            out.println("fuzz " + t.name() + ": FINDING: " + what);
            if (r.findingText() != null) out.println(r.findingText());
            out.println("fuzz " + t.name() + ": " + summary);
            json.put("result", "FAIL");
            json.put("first_failure", "fuzz " + t.name() + ": " + what);
            if (r.findings().size() > 1) {
                out.println("fuzz " + t.name() + ": " + r.findings().size() + " findings:");
                for (String f : r.findings()) out.println("  " + f);
                json.put("findings", r.findings());
            }
            if (r.input() != null) {
                String again = "scripts/director fuzz --target " + t.name() + " --input " + Reproduce.quote(r.input().toString());
                for (Path in : r.inputs()) out.println("input: " + in);
                out.println("reproduce: " + again);
                json.put("input", r.input().toString());
                json.put("inputs", r.inputs().stream().map(Path::toString).toList());
                json.put("reproduce", again);
            } else {
                out.println("no input was written (see " + r.log() + ")");
            }
        }
        output.writeJson(json, out);
        out.flush();
        return r.passed() ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
