package director.tb.fuzz;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every fuzz target by name: the readers of outside input and the frame decoders. The default test run fuzzes them in
 * two groups side by side ({@link #GROUPS}: {@code ReadersFuzzTest}, {@code CodecsFuzzTest}, Jazzer's JUnit
 * integration), {@code director fuzz --target NAME} one target or group at a time ({@link FuzzMain} under Jazzer's
 * driver): the same objects both ways.
 */
public final class FuzzTargets {
    private FuzzTargets() {}

    /** The readers of files and text a user hands the testbench. */
    public static final List<FuzzTarget> READERS = List.of(
            FileReaderTargets.TRACE_CSV, FileReaderTargets.PCAP, FileReaderTargets.PCAPNG, FileReaderTargets.ERF,
            FileReaderTargets.CAPTURE_IMPORT, FileReaderTargets.MAC_MAP, FileReaderTargets.VL_TABLES, FileReaderTargets.PLAN,
            FileReaderTargets.WORKLOAD_CDF);

    /** The frame decoders. */
    public static final List<FuzzTarget> CODECS = List.of(
            CodecTargets.IB_PACKET, CodecTargets.ETHERNET, CodecTargets.EOIB, CodecTargets.FC, CodecTargets.FCOIB,
            CodecTargets.IP_UDP);

    /** The targets, in the order {@code director fuzz --list} shows them: the readers, then the codecs. */
    public static final List<FuzzTarget> ALL = java.util.stream.Stream.concat(READERS.stream(), CODECS.stream()).toList();

    /**
     * A target that is not a reader: it fails on every input that starts with {@code BUG}, which the fuzzer finds in a
     * second or two. The tests of {@code director fuzz} use it to see a finding reported (exit 1, the crashing input,
     * the command that repeats it). Not in {@link #ALL}.
     */
    public static final FuzzTarget SELF_TEST = new FuzzTarget() {
        @Override public String name() { return "self-test"; }

        @Override public String description() { return "fails (IllegalStateException) on an input starting with BUG: shows what a finding looks like"; }

        @Override public void fuzz(byte[] input) {
            if (input.length >= 3 && input[0] == 'B' && input[1] == 'U' && input[2] == 'G')
                throw new IllegalStateException("self-test: an input starting with BUG");
        }

        @Override public List<byte[]> seeds(Path root) { return List.of("BOG".getBytes(java.nio.charset.StandardCharsets.US_ASCII)); }
    };

    /** Every target of {@link #ALL} in one ({@link AllTargets}). */
    public static final FuzzTarget EVERY = new AllTargets("all", ALL);

    /**
     * The groups the default test run fuzzes, each in a JVM of its own, side by side ({@code ReadersFuzzTest},
     * {@code CodecsFuzzTest}): the readers in one, the codecs in the other ({@link AllTargets}).
     */
    public static final List<FuzzTarget> GROUPS = List.of(new AllTargets("readers", READERS), new AllTargets("codecs", CODECS));

    /**
     * The classes Jazzer instruments (coverage, comparisons) and hooks in every session: this code base and Commons
     * CSV. The fuzz execution of the pom gives Jazzer's JUnit integration the same list ({@code jazzer.instrument};
     * FuzzTargetsTest compares them). {@code director fuzz} adds {@link #INSTRUMENT_PARSERS}.
     */
    public static final String INSTRUMENT = "director.**,org.apache.commons.csv.**";

    /**
     * Jackson and SnakeYAML, which read the plans: instrumented in {@code director fuzz}'s sessions only (instrumenting
     * their classes as they load takes tens of seconds of a short session).
     */
    public static final String INSTRUMENT_PARSERS = "com.fasterxml.jackson.**,org.yaml.snakeyaml.**";

    /**
     * Jazzer's security sanitizers (hook classes finding injections, unsafe deserialization, server-side requests):
     * disabled in every session. These readers build no queries, commands or class names from their input, and loading
     * the hooks costs seconds of a session's start. The pom's fuzz execution disables the same ({@code fuzz.sanitizers}).
     */
    public static final List<String> SANITIZERS = List.of("ClojureLangHooks", "Deserialization", "ExpressionLanguageInjection",
            "LdapInjection", "NamingContextLookup", "OsCommandInjection", "ReflectiveCall", "RegexInjection", "ScriptEngineInjection",
            "ServerSideRequestForgery", "SqlInjection", "XPathInjection").stream()
            .map(c -> "com.code_intelligence.jazzer.sanitizers." + c).toList();

    /** What {@code director fuzz --target} takes and {@code --list} shows, in order: {@link #ALL}, {@code all}, {@link #GROUPS}. */
    public static final List<FuzzTarget> LISTED = java.util.stream.Stream.of(ALL.stream(), java.util.stream.Stream.of(EVERY),
            GROUPS.stream()).flatMap(s -> s).toList();

    private static final Map<String, FuzzTarget> BY_NAME = byName();

    private static Map<String, FuzzTarget> byName() {
        Map<String, FuzzTarget> m = new LinkedHashMap<>();
        for (FuzzTarget t : LISTED) m.put(t.name(), t);
        m.put(SELF_TEST.name(), SELF_TEST);
        return m;
    }

    /** The target named {@code name} (one of {@link #ALL}, {@code all}, {@link #GROUPS} or {@code self-test}), or null. */
    public static FuzzTarget named(String name) {
        return BY_NAME.get(name);
    }

    /** The names of {@link #LISTED}, comma separated. */
    public static String names() {
        return LISTED.stream().map(FuzzTarget::name).collect(Collectors.joining(", "));
    }

    /** Inputs run per target of {@code group} ({@link #EVERY} or one of {@link #GROUPS}) in this JVM so far. */
    public static String runs(FuzzTarget group) {
        return ((AllTargets) group).runs();
    }
}
