package director.tb.tools;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** scripts/model-icache refuses bad options with exit 2 and a line naming the option and the value, before it builds
  * or installs anything (its measurement itself takes minutes and valgrind: docs/design.md, "Issue 12, seventh
  * session"). */
@Tag("fast")
class ModelIcacheScriptTest {
    private record Outcome(int code, String err) {}

    private static Outcome run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", Repo.root().resolve("scripts/model-icache").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the script answered at once");
        return new Outcome(p.exitValue(), err);
    }

    @Test
    void badOptionsAreNamedWithExit2() throws Exception {
        Outcome o = run("--from", "ten");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--from must be a whole number, got 'ten'"), o.err());
        o = run("--from", "3000", "--to", "1000");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("need 1 <= --from < --to, got --from 3000 --to 1000"), o.err());
        o = run("--cycles", "5");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("unknown option '--cycles'"), o.err());
        o = run("--profile");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("model-icache: --profile needs a value"), o.err());
    }

    @Test
    void helpSaysWhatItMeasures() throws Exception {
        Process p = new ProcessBuilder("bash", Repo.root().resolve("scripts/model-icache").toString(), "--help").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(out.contains("cachegrind") && out.contains("scripts/model-icache [--profile vp780]") && out.contains("--trained"), out);
    }
}
