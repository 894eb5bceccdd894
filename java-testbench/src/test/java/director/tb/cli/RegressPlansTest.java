package director.tb.cli;

import director.rtl.params.DirectorParams;
import director.tb.regress.Plan;
import director.tb.tools.Repo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every entry of every shipped plan is a command line the testbench accepts, and a bad one is named before any run. */
@Tag("fast")
class RegressPlansTest {
    private static final Path REGRESS = Repo.root().resolve("regress");

    @Test
    void everyShippedEntryParsesAndNamesItsModel() {
        for (String name : Plan.shipped(REGRESS)) {
            Plan p = Plan.load(Plan.resolve(name, REGRESS));
            Map<DirectorParams, String> models = RegressCommand.models(p);
            List<String> profiles = models.keySet().stream().map(DirectorParams::name).sorted().toList();
            if (name.equals("smoke")) assertEquals(List.of("gateway", "small"), profiles, "smoke builds no vp780");
            else assertEquals(List.of("gateway", "small", "vp780"), profiles, name);
        }
    }

    @Test
    void aBadOptionInAPlanNamesTheFileAndTheTest() {
        Plan p = Plan.parse("plan: bad\ntests:\n  - {name: t1, command: run, args: [--profile, small, --cycles, '0']}\n", Path.of("x.yaml"));
        String m = assertThrows(Plan.PlanException.class, () -> RegressCommand.models(p)).getMessage();
        assertTrue(m.startsWith("x.yaml: test t1: "), m);
        assertTrue(m.contains("--cycles"), m);
        Plan q = Plan.parse("plan: bad\ntests:\n  - {name: t2, command: run, args: [--profile, nosuch]}\n", Path.of("x.yaml"));
        String n = assertThrows(Plan.PlanException.class, () -> RegressCommand.models(q)).getMessage();
        assertTrue(n.startsWith("x.yaml: test t2: ") && n.contains("nosuch"), n);
    }
}
