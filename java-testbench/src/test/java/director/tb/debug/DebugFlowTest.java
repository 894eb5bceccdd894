package director.tb.debug;

import org.junit.jupiter.api.Tag;
import director.tb.cli.Main;
import director.tb.io.waves.FstSignals;
import director.tb.tools.Gtkwave;
import director.tb.tools.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The debug flow has a test of its own: a model built with a deliberate bug (params/FaultInjection) fails, re-runs
 * itself with waves around the first failure, and leaves an FST that fst2vcd reads and a .gtkw that the real GTKWave
 * opens with the marker at the cycle the report names; the printed reproduce commands are complete and, run again,
 * reproduce the failure at the same cycle.
 */
@Tag("system")
class DebugFlowTest {
    /** One model build per fault class: the failing run uses the tracing build too (waves off until the re-run). */
    @org.junit.jupiter.api.BeforeAll
    static void tracedBuilds() { System.setProperty("director.traced", "true"); }

    @org.junit.jupiter.api.AfterAll
    static void plainBuilds() { System.clearProperty("director.traced"); }

    record Outcome(int code, String out, String err) {}

    static Outcome director(String... argv) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), argv);
        return new Outcome(code, out.toString(), err.toString());
    }

    static String line(String out, String prefix) {
        for (String l : out.split("\n")) if (l.startsWith(prefix)) return l.substring(prefix.length()).trim();
        return fail("no line starting '" + prefix + "' in:\n" + out);
    }

    @Test
    void aCorruptedHeaderFailsAndLeavesWavesGtkwaveOpensAtTheFailure(@TempDir Path dir) throws Exception {
        RequiredTools.onPath("fst2vcd");
        Path fst = dir.resolve("fail.fst");
        String[] argv = {"run", "--profile", "small", "--set", "faultInject=egress-header", "--cycles", "12000", "--seed", "3",
                "--fail-waves", fst.toString(), "--waves-before", "1000", "--waves-after", "100"};
        Outcome o = director(argv);
        assertEquals(Main.EXIT_FAIL, o.code(), o.out() + o.err());
        String first = line(o.out(), "first failure:");
        Matcher m = Pattern.compile("^cycle (\\d+), port (\\d+): frame differs from expected").matcher(first);
        assertTrue(m.find(), "a mismatch of a frame: " + first);
        long cycle = Long.parseLong(m.group(1));
        int port = Integer.parseInt(m.group(2));

        // the reproduce commands are complete: every option given, the seed, and for waves the window
        String again = line(o.out(), "reproduce:");
        assertEquals("scripts/director run --profile small --set faultInject=egress-header --cycles 12000 --seed 3", again);
        String withWaves = line(o.out(), "reproduce with waves:");
        assertTrue(withWaves.startsWith(again + " --waves " + fst + " --from " + (cycle - 1000) + " --to " + (cycle + 100) + " --on-fail none"),
                withWaves);
        assertTrue(o.out().contains("re-run with waves failed the same way at the same cycle"), o.out());

        // the waves: fst2vcd reads them; the view GTKWave opens shows the failing port, marker at the failure
        FstSignals.Header h = FstSignals.read(fst);
        assertTrue(h.signals().stream().anyMatch(s -> s.name().equals("TOP.DirectorTop.egress_" + port + "_valid")), "egress stream traced");
        Path gtkw = dir.resolve("fail.gtkw");
        String save = Files.readString(gtkw);
        for (String group : List.of("ingress stream, port " + port, "egress stream, port " + port, "credits, port " + port,
                "VOQs of input " + port, "iSLIP scheduler", "VL arbiter of output " + port))
            assertTrue(save.contains("\n-" + group), "group '" + group + "' in the .gtkw");
        for (String l : save.split("\n"))
            if (l.startsWith("TOP."))
                assertTrue(h.signals().stream().anyMatch(s -> s.name().equals(l)), "the .gtkw names a signal the FST holds: " + l);
        Map<String, String> g = Gtkwave.open(gtkw);
        assertEquals(fst.toAbsolutePath().toString(), g.get("DUMP"));
        assertEquals(Long.toString(cycle * 4000), g.get("MARKER"), "marker at the failure cycle (4000 ps a cycle)");
        assertEquals(Long.toString((cycle - 1000) * 4000), g.get("START"));
        assertTrue(Integer.parseInt(g.get("TRACES")) > 50, "traces shown: " + g.get("TRACES"));

        // the plain reproduce command fails the same way, at the same cycle
        List<String> words = new java.util.ArrayList<>(List.of(again.split(" ")));
        words.addAll(List.of("--fail-waves", dir.resolve("again.fst").toString()));  // its own debug re-run writes there
        Outcome o2 = director(words.subList(1, words.size()).toArray(String[]::new));
        assertEquals(Main.EXIT_FAIL, o2.code());
        assertEquals(first, line(o2.out(), "first failure:"));
    }

    @Test
    void aModelThatStopsLeavesCompleteWavesUpToTheFault(@TempDir Path dir) throws Exception {
        // the design as it is (no injected bug): port 0's link partner returns no credit on VL 3, ever; the watchdog
        // stops the model, which closes the waves at that cycle (the same would hold for an RTL assertion)
        // (frames held behind the starved VL count as lost first; the window stays open until the model stops)
        Path fst = dir.resolve("stopped.fst");
        Outcome o = director("run", "--profile", "small", "--pattern", "hotspot", "--hotspot", "0:1.0", "--load", "0.25",
                "--starve", "0:3:0", "--watchdog", "4000", "--cycles", "20000", "--seed", "9", "--fail-waves", fst.toString(),
                "--waves-after", "1000000");
        assertEquals(Main.EXIT_FAIL, o.code(), o.out() + o.err());
        Matcher fault = Pattern.compile("FAULT at cycle (\\d+), port 0, seed 9: .*watchdog").matcher(o.out());
        assertTrue(fault.find(), o.out());
        String first = line(o.out(), "first failure:");
        assertTrue(o.out().contains("re-run with waves failed the same way at the same cycle"), o.out());
        long cycle = Long.parseLong(first.replaceAll("^cycle (\\d+).*", "$1"));
        long stopped = Long.parseLong(fault.group(1));
        assertTrue(stopped > cycle && stopped < cycle + 1_000_000, "the model stopped inside the window");
        FstSignals.read(fst);  // closed at the fault: complete and readable
        Map<String, String> g = Gtkwave.open(dir.resolve("stopped.gtkw"));
        assertEquals(Long.toString(cycle * 4000), g.get("MARKER"), first);
    }

    @Test
    void aModelKilledByASignalLeavesItsWavesClosedAndReadable(@TempDir Path dir) throws Exception {
        // a JVM as scripts/director starts it (libjsig preloaded for signal chaining); the harness's test hook raises
        // SIGSEGV in the model at cycle 1500 while the waves are being written
        Path fst = dir.resolve("killed.fst");
        Path javaHome = Path.of(System.getProperty("java.home"));
        ProcessBuilder pb = new ProcessBuilder(javaHome.resolve("bin/java").toString(), "-XX:ErrorFile=" + dir.resolve("hs_err.log"),
                "-Ddirector.traced=true", "-cp", System.getProperty("java.class.path"), "director.tb.cli.Main", "run", "--profile", "small",
                "--cycles", "3000", "--seed", "1", "--waves", fst.toString(), "--from", "0", "--to", "3000", "--on-fail", "none")
                .redirectErrorStream(true);
        pb.environment().put("LD_PRELOAD", javaHome.resolve("lib/libjsig.so").toString());
        pb.environment().put("DIRECTOR_TEST_SIGNAL_AT_CYCLE", "1500");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), "the child finished");
        assertEquals(128 + 11, p.exitValue(), "killed by SIGSEGV:\n" + out);
        assertTrue(out.contains("killed by a fatal signal; the waves it was writing are closed"), out);
        FstSignals.read(fst);  // closed: fst2vcd reads it
        // the last time in the file is the cycle the model died in (4000 ps a cycle)
        Process v = new ProcessBuilder("fst2vcd", "-f", fst.toString()).redirectErrorStream(true).start();
        long last = -1;
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(v.getInputStream()))) {
            for (String l; (l = r.readLine()) != null; ) if (l.startsWith("#")) last = Long.parseLong(l.substring(1).trim());
        }
        v.waitFor();
        assertTrue(last >= 1500L * 4000 - 4000 && last <= 1500L * 4000 + 4000, "waves up to the signal's cycle: last time " + last);
    }

    /** Each fault class changes the generated hardware, and the default design has none of their logic. */
    @Test
    void everyFaultClassElaboratesAndTheDefaultDesignHasNone(@TempDir Path dir) throws Exception {
        Map<String, String> marker = Map.of("egress-header", "^ 33'h100000000", "voq-count", "loseCount");
        director.rtl.params.DirectorParams small = director.rtl.params.DirectorParams.small();
        Path plain = dir.resolve("plain.sv");
        director.tb.sim.Models.writeSystemVerilog(small, plain);
        String plainSv = Files.readString(plain);
        for (var e : marker.entrySet()) {
            assertFalse(plainSv.contains(e.getValue()), "the default design has no " + e.getKey() + " logic");
            Path f = dir.resolve(e.getKey() + ".sv");
            director.tb.sim.Models.writeSystemVerilog(director.rtl.params.DirectorParams.withOverridesJava(small,
                    Map.of("faultInject", e.getKey())), f);
            assertTrue(Files.readString(f).contains(e.getValue()), e.getKey() + " elaborates its bug");
        }
        assertEquals(List.of("", "egress-header", "voq-count"),
                scala.jdk.javaapi.CollectionConverters.asJava(director.rtl.params.FaultInjection.classes()));
    }
}
