package director.tb.run;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import director.tb.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The line-rate main job on the gateway profile (5 hosts, 2 x 10GbE, 1 FC: the vp780's mix of ports, small enough for
 * every test run), the other patterns' verdicts, and work conservation with a scheduler that is lazy on purpose.
 */
@Tag("system")
class LineRateSystemTest {
    @TempDir Path tmp;

    private record Run(int exit, String out, JsonNode json) {}

    private Run run(String... args) throws Exception {
        Path json = tmp.resolve("run-" + System.nanoTime() + ".json");
        StringWriter out = new StringWriter(), err = new StringWriter();
        String[] all = new String[args.length + 5];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--json";
        all[args.length + 2] = json.toString();
        all[args.length + 3] = "--on-fail";
        all[args.length + 4] = "none";
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        System.out.print(out);
        return new Run(exit, out.toString(), new ObjectMapper().readTree(json.toFile()));
    }

    @Test
    void theBalancedPlanRunsEveryPortAtLineRateBothWaysWithEveryFrameExact() throws Exception {
        Run r = run("--profile", "gateway", "--cycles", "20000", "--seed", "1", "--no-progress");
        assertEquals(0, r.exit(), "RESULT: PASS");
        JsonNode j = r.json();
        assertEquals(0, j.get("mismatches").asLong());
        assertEquals(0, j.get("lost").asLong());
        assertTrue(j.get("admissible").asBoolean());
        assertTrue(j.get("work_conserving").asBoolean());
        assertEquals(80.0, j.get("aggregate_in_gbps").asDouble(), 0.05, "every input at its full line");
        assertTrue(j.get("aggregate_gbps").asDouble() >= 0.999 * 160, "aggregate " + j.get("aggregate_gbps") + " >= 99.9% of 160 Gb/s");
        assertEquals(j.get("aggregate_in_gbps").asDouble() + j.get("aggregate_out_gbps").asDouble(), j.get("aggregate_gbps").asDouble(), 1e-9);
        for (JsonNode p : j.get("ports")) {
            assertTrue(p.has("idle_with_work_cycles"), "port " + p.get("port"));
            assertEquals(0, p.get("idle_unexplained_cycles").asLong(), "port " + p.get("port"));
            assertTrue(p.get("work_conserving").asBoolean());
            assertTrue(p.get("in_wire_gbps").asDouble() > 9.99, "port " + p.get("port") + " in " + p.get("in_wire_gbps"));
        }
        assertTrue(r.out().contains("aggregate: in 80.00 Gb/s"), "the report says the aggregate");
        assertTrue(r.out().contains("RESULT: PASS (every output delivered exactly what was expected"), "one-line reason");
    }

    @Test
    void incastIsHeldBackLosslesslyAndReportedAsNotAdmissibleNotAsAFailure() throws Exception {
        // long enough to fill the senders' input buffers (128 KB each: 100,000 cycles carry 500 KB a port)
        Run r = run("--profile", "gateway", "--incast", "0:3", "--load", "0.9", "--cycles", "100000", "--seed", "2", "--no-progress");
        assertEquals(0, r.exit(), "the switch did nothing wrong: PASS");
        JsonNode j = r.json();
        assertFalse(j.get("admissible").asBoolean());
        String over = j.get("overloaded_outputs").get(0).asText();
        assertTrue(over.startsWith("output 0 asked for 2."), over);   // 3 senders x 0.9
        assertEquals(0, j.get("lost").asLong());
        assertEquals(0, j.get("mismatches").asLong());
        assertTrue(j.get("ports").get(0).get("out_wire_gbps").asDouble() > 9.9, "the target output runs at its line");
        for (int p = 1; p <= 3; p++)
            assertTrue(j.get("ports").get(p).get("accepted_gbps").asDouble() < 0.8 * j.get("ports").get(p).get("offered_gbps").asDouble(),
                    "sender " + p + " is held back by credits: " + j.get("ports").get(p));
        assertTrue(r.out().contains("not admissible (output 0 asked for"), r.out());
    }

    @Test
    void burstyTrafficAtHalfLoadPasses() throws Exception {
        Run r = run("--profile", "gateway", "--burst", "8", "--load", "0.5", "--cycles", "20000", "--seed", "3", "--no-progress");
        assertEquals(0, r.exit());
        assertTrue(r.json().get("traffic").asText().contains("bursty"), r.json().get("traffic").asText());
        assertTrue(r.json().get("work_conserving").asBoolean());
    }

    @Test
    void flowsFromAWorkloadDistributionAreExact() throws Exception {
        Run r = run("--profile", "gateway", "--workload", "../traces/workloads/websearch.cdf", "--load", "0.3", "--cycles", "20000",
                "--seed", "4", "--no-progress");
        assertEquals(0, r.json().get("mismatches").asLong());
        assertEquals(0, r.json().get("lost").asLong());
        assertTrue(r.json().get("traffic").asText().startsWith("workload websearch.cdf"), r.json().get("traffic").asText());
    }

    @Test
    void aLazySchedulerIsCaughtByTheWorkConservationCheck() throws Exception {
        // SCHED_PERIOD 64: the scheduler matches one cycle in 64 (a register setting: the same model)
        Run lazy = run("--profile", "gateway", "--sched-period", "64", "--cycles", "20000", "--seed", "1", "--no-progress");
        assertEquals(1, lazy.exit(), "RESULT: FAIL");
        JsonNode j = lazy.json();
        assertEquals(0, j.get("mismatches").asLong(), "a lazy scheduler loses nothing: every frame still exact");
        assertEquals(0, j.get("lost").asLong());
        assertFalse(j.get("work_conserving").asBoolean());
        long unexplained = 0;
        for (JsonNode p : j.get("ports")) unexplained += p.get("idle_unexplained_cycles").asLong();
        assertTrue(unexplained > 0, "unexplained idle cycles: " + unexplained);   // 49 with seed 1 (the plan keeps backlogs, which hide most of it)
        assertTrue(lazy.out().contains("RESULT: FAIL (") && lazy.out().contains("not work conserving: port "), "one line naming the ports");
    }
}
