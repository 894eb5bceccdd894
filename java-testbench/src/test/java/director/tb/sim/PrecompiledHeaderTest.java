package director.tb.sim;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every C++ file of a model is compiled with a precompiled header of the model (director_pch.mk, ModelBuild.pchHeader):
 * the header is compiled once for the code that runs every cycle (-O1) and, when Verilator split the model into
 * files (a unit model is one file), once for the code run once (its __Slow files, the constant pool and the symbol
 * table: Verilator's VM_CLASSES_SLOW and VM_SUPPORT_SLOW, -O0: clang refuses a header
 * compiled at another optimisation); every compile line of the model's own files includes the header of its
 * optimisation first, and the compiler used it for each (the build passes -Winvalid-pch, so a header it could not
 * use is said in the build log, with the reason). The split case on a director model: PrecompiledHeaderSystemTest.
 */
@Tag("rtl")
class PrecompiledHeaderTest {
    @Test
    void everyFileOfAModelIsCompiledWithTheHeaderCompiledOnce() throws IOException {
        assertEquals(0, check(Models.islipUnit(4, 4).resolveSibling("build.log")), "a unit model is one file: no code apart");
    }

    /** Checks a model's build log; returns how many of its files are code run once (compiled with the second header). */
    static int check(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        // the model's own files (Verilator's runtime, the same in every model, keeps the prelude alone: director_pch.mk)
        List<String> compiles = lines.stream().filter(l -> l.contains(" -c -o ") && l.contains(".o ") && !l.contains("/include/verilated")).toList();
        assertTrue(compiles.size() >= 3, "the model's compile lines in " + log + ": " + compiles.size());
        // Verilator's VM_CLASSES_SLOW and VM_SUPPORT_SLOW: the __Slow files, the constant pool (data), the symbol table
        List<String> slow = compiles.stream().filter(c -> c.matches(".* -c -o \\S+__(Slow|ConstPool_\\d+|Syms)\\.o .*")).toList();
        List<String> header = lines.stream().filter(l -> l.contains("-x c++-header")).toList();
        assertEquals(slow.isEmpty() ? 1 : 2, header.size(), "the header is compiled once per optimisation in use: " + log);
        String fast = header.stream().filter(l -> l.contains("/director_pch.h.gch ")).findFirst().orElseThrow();
        assertTrue(fast.contains(" -O1 ") && !fast.contains("-include"), fast);
        for (String c : compiles) {
            boolean runOnce = slow.contains(c);
            assertTrue(c.contains("-include ") && c.contains(runOnce ? "/director_pch_slow.h " : "/director_pch.h "), c);
            assertTrue(c.contains(runOnce ? " -O0 " : " -O1 "), c);
        }
        // each header compiled before the first object that includes it
        assertTrue(lines.indexOf(fast) < lines.indexOf(compiles.get(0)), log.toString());
        if (!slow.isEmpty()) {
            String once = header.stream().filter(l -> l.contains("/director_pch_slow.h.gch ")).findFirst().orElseThrow();
            assertTrue(once.contains(" -O0 ") && !once.contains("-include"), once);
            assertTrue(lines.indexOf(once) < slow.stream().mapToInt(lines::indexOf).min().orElseThrow(), log.toString());
        }
        assertFalse(lines.stream().anyMatch(l -> l.contains("not used because") || l.contains("PCH file") || (l.contains("warning:") && l.contains(".gch"))),
                "the compiler could not use a precompiled header for some file: " + log);
        return slow.size();
    }
}
