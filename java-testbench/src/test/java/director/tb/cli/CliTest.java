package director.tb.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The command line: bad input is a one-line error naming it; a small run prints its report and JSON. */
class CliTest {
    private static String usageError(String... argv) {
        Exception e = assertThrows(RuntimeException.class, () -> Main.dispatch(argv));
        assertTrue(e instanceof Args.UsageException || e instanceof IllegalArgumentException, e.toString());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
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
        assertTrue(usageError("run", "--profile", "small", "--vl-tables", "/nonexistent/t.csv").contains("/nonexistent/t.csv"));
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
    void aBadVlTablesFileIsNamedWithLineAndField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "table,vl,weight\nlow,1,64\nlow,2,300\n");
        String msg = usageError("run", "--profile", "small", "--vl-tables", f.toString());
        assertTrue(msg.contains("bad.csv") && msg.contains("line 3") && msg.contains("weight") && msg.contains("300"), msg);
    }

    @Test
    void aSmallRunPrintsTheReportAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true));
            code = Main.dispatch(new String[] {"run", "--profile", "small", "--load", "0.5", "--cycles", "10000", "--seed", "3",
                    "--json", json.toString()});
        } finally {
            System.setOut(old);
        }
        String out = buf.toString();
        System.out.print(out);
        assertEquals(0, code);
        assertTrue(out.contains("seed 3"));
        assertTrue(out.contains("RESULT: PASS"));
        String j = Files.readString(json);
        for (String field : new String[] {"\"profile\": \"small\"", "\"seed\": 3", "\"cycles\": 10000", "\"offered_gbps\"",
                "\"delivered_gbps\"", "\"mismatches\": 0", "\"lost\": 0", "\"drops\"", "\"vls\"", "\"weight_share\"", "\"credit_stall_cycles\""})
            assertTrue(j.contains(field), field + " in " + j);
    }
}
