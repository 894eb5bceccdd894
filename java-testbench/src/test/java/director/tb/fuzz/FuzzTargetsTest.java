package director.tb.fuzz;

import director.tb.frame.FrameException;
import director.tb.io.InputError;
import director.tb.tools.Repo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The fuzz targets without the fuzzer: one name each, every seed read without a finding, every kept input (a finding
 * once, fixed since) read without one, the contract checks catching what they should, and the pom's fuzz execution
 * set up as {@code director fuzz} is. Runs in the default execution, so the kept inputs stay fixed even with
 * {@code -Dfuzz.skip=true}.
 */
@Tag("fast")
class FuzzTargetsTest {
    /** Each fuzz test of the default run with its group ({@link FuzzTargets#GROUPS}), in the order of the groups. */
    static final Map<Class<?>, String> FUZZ_TESTS = fuzzTests();

    private static Map<Class<?>, String> fuzzTests() {
        Map<Class<?>, String> m = new LinkedHashMap<>();
        m.put(ReadersFuzzTest.class, "readers");
        m.put(CodecsFuzzTest.class, "codecs");
        return m;
    }

    @Test
    void everyTargetHasOneNameADocumentedErrorAndSeeds() throws IOException {
        Set<String> names = new HashSet<>();
        for (FuzzTarget t : FuzzTargets.ALL) {
            assertTrue(t.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), t.name());
            assertTrue(names.add(t.name()), "twice: " + t.name());
            assertSame(t, FuzzTargets.named(t.name()));
            assertTrue(Stream.of("InputError", "ErfFormatException", "IllegalArgumentException", "PlanException", "FrameException")
                    .anyMatch(t.description()::contains), "no documented error in " + t.name() + ": " + t.description());
            assertFalse(t.seeds(Repo.root()).isEmpty(), t.name() + " has no seeds");
        }
        assertEquals(15, FuzzTargets.ALL.size());
        assertSame(FuzzTargets.EVERY, FuzzTargets.named("all"));
        // the groups the default run fuzzes side by side: every target in exactly one, each with its fuzz test
        assertEquals(FuzzTargets.ALL, FuzzTargets.GROUPS.stream().flatMap(g -> ((AllTargets) g).targets().stream()).toList());
        assertEquals(List.copyOf(FUZZ_TESTS.values()), FuzzTargets.GROUPS.stream().map(FuzzTarget::name).toList());
        for (FuzzTarget g : FuzzTargets.GROUPS) assertSame(g, FuzzTargets.named(g.name()));
        assertNull(FuzzTargets.named("nosuch"));
        assertTrue(FuzzTargets.names().startsWith("trace-csv, pcap, pcapng, erf, capture-import, mac-map, vl-tables, plan, "), FuzzTargets.names());
    }

    @Test
    void everySeedIsReadWithoutAFinding() throws Throwable {
        for (FuzzTarget t : FuzzTargets.ALL)
            for (byte[] s : t.seeds(Repo.root())) {
                try {
                    t.fuzz(s);
                } catch (Throwable e) {
                    throw new AssertionError(t.name() + ": a seed of " + s.length + " bytes is a finding", e);
                }
            }
    }

    /** The inputs kept from findings (each fixed in its reader) stay fixed, each run through its group. */
    @Test
    void everyKeptInputIsReadWithoutAFinding() throws Throwable {
        int all = 0;
        for (Map.Entry<Class<?>, String> e : FUZZ_TESTS.entrySet()) {
            Path kept = Fuzzing.kept(e.getKey());
            if (!Files.isDirectory(kept)) continue;
            List<Path> files;
            try (Stream<Path> s = Files.list(kept)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                try {
                    FuzzTargets.named(e.getValue()).fuzz(Files.readAllBytes(f));
                } catch (Throwable t) {
                    throw new AssertionError(e.getValue() + ": " + f.getFileName() + " is a finding again", t);
                }
            }
            all += files.size();
        }
        assertTrue(all >= 9, "kept inputs: " + all);
    }

    @Test
    void allRunsTheTargetItsFirstBytePicks() throws Throwable {
        AllTargets all = (AllTargets) FuzzTargets.EVERY;
        FuzzTarget ip = FuzzTargets.named("ip-udp");
        long before = all.runsOf("ip-udp");
        byte[] in = all.inputFor(ip, new byte[] {1, 0, 5});
        assertEquals(all.indexOf("ip-udp"), in[0]);
        all.fuzz(in);
        assertEquals(before + 1, all.runsOf("ip-udp"));
        assertTrue(FuzzTargets.runs(all).contains("ip-udp "), FuzzTargets.runs(all));
        all.fuzz(new byte[0]);
        // a target outside a group is named with the group
        AllTargets codecs = (AllTargets) FuzzTargets.named("codecs");
        assertEquals("pcap is not one of the targets of 'codecs'",
                assertThrows(IllegalArgumentException.class, () -> codecs.indexOf("pcap")).getMessage());
        assertEquals("pcap is not one of the targets of 'codecs'",
                assertThrows(IllegalArgumentException.class, () -> codecs.inputFor(FuzzTargets.named("pcap"), new byte[0])).getMessage());
    }

    @Test
    void theContractChecksCatchWhatTheyShould() {
        InputError named = new InputError("/tmp/x.csv", "line 2", "column 'a'", "bad");
        Expect.namesInput(named, "/tmp/x.csv");
        assertThrows(FuzzFinding.class, () -> Expect.namesInput(new InputError("/tmp/y.csv", "bad"), "/tmp/x.csv"));
        assertThrows(FuzzFinding.class, () -> Expect.namesInput(new IllegalArgumentException((String) null), "/tmp/x.csv"));
        assertThrows(FuzzFinding.class, () -> Expect.namesInput(new IllegalArgumentException("/tmp/x.csv: a\nb"), "/tmp/x.csv"));
        assertThrows(FuzzFinding.class, () -> Expect.namesInput(new IllegalArgumentException("/tmp/x.csv:"), "/tmp/x.csv"));
        Expect.namesField(new FrameException("VCRC", 30, "stored 0x0000, computed 0x1234"), 32);
        assertThrows(FuzzFinding.class, () -> Expect.namesField(new FrameException("VCRC", 40, "past the end"), 32));
        assertThrows(FuzzFinding.class, () -> Expect.namesField(new FrameException("", 0, "no field"), 32));
        Expect.namesArgument(new IllegalArgumentException("bytes: 3 not in 28..65535"), "bytes", "src");
        assertThrows(FuzzFinding.class, () -> Expect.namesArgument(new NumberFormatException("bytes: x"), "bytes"));
        // the self-test target fails on BUG, as a reader with a bug would
        assertThrows(IllegalStateException.class, () -> FuzzTargets.SELF_TEST.fuzz("BUG!".getBytes(StandardCharsets.US_ASCII)));
        assertDoesNotThrow(() -> FuzzTargets.SELF_TEST.fuzz("BUT".getBytes(StandardCharsets.US_ASCII)));
    }

    /** The default test run fuzzes what director fuzz fuzzes, with the same options. */
    @Test
    void thePomsFuzzExecutionInstrumentsAndDisablesWhatTheCliDoes() throws IOException {
        String pom = Files.readString(Repo.root().resolve("java-testbench/pom.xml"));
        assertTrue(pom.contains("jazzer.instrument = " + FuzzTargets.INSTRUMENT + "\n"), "jazzer.instrument differs from FuzzTargets.INSTRUMENT");
        assertTrue(pom.contains("<fuzz.sanitizers>" + String.join(":", FuzzTargets.SANITIZERS) + "</fuzz.sanitizers>"),
                "fuzz.sanitizers differs from FuzzTargets.SANITIZERS");
        assertTrue(pom.contains("<JAZZER_FUZZ>1</JAZZER_FUZZ>"));
    }
}
