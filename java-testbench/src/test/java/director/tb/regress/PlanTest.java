package director.tb.regress;

import director.tb.tools.Repo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Plans read from YAML, and every error naming the file, line and field. */
@Tag("fast")
class PlanTest {
    private static final Path F = Path.of("regress/p.yaml");

    private static String error(String yaml) {
        return assertThrows(Plan.PlanException.class, () -> Plan.parse(yaml, F)).getMessage();
    }

    @Test
    void aPlanWithDefaults() {
        Plan p = Plan.parse("""
                plan: demo
                tests:
                  - name: a
                    command: run
                    args: [--profile, small, --cycles, 5000]
                    seeds: 3
                    covers: [islip]
                  - name: b
                    command: replay
                    args: [traces/csv/ib.csv]
                    timeout_s: 60
                    coverage: false
                """, F);
        assertEquals("demo", p.name());
        assertEquals(Plan.DEFAULT_TIMEOUT_S, p.timeoutSeconds());
        assertEquals(4, p.runs());
        assertEquals(new Plan.Test("a", "run", List.of("--profile", "small", "--cycles", "5000"), 3, List.of("islip"), Plan.DEFAULT_TIMEOUT_S),
                p.tests().get(0));
        assertEquals(new Plan.Test("b", "replay", List.of("traces/csv/ib.csv"), 1, List.of(), 60, false), p.tests().get(1));
        // coverage: false opts the entry out of the regression's coverage builds; the others count theirs
        List<RunSpec> runs = Regression.runs(p, 1, Path.of("out"), true);
        assertTrue(runs.stream().filter(r -> r.test().name().equals("a")).allMatch(RunSpec::coverage));
        assertTrue(runs.stream().filter(r -> r.test().name().equals("b")).noneMatch(RunSpec::coverage));
        assertFalse(runs.get(3).cliArgs().contains("--coverage"), runs.get(3).cliArgs().toString());
        assertTrue(Regression.runs(p, 1, Path.of("out"), false).stream().noneMatch(RunSpec::coverage), "--no-coverage wins");
    }

    @Test
    void theShippedPlansRead() {
        Path regress = Repo.root().resolve("regress");
        List<String> shipped = Plan.shipped(regress);
        assertTrue(shipped.containsAll(List.of("smoke", "nightly", "full")), shipped.toString());
        for (String name : shipped) {
            Plan p = Plan.load(Plan.resolve(name, regress));
            assertEquals(name, p.name(), "the plan: field of " + name + ".yaml");
            assertTrue(p.runs() > 0);
        }
        assertTrue(Plan.load(regress.resolve("nightly.yaml")).runs() > Plan.load(regress.resolve("smoke.yaml")).runs());
    }

    /** Names echoed in messages keep them on one line; bytes that are not UTF-8 are named with their line and offset. */
    @Test
    void messagesStayOnOneLineAndNonUtf8IsNamed(@TempDir Path dir) throws IOException {
        assertEquals("regress/p.yaml: tests[0] (a\\nb): field name: 'a\\nb' is not a name (letters, digits, _ . -)",
                error("plan: demo\ntests:\n  - {name: \"a\\nb\", command: run}\n"));
        Path f = dir.resolve("p.yaml");
        Files.write(f, new byte[] {'p', 'l', 'a', 'n', ':', ' ', (byte) 0xFF, '\n'});
        assertEquals(f + ": line 1, byte offset 6: not UTF-8 text (bytes FF): the file must be UTF-8",
                assertThrows(Plan.PlanException.class, () -> Plan.load(f)).getMessage());
    }

    /**
     * Found by fuzzing (plan): an empty value among the covers or the args (~, or an anchor with no value) was a
     * NullPointerException (List.copyOf before the args' own check).
     */
    @Test
    void anEmptyCoverIsNamed() {
        assertEquals("regress/p.yaml: tests[0] (a): field covers: an empty value",
                error("plan: demo\ntests:\n  - {name: a, command: run, covers: [voq, ~]}\n"));
        assertEquals("regress/p.yaml: tests[0] (a): field covers: an empty value",
                error("plan: demo\ntests:\n  - {name: a, command: run, covers: [voq, &x, islip]}\n"));
        assertEquals("regress/p.yaml: tests[0] (a): field args: an empty value",
                error("plan: demo\ntests:\n  - {name: a, command: run, args: [--load, ~]}\n"));
    }

    @Test
    void errorsNameFileLineAndField() {
        assertEquals("regress/p.yaml: line 4, column 13: field tests[0].sedes: unknown field 'sedes' (known: args, command, coverage, covers, name, seeds, timeout_s)",
                error("""
                        plan: demo
                        tests:
                          - name: a
                            sedes: 3
                            command: run
                        """));
        assertTrue(error("plan: demo\ntests:\n  - name: a\n    command: bench\n")
                .startsWith("regress/p.yaml: tests[0] (a): field command: 'bench' is not one of [fuzz, replay, run]"));
        assertTrue(error("plan: demo\ntests:\n  - name: a\n    command: run\n    args: [--seed, 4]\n")
                .startsWith("regress/p.yaml: tests[0] (a): field args: --seed is set by the regression for every run"));
        assertTrue(error("plan: demo\ntests:\n  - name: a\n    command: run\n    args: [--json=x.json]\n")
                .contains("field args: --json is set by the regression"));
        assertEquals("regress/p.yaml: tests[1] (a): field name: 'a' appears twice",
                error("plan: demo\ntests:\n  - {name: a, command: run}\n  - {name: a, command: run}\n"));
        assertEquals("regress/p.yaml: tests[0] (a): field seeds: 0 must be 1..100000", error("plan: demo\ntests:\n  - {name: a, command: run, seeds: 0}\n"));
        assertEquals("regress/p.yaml: line 3, column 36: field tests[0].seeds: 'many' is not a whole number",
                error("plan: demo\ntests:\n  - {name: a, command: run, seeds: many}\n"));
        assertTrue(error("plan: demo\ntests:\n  - name: a\n   command: run\n").startsWith("regress/p.yaml: line 4"),
                error("plan: demo\ntests:\n  - name: a\n   command: run\n"));
        assertEquals("regress/p.yaml: field tests: the plan has no tests", error("plan: demo\ntests: []\n"));
        assertTrue(error("tests: []\n").contains("plan"), error("tests: []\n"));
        assertEquals("regress/p.yaml: field plan: 'a b' is not a name (letters, digits, _ . -)", error("plan: a b\ntests:\n  - {name: a, command: run}\n"));
        assertEquals("regress/p.yaml: tests[0] (x/y): field name: 'x/y' is not a name (letters, digits, _ . -)",
                error("plan: d\ntests:\n  - {name: x/y, command: run}\n"));
        assertEquals("regress/p.yaml: empty plan (needs plan: and tests:)", error(""));
    }

    @Test
    void anUnknownPlanNamesWhatIsShipped() {
        Path regress = Repo.root().resolve("regress");
        String m = assertThrows(Plan.PlanException.class, () -> Plan.resolve("nosuch", regress)).getMessage();
        assertTrue(m.startsWith("plan nosuch: no such file, and no plan of that name in " + regress + " (shipped: "), m);
        assertTrue(m.contains("smoke"), m);
    }
}
