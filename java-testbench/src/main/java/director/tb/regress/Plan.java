package director.tb.regress;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import director.tb.io.InputError;
import director.tb.io.TextFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A regression plan, as data (a YAML file in {@code regress/}, the way OpenTitan keeps its testplans): a name, a
 * default wall-clock limit per run, and the tests, each a command of the testbench's CLI ({@code run},
 * {@code replay} or {@code fuzz}) with its options, how many seeds, and the features it covers. See {@code regress/README.md}.
 *
 * <pre>{@code
 * plan: smoke
 * description: every path once, in minutes
 * timeout_s: 600
 * tests:
 *   - name: ib-uniform
 *     command: run
 *     args: [--profile, small, --cycles, 20000, --pattern, uniform]
 *     seeds: 3
 *     covers: [ib-forwarding, islip, credits]
 *     coverage: false    # optional: run on the plain model even when the regression counts coverage
 * }</pre>
 *
 * <p>Every error names the file, and where the YAML parser knows it, the line, column and field.
 */
public record Plan(String name, String description, int timeoutSeconds, List<Test> tests, Path file) {
    /** The commands a plan entry may run: a simulation ({@code run}, {@code replay}) or a fuzzing session ({@code fuzz}). */
    public static final Set<String> COMMANDS = Set.of("run", "replay", "fuzz");
    /** Options the regression sets itself for every run (seed, results, debug waves, progress), and outputs that parallel
     * runs would share (a run's files go to its own folder). */
    public static final Set<String> RESERVED = Set.of("--seed", "--json", "--report", "--on-fail", "--fail-waves", "--no-progress",
            "--results", "--capture", "--waves", "--from", "--to", "--coverage");
    /** The default wall-clock limit of one run. */
    public static final int DEFAULT_TIMEOUT_S = 1800;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /**
     * One entry: a named test, run once per seed; {@code coverage} false runs it on the plain model even when the
     * regression counts coverage (the vp780's coverage build takes 11 minutes for points the 8-port profiles count).
     */
    public record Test(String name, String command, List<String> args, int seeds, List<String> covers, int timeoutSeconds,
                       boolean coverage) {
        public Test(String name, String command, List<String> args, int seeds, List<String> covers, int timeoutSeconds) {
            this(name, command, args, seeds, covers, timeoutSeconds, true);
        }
    }

    /** The YAML shape, bound by Jackson field by field (so an unknown field is reported where it stands). */
    static final class PlanFile {
        @JsonProperty("plan") public String plan;
        @JsonProperty("description") public String description;
        @JsonProperty("timeout_s") public Integer timeoutSeconds;
        @JsonProperty("tests") public List<TestEntry> tests;
    }

    static final class TestEntry {
        @JsonProperty("name") public String name;
        @JsonProperty("command") public String command;
        @JsonProperty("args") public List<String> args;
        @JsonProperty("seeds") public Integer seeds;
        @JsonProperty("covers") public List<String> covers;
        @JsonProperty("timeout_s") public Integer timeoutSeconds;
        @JsonProperty("coverage") public Boolean coverage;
    }

    /** A plan the user named: a file, or the name of one shipped in {@code regressDir} ({@code NAME.yaml}). */
    public static Path resolve(String nameOrFile, Path regressDir) {
        Path asFile = Path.of(nameOrFile);
        if (Files.isRegularFile(asFile)) return asFile;
        if (NAME.matcher(nameOrFile).matches()) {
            Path shipped = regressDir.resolve(nameOrFile + ".yaml");
            if (Files.isRegularFile(shipped)) return shipped;
        }
        throw new PlanException("plan " + nameOrFile + ": no such file, and no plan of that name in " + regressDir
                + " (shipped: " + String.join(", ", shipped(regressDir)) + ")");
    }

    /** The names of the plans in {@code regressDir}. */
    public static List<String> shipped(Path regressDir) {
        try (var s = Files.list(regressDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Reads and checks a plan file. */
    public static Plan load(Path file) {
        String text;
        try {
            text = TextFiles.readUtf8(file);
        } catch (NoSuchFileException e) {
            throw new PlanException(file + ": no such file");
        } catch (InputError e) {
            throw new PlanException(e.getMessage());
        } catch (IOException e) {
            throw new PlanException(file + ": " + e.getMessage());
        }
        return parse(text, file);
    }

    /** Parses and checks a plan's text; {@code file} names it in errors. */
    public static Plan parse(String text, Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        if (text.isBlank()) throw new PlanException(file + ": empty plan (needs plan: and tests:)");
        PlanFile pf;
        try {
            pf = yaml.readValue(text, PlanFile.class);
        } catch (JsonProcessingException e) {
            throw new PlanException(describe(file, e));
        }
        if (pf == null) throw new PlanException(file + ": empty plan (needs plan: and tests:)");
        String where = file.toString();
        if (pf.plan == null) throw new PlanException(where + ": field plan: missing (the plan's name)");
        if (!NAME.matcher(pf.plan).matches())
            throw new PlanException(where + ": field plan: '" + pf.plan + "' is not a name (letters, digits, _ . -)");
        int timeout = pf.timeoutSeconds == null ? DEFAULT_TIMEOUT_S : pf.timeoutSeconds;
        if (timeout <= 0) throw new PlanException(where + ": field timeout_s: " + timeout + " must be > 0");
        if (pf.tests == null || pf.tests.isEmpty()) throw new PlanException(where + ": field tests: the plan has no tests");
        List<Test> tests = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < pf.tests.size(); i++) {
            TestEntry t = pf.tests.get(i);
            String at = where + ": tests[" + i + "]" + (t != null && t.name != null ? " (" + t.name + ")" : "");
            if (t == null) throw new PlanException(at + ": empty entry");
            if (t.name == null) throw new PlanException(at + ": field name: missing");
            if (t.command == null) throw new PlanException(at + ": field command: missing (one of " + COMMANDS.stream().sorted().toList() + ")");
            if (!NAME.matcher(t.name).matches()) throw new PlanException(at + ": field name: '" + t.name + "' is not a name (letters, digits, _ . -)");
            if (!names.add(t.name)) throw new PlanException(at + ": field name: '" + t.name + "' appears twice");
            if (!COMMANDS.contains(t.command))
                throw new PlanException(at + ": field command: '" + t.command + "' is not one of " + COMMANDS.stream().sorted().toList());
            List<String> args = t.args == null ? List.of() : t.args;
            for (String a : args) {
                if (a == null) throw new PlanException(at + ": field args: an empty value");  // before List.copyOf, which throws an NPE
                String opt = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                if (RESERVED.contains(opt))
                    throw new PlanException(at + ": field args: " + opt + " is set by the regression for every run (reserved: "
                            + RESERVED.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
            int seeds = t.seeds == null ? 1 : t.seeds;
            if (seeds < 1 || seeds > 100_000) throw new PlanException(at + ": field seeds: " + seeds + " must be 1..100000");
            int to = t.timeoutSeconds == null ? timeout : t.timeoutSeconds;
            if (to <= 0) throw new PlanException(at + ": field timeout_s: " + to + " must be > 0");
            List<String> covers = t.covers == null ? List.of() : t.covers;
            for (String c : covers) if (c == null) throw new PlanException(at + ": field covers: an empty value");
            tests.add(new Test(t.name, t.command, List.copyOf(args), seeds, List.copyOf(covers), to, t.coverage == null || t.coverage));
        }
        return new Plan(pf.plan, pf.description == null ? "" : pf.description, timeout, List.copyOf(tests), file);
    }

    /** Runs in the plan (tests x seeds). */
    public int runs() {
        return tests.stream().mapToInt(Test::seeds).sum();
    }

    private static String describe(Path file, JsonProcessingException e) {
        StringBuilder sb = new StringBuilder(file.toString());
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) sb.append(": line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr());
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String path = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            sb.append(": field ").append(path);
        }
        String msg = e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f)
            msg = "'" + f.getValue() + "' is not " + (f.getTargetType() == Integer.class ? "a whole number" : "a " + f.getTargetType().getSimpleName());
        else if (e instanceof UnrecognizedPropertyException u)
            msg = "unknown field '" + u.getPropertyName() + "' (known: " + u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")) + ")";
        return sb.append(": ").append(msg.lines().findFirst().orElse(msg)).toString();
    }

    /** A plan that cannot be read or run, with the file and field in its message (on one line: {@link InputError#oneLine}). */
    public static final class PlanException extends IllegalArgumentException {
        public PlanException(String message) {
            super(InputError.oneLine(message));
        }
    }
}
