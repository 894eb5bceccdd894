package director.tb.cli;

import org.junit.jupiter.api.Tag;
import director.rtl.params.DirectorParams;
import director.rtl.params.PortKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The command line: bad input is one line naming it with exit 2; the generated help lists every option with its
 * default and describes the profiles as they are; a small run prints its report and JSON.
 */
@Tag("system")
class CliTest {
    private static CliOutcome execute(String... argv) { return CliOutcome.execute(argv); }

    private static String usageError(String... argv) { return CliOutcome.usageError(argv); }

    private static String help(String... argv) {
        CliOutcome o = execute(argv);
        assertEquals(Main.EXIT_PASS, o.code(), o.err());
        assertEquals("", o.err());
        return o.out();
    }

    @Test
    void badInputIsNamed() {
        assertTrue(usageError("run", "--profile", "vp999").contains("unknown profile 'vp999'"));
        assertTrue(usageError("run", "--profile", "small", "--ports", "99").contains("ports: must be 2..64, got 99"));
        assertTrue(usageError("run", "--profile", "small", "--load", "1.5").contains("--load"));
        assertTrue(usageError("run", "--profile", "small", "--cycles", "ten").contains("--cycles: 'ten' is not an integer"));
        assertTrue(usageError("run", "--profile", "small", "--colour", "red").contains("unknown option --colour"));
        assertTrue(usageError("run", "--profile", "small", "--sizes", "huge").contains("--sizes"));
        assertTrue(usageError("run", "--profile", "small", "--pattern", "zigzag").contains("--pattern"));
        assertTrue(usageError("run", "--profile", "small", "--iterations", "9").contains("--iterations"));
        assertTrue(usageError("run", "--profile", "small", "--hotspot", "12:0.5").contains("--hotspot"));
        assertTrue(usageError("frobnicate").contains("unknown command"));
        assertTrue(usageError("run", "--profile", "small", "--set", "beatBytes=12").contains("beatBytes"));
        assertTrue(usageError("run", "--profile", "small", "--starve", "0:9:100").contains("VL 9 is not a data VL"));
        assertTrue(usageError("run", "--profile", "small", "--starve", "0:1:x").contains("FROM 'x' is not an integer"));
        assertTrue(usageError("run", "--profile", "small", "--starve", "0:1:500:100").contains("TO 100 is not after FROM 500"));
        assertTrue(usageError("run", "--profile", "small", "--partner-blocks", "0").contains("partnerBlocks"));
        // a buffer below the largest packet would stall its link for ever: refused before any model is built
        assertTrue(usageError("run", "--profile", "small", "--partner-blocks", "65").contains("--partner-blocks 65: a link partner's buffer per VL must take the largest packet, 4224 bytes (maxPacketBytes) = 66 blocks"));
        assertTrue(usageError("run", "--profile", "small", "--settings", "random", "--vl-tables", "traces/vl-tables/example.csv")
                .contains("--settings random draws what --vl-tables sets"));
        assertTrue(usageError("run", "--profile", "small", "--settings", "random", "--sl2vl", "mod8").contains("--settings random draws what --sl2vl sets"));
        assertTrue(usageError("run", "--profile", "gateway", "--settings", "random", "--scenario", "qos").contains("--scenario qos sets"));
        assertTrue(usageError("run", "--profile", "small", "--settings", "sometimes").contains("--settings: unknown 'sometimes' (given, random)"));
        assertTrue(usageError("run", "--profile", "small", "--vl-tables", "/nonexistent/t.csv").contains("/nonexistent/t.csv"));
        assertTrue(usageError("run", "--profile", "small", "--report", "pom.xml").contains("--report: 'pom.xml' is not a directory"));
    }

    @Test
    void badGatewayOptionsAreNamed() {
        assertTrue(usageError("run", "--profile", "gateway", "--mix", "eth=x").contains("--mix: 'eth=x': 'x' is not a number"));
        assertTrue(usageError("run", "--profile", "gateway", "--mix", "atm=1").contains("--mix: unknown kind 'atm'"));
        assertTrue(usageError("run", "--profile", "gateway", "--mix", "eth").contains("is not kind=share"));
        assertTrue(usageError("run", "--profile", "small", "--mix", "eth=1").contains("has no 10GbE ports"));
        assertTrue(usageError("run", "--profile", "small", "--scenario", "migration").contains("has no 10GbE ports"));
        assertTrue(usageError("run", "--profile", "gateway", "--scenario", "teleport").contains("unknown scenario 'teleport'"));
        assertTrue(usageError("run", "--profile", "small", "--set", "modules=eth:2,atm:1").contains("unknown kind 'atm'"));
        assertTrue(usageError("run", "--profile", "vp780", "--ports", "12").contains("modules: leaves no host port"));
    }

    @Test
    void faultyFramesAreNotSilentlyLeftOutOfTheBalancedPattern() {
        String e = usageError("run", "--profile", "gateway", "--pattern", "balanced", "--runt", "0.1");
        assertTrue(e.contains("--runt 0.1") && e.contains("balanced pattern") && e.contains("--pattern uniform"), e);
        e = usageError("run", "--profile", "vp780", "--pattern", "balanced", "--corrupt", "0.02");
        assertTrue(e.contains("--corrupt 0.02") && e.contains("balanced pattern"), e);
    }

    @Test
    void aMixNotSummingToOneIsRefused() {
        String e = usageError("run", "--profile", "gateway", "--mix", "eth=0.5,fc=0.9");
        assertTrue(e.contains("--mix") && e.contains("eth=0.5,fc=0.9") && e.contains("sum to 1.4"), e);
        e = usageError("run", "--profile", "gateway", "--mix", "eth=0.5,fc=0.3");
        assertTrue(e.contains("--mix") && e.contains("eth=0.5,fc=0.3") && e.contains("sum to 0.8"), e);
        e = usageError("bench", "--profile", "gateway", "--mix", "fc=1.5");
        assertTrue(e.contains("--mix") && e.contains("fc=1.5") && e.contains("[0, 1]"), e);
    }

    @Test
    void aDataVlCountNoIbLinkHasIsRefused() {
        for (String vls : new String[] {"3", "0", "16"}) {
            String e = usageError("run", "--profile", "small", "--set", "dataVls=" + vls);
            assertTrue(e.contains("dataVls") && e.contains("got " + vls) && e.contains("1, 2, 4, 8, 15"), e);
        }
        String e = usageError("build", "--profile", "gateway", "--set", "dataVls=3");
        assertTrue(e.contains("dataVls") && e.contains("got 3"), e);
    }

    @Test
    void numbersOutsideTheirRangeNameTheOptionAndValue() {
        String[][] cases = {
                {"run", "--seed", "-5", "--seed: must not be negative, got -5"},
                {"run", "--cycles", "0", "--cycles: must be positive, got 0"},
                {"run", "--cycles", "-100", "--cycles: must be positive, got -100"},
                {"run", "--batch", "0", "--batch: must be positive, got 0"},
                {"run", "--batch", "-1", "--batch: must be positive, got -1"},
                {"run", "--watchdog", "0", "--watchdog: must be positive, got 0"},
                {"run", "--max-drain", "-1", "--max-drain: must not be negative, got -1"},
                {"run", "--iterations", "-1", "--iterations: must not be negative, got -1"},
                {"run", "--load", "0", "--load: must be in (0, 1], got 0"},
                {"run", "--load", "-0.5", "--load: must be in (0, 1], got -0.5"},
                {"run", "--runt", "1.5", "--runt: must be in [0, 1], got 1.5"},
                {"run", "--corrupt", "-0.1", "--corrupt: must be in [0, 1], got -0.1"},
                {"run", "--waves", "w.fst", "--from", "-3", "--from: must not be negative, got -3"},
                {"run", "--egress", "stalls:-1", "--egress: PPM must be 0..1000000, got -1"},
                {"run", "--hotspot", "1:1.5", "--hotspot: share 1.5 is not in [0, 1]"},
                {"run", "--batch", "99999999999", "--batch: '99999999999' is out of range"},
                {"bench", "--repetitions", "0", "--repetitions: must be positive, got 0"},
                {"sweep", "--line-gbps", "10,0", "--line-gbps: must be positive, got 0"},
                {"sweep", "--iterations", "1,x", "--iterations: 'x' is not an integer"},
        };
        for (String[] c : cases) {
            List<String> argv = new ArrayList<>(List.of(c).subList(0, c.length - 1));
            argv.addAll(List.of("--profile", "small"));
            String e = usageError(argv.toArray(String[]::new));
            assertTrue(e.contains(c[c.length - 1]), e);
        }
    }

    @Test
    void unknownOptionsAndCommandsAreOneLineWithAHint() {
        String e = usageError("run", "--profile", "small", "--colour", "red");
        assertTrue(e.startsWith("director: unknown option --colour for 'run'") && e.endsWith(" (see: director run --help)"), e);
        assertTrue(usageError("run", "--cycle", "5").contains("did you mean --cycles?"));
        assertTrue(usageError("run", "stray").contains("unexpected argument 'stray'"));
        assertTrue(usageError("run", "@args.txt").contains("unexpected argument '@args.txt'"), "no argument files");
        assertTrue(usageError("frobnicate").startsWith("director: unknown command 'frobnicate' (run, replay, trace, bench, build, sweep, sched-study, sv, sizes, regress, fuzz, profiles, help)"));
        assertTrue(usageError("--colour").contains("unknown option --colour (see: director --help)"));
        // options a command would ignore are not taken
        assertTrue(usageError("bench", "--no-check").contains("unknown option --no-check for 'bench'"));
        assertTrue(usageError("sweep", "--capture", "caps").contains("unknown option --capture for 'sweep'"));
        assertTrue(usageError("build", "--load", "0.5").contains("unknown option --load for 'build'"));
        assertTrue(usageError("sv").contains("--out"));
        assertTrue(usageError("run", "--load").contains("--load"));
        assertTrue(usageError("run", "--from", "5").contains("--from/--to need --waves"));
    }

    /** The options of each command: every one it had before it moved to picocli, under the same name, and the new ones. */
    private static final Map<String, List<String>> OPTIONS;
    static {
        List<String> model = List.of("--profile", "--ports", "--set");
        List<String> traffic = List.of("--load", "--sizes", "--pattern", "--hotspot", "--burst", "--incast", "--workload", "--mix", "--unknown",
                "--runt", "--oversize", "--corrupt");
        List<String> run = List.of("--cycles", "--seed", "--batch", "--max-drain", "--watchdog", "--sl2vl", "--vl-tables",
                "--partner-blocks", "--fc-delay", "--starve", "--egress", "--scenario", "--settings", "--coverage", "--json");
        List<String> record = List.of("--capture", "--waves", "--from", "--to");
        List<String> debug = List.of("--on-fail", "--fail-waves", "--waves-before", "--waves-after");
        List<String> progress = List.of("--no-progress");
        OPTIONS = options(
                "run", concat(model, traffic, run, record, debug, progress, List.of("--no-check", "--iterations", "--sched-period", "--report")),
                "replay", concat(model, run, record, debug, progress, List.of("--no-check", "--iterations", "--sched-period", "--speed", "--line-rate",
                        "--keep-gaps", "--mac-map", "--results", "--report")),
                "trace", List.of(),
                "bench", concat(model, traffic, run, record, progress, List.of("--iterations", "--sched-period", "--repetitions", "--baseline")),
                "sweep", concat(model, traffic, run, progress, List.of("--no-check", "--iterations", "--line-gbps")),
                "build", concat(model, progress, List.of("--trace")),
                "sv", concat(model, progress, List.of("--out")),
                "sched-study", List.of("--ports", "--iterations", "--loads", "--load-step", "--points", "--slots", "--warmup", "--seed",
                        "--json", "--csv", "--report"),
                "sizes", List.of("--ports", "--cycles", "--seed", "--repetitions", "--readme", "--json", "--no-progress"),
                "regress", List.of("--plan", "--out", "--seed", "--reseed", "--jobs", "--no-coverage", "--only", "--slurm", "--shards",
                        "--partition", "--slurm-conf", "--sbatch-arg"),
                "fuzz", List.of("--target", "--seconds", "--seed", "--timeout", "--keep-going", "--out", "--input", "--list", "--on-fail",
                        "--fail-waves", "--no-progress", "--json"),
                "profiles", List.of());
    }

    /** Command name, its options, command name, its options, ... (more pairs than Map.of takes). */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> options(Object... pairs) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], (List<String>) pairs[i + 1]);
        return m;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) all.addAll(l);
        return all;
    }

    @Test
    void theGeneratedHelpListsEveryOptionWithItsDefault() {
        CommandLine cl = Main.commandLine();
        String top = help("help");
        assertEquals(top, help("--help"));
        for (String cmd : cl.getSubcommands().keySet())
            if (!cl.getSubcommands().get(cmd).getCommandSpec().usageMessage().hidden()) assertTrue(top.contains("  " + cmd + " "), cmd + " in: " + top);
        Set<String> commands = new HashSet<>(cl.getSubcommands().keySet());
        commands.remove("help");
        // a hidden command (what one Slurm array task runs) is not in the help
        commands.removeIf(c -> cl.getSubcommands().get(c).getCommandSpec().usageMessage().hidden());
        assertEquals(OPTIONS.keySet(), commands);
        for (Map.Entry<String, List<String>> c : OPTIONS.entrySet()) {
            String text = help(c.getKey(), "--help");
            assertEquals(text, help("help", c.getKey()));
            for (String name : c.getValue())
                assertTrue(text.lines().map(String::strip).anyMatch(l -> l.startsWith(name + "=") || l.startsWith(name + " ") || l.startsWith(name + "[=")),
                        c.getKey() + " --help lists " + name + ":\n" + text);
            for (OptionSpec o : cl.getSubcommands().get(c.getKey()).getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp()) continue;
                assertTrue(c.getValue().contains(o.longestName()), c.getKey() + " has an option it did not have: " + o.longestName());
                String description = String.join(" ", o.description());
                assertTrue(description.contains("(default: "), c.getKey() + " " + o.longestName() + " says its default: " + description);
                assertFalse(description.contains("${"), o.longestName() + ": " + description);
            }
        }
        CliOutcome none = execute();
        assertEquals(Main.EXIT_BAD_INPUT, none.code(), "no command: nothing was run");
        assertEquals(top, none.out());
    }

    @Test
    void theHelpDescribesEachProfileAsItIs() {
        String help = help("run", "--help");
        assertEquals(help, help("run", "-h"));
        for (Map.Entry<String, DirectorParams> e : scala.jdk.javaapi.CollectionConverters.asJava(DirectorParams.profiles()).entrySet()) {
            DirectorParams p = e.getValue();
            String line = help.lines().filter(l -> l.startsWith("  " + e.getKey() + " ")).findFirst().orElseThrow(() ->
                    new AssertionError("no line for profile " + e.getKey() + " in:\n" + help));
            List<PortKind> kinds = scala.jdk.javaapi.CollectionConverters.asJava(p.portKinds());
            long eth = kinds.stream().filter(k -> k.key().equals("eth")).count();
            long fc = kinds.stream().filter(k -> k.key().equals("fc")).count();
            assertTrue(line.contains((p.ports() - eth - fc) + " InfiniBand host ports"), line);
            assertEquals(eth > 0, line.contains(eth + " x 10GbE"), line);
            assertEquals(fc > 0, line.contains(fc + " x FC"), line);
            assertTrue(line.contains(p.dataVls() + " data VLs"), line);
        }
        // captures: ERF for host ports, pcap for module ports (Testbench.Captures)
        String words = help.replaceAll("\\s+", " ");
        assertTrue(words.contains("host port as port-NN.erf") && words.contains("10GbE port as port-NN.pcap")
                && words.contains("FC port as port-NN.pcap"), help);
    }

    @Test
    void aBadVlTablesFileIsNamedWithLineAndField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "table,vl,weight\nlow,1,64\nlow,2,300\n");
        String msg = usageError("run", "--profile", "small", "--vl-tables", f.toString());
        assertTrue(msg.contains("bad.csv") && msg.contains("line 3") && msg.contains("weight") && msg.contains("300"), msg);
    }

    @Test
    void aSmallRunPrintsTheReportAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        CliOutcome o = execute("run", "--profile", "small", "--load", "0.5", "--cycles", "10000", "--seed", "3", "--json", json.toString());
        System.out.print(o.out());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("seed 3"));
        assertTrue(o.out().contains("RESULT: PASS"));
        String j = Files.readString(json);
        for (String field : new String[] {"\"profile\": \"small\"", "\"seed\": 3", "\"cycles\": 10000", "\"offered_gbps\"",
                "\"delivered_gbps\"", "\"mismatches\": 0", "\"lost\": 0", "\"drops\"", "\"vls\"", "\"weight_share\"", "\"credit_stall_cycles\""})
            assertTrue(j.contains(field), field + " in " + j);
    }
}
