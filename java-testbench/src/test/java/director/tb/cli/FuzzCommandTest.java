package director.tb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import director.tb.fuzz.FuzzSession;
import director.tb.fuzz.FuzzTargets;
import director.tb.regress.LocalRunner;
import director.tb.regress.Outcome;
import director.tb.regress.Plan;
import director.tb.regress.RegressReport;
import director.tb.regress.Regression;
import director.tb.tools.Repo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code director fuzz}: the targets listed, bad options refused in one line (exit 2), a short session fuzzing (exit 0,
 * inputs run, the seed reaching libFuzzer), and a finding reported through a regression plan entry (exit 1, the
 * crashing input, a command that repeats it and fails the same way). Jazzer runs in child JVMs; no simulation model.
 */
@Tag("fast")
class FuzzCommandTest {
    @Test
    void listNamesEveryTargetWithItsDocumentedError() {
        CliOutcome o = CliOutcome.execute("fuzz", "--list");
        assertEquals(Main.EXIT_PASS, o.code(), o.err());
        for (var t : FuzzTargets.ALL) assertTrue(o.out().contains(t.name() + " "), t.name() + " missing in\n" + o.out());
        assertTrue(o.out().contains("all "), o.out());
        assertTrue(o.out().contains("InputError") && o.out().contains("FrameException") && o.out().contains("PlanException"), o.out());
    }

    @Test
    void badOptionsAreOneLineAndExit2() {
        assertTrue(CliOutcome.usageError("fuzz").contains("--target NAME is missing (one of trace-csv, pcap,"));
        assertTrue(CliOutcome.usageError("fuzz", "--target", "nosuch").contains("--target nosuch: no such target (trace-csv, "));
        assertTrue(CliOutcome.usageError("fuzz", "--target", "pcap", "--seconds", "0").contains("--seconds: must be positive"));
        assertTrue(CliOutcome.usageError("fuzz", "--target", "pcap", "--seed", "-1").contains("--seed"));
        assertTrue(CliOutcome.usageError("fuzz", "--target", "pcap", "--colour", "red").contains("unknown option --colour for 'fuzz'"));
        assertTrue(CliOutcome.usageError("fuzz", "--target", "pcap", "--input", "/nonexistent/x").contains("--input /nonexistent/x: no such file"));
    }

    @Test
    void aShortSessionFuzzesAndPasses(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        CliOutcome o = CliOutcome.execute("fuzz", "--target", "ip-udp", "--seconds", "2", "--seed", "5", "--json", json.toString(),
                "--no-progress");
        assertEquals(Main.EXIT_PASS, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("fuzz ip-udp: no finding: "), o.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals("PASS", j.get("result").asText());
        assertEquals(FuzzSession.libFuzzerSeed(5), j.get("libfuzzer_seed").asLong());
        assertEquals(6, FuzzSession.libFuzzerSeed(5));
        long seeds = FuzzTargets.named("ip-udp").seeds(Repo.root()).size();
        assertTrue(j.get("runs").asLong() > 10 * seeds, "new inputs were run: " + j);
        Path session = dir.resolve("fuzz-ip-udp");
        assertEquals(session.toString(), j.get("dir").asText());
        assertTrue(Files.isDirectory(session.resolve("corpus")) && Files.isRegularFile(session.resolve("fuzz.log")));
        assertEquals(o.out(), o.out().strip() + "\n", "no fuzzer chatter on stdout with --no-progress");
    }

    /** A plan entry fuzzing a target with a bug (self-test): the regression's seed, its JSON, a finding, a reproduce command. */
    @Test
    void aFindingInARegressionIsReportedWithItsInputAndRepeats(@TempDir Path out) throws Exception {
        Plan p = Plan.parse("plan: f\ntests:\n  - {name: bug, command: fuzz, args: [--target, self-test, --seconds, '60'], timeout_s: 300}\n",
                out.resolve("f.yaml"));
        assertTrue(RegressCommand.models(p).isEmpty(), "a fuzz entry needs no model");
        StringWriter log = new StringWriter();
        RegressReport.Summary s = Regression.run(p, 3, "again", out, new LocalRunner(LocalRunner.sameJvm(), 1, Repo.root()),
                new PrintWriter(log, true), true);  // coverage on: a fuzz entry is not asked for it
        assertEquals(1, s.failed(), log.toString());
        Outcome o = s.outcomes().get(0);
        assertEquals(Outcome.Status.FAIL, o.status(), o.detail());
        assertEquals("fuzz self-test: Java Exception: java.lang.IllegalStateException: self-test: an input starting with BUG",
                o.firstFailure());
        assertTrue(o.reproduce().startsWith("scripts/director fuzz --target self-test --seconds 60 --seed "), o.reproduce());
        String runLog = Files.readString(o.run().log());
        assertTrue(runLog.contains("libFuzzer -seed=" + FuzzSession.libFuzzerSeed(o.run().seed())), runLog);
        JsonNode j = new ObjectMapper().readTree(o.run().json().toFile());
        Path input = Path.of(j.get("input").asText());
        assertTrue(new String(Files.readAllBytes(input), StandardCharsets.ISO_8859_1).startsWith("BUG"), input.toString());
        assertTrue(input.startsWith(o.run().dir()), "the input stays in the run's folder: " + input);
        String again = j.get("reproduce").asText();
        assertEquals("scripts/director fuzz --target self-test --input " + input, again);
        assertTrue(runLog.contains("reproduce: " + again), runLog);
        // the reproduce command fails the same way, in this JVM
        CliOutcome r = CliOutcome.execute(again.substring("scripts/director ".length()).split(" "));
        assertEquals(Main.EXIT_FAIL, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("java.lang.IllegalStateException: self-test: an input starting with BUG"), r.out());
        // and an input that is no finding passes
        Path fine = Files.write(out.resolve("fine"), "BOG".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Main.EXIT_PASS, CliOutcome.execute("fuzz", "--target", "self-test", "--input", fine.toString()).code());
    }

    @Test
    void aPlanEntryWithABadTargetIsNamedBeforeAnyRun() {
        Plan p = Plan.parse("plan: f\ntests:\n  - {name: f1, command: fuzz, args: [--target, nosuch, --seconds, '5']}\n", Path.of("x.yaml"));
        String m = assertThrows(Plan.PlanException.class, () -> RegressCommand.models(p)).getMessage();
        assertTrue(m.startsWith("x.yaml: test f1: --target nosuch: no such target"), m);
    }
}
