package director.tb.sim;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every C++ file of a model is compiled with the model's precompiled header (director_pch.mk, ModelBuild.pchHeader):
 * the header is compiled once, every compile line of the model's own files includes it first, and g++ used it for
 * each (the build passes -Winvalid-pch, so a header it could not use is said in the build log, with the reason).
 */
@Tag("rtl")
class PrecompiledHeaderTest {
    @Test
    void everyFileOfAModelIsCompiledWithTheHeaderCompiledOnce() throws IOException {
        Path lib = Models.islipUnit(4, 4);
        Path log = lib.resolveSibling("build.log");
        List<String> lines = Files.readAllLines(log);
        List<String> header = lines.stream().filter(l -> l.contains("-x c++-header")).toList();
        assertEquals(1, header.size(), "the header is compiled once: " + log);
        assertTrue(header.get(0).contains("director_pch.h.gch") && !header.get(0).contains("-include"), header.get(0));
        // the model's own files (Verilator's runtime, the same in every model, keeps the prelude alone: director_pch.mk)
        List<String> compiles = lines.stream().filter(l -> l.contains(" -c -o ") && l.contains(".o ") && !l.contains("/include/verilated")).toList();
        assertTrue(compiles.size() >= 3, "the model's compile lines in " + log + ": " + compiles.size());
        for (String c : compiles) assertTrue(c.contains("-include ") && c.contains("/director_pch.h "), c);
        // the header compiled before the first object
        assertTrue(lines.indexOf(header.get(0)) < lines.indexOf(compiles.get(0)), log.toString());
        assertFalse(lines.stream().anyMatch(l -> l.contains("not used because") || (l.contains("warning:") && l.contains(".gch"))),
                "g++ could not use the precompiled header for some file: " + log);
    }
}
