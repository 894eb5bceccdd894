package director.tb.sim;

import director.tb.run.DirectorModel;
import org.junit.jupiter.api.Tag;
import director.harness.BuildException;
import director.harness.ModelBuild;
import director.rtl.params.DirectorParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.*;

@Tag("system")
class ModelCacheTest {
    @Test
    void aSecondRequestIsACacheHitWithoutElaboration() {
        Path first = DirectorModel.library(DirectorParams.small(), false);
        long t0 = System.nanoTime();
        Path again = DirectorModel.library(DirectorParams.small(), false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(first, again);
        System.out.printf("cache hit in %.3f s%n", seconds);
        // a different parameter is a different model
        assertNotEquals(DirectorParams.small().describe(),
                DirectorParams.fromSpec("small", java.util.Map.of("islipIterations", "2")).describe(), "parameters are part of the key");
    }

    @Test
    void systemVerilogIsRewrittenOnlyWhenItChanges(@TempDir Path dir) throws Exception {
        Path sv = dir.resolve("small.sv");
        assertTrue(Models.writeSystemVerilog(DirectorParams.small(), sv));
        FileTime t = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(sv, t);
        assertFalse(Models.writeSystemVerilog(DirectorParams.small(), sv), "same content: not written");
        assertEquals(t, Files.getLastModifiedTime(sv));
        assertTrue(ModelBuild.writeIfChanged(sv, "changed"));
    }

    @Test
    void aMissingCompilerIsAOneLineErrorNamingItAndTheFix() {
        BuildException e = assertThrows(BuildException.class, () -> ModelBuild.probeCompiler("clang++-not-installed-here"));
        assertTrue(e.getMessage().contains("clang++-not-installed-here (the model's C++ compiler) is not installed")
                && e.getMessage().contains("scripts/ensure-tools"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        // the installed one answers with its version line, which goes into every model's cache key
        assertTrue(ModelBuild.probeCompiler(ModelBuild.CXX).contains("clang version"), ModelBuild.probeCompiler(ModelBuild.CXX));
    }

    @Test
    void aMissingVerilatorIsAOneLineError() {
        BuildException e = assertThrows(BuildException.class, () -> ModelBuild.probeVerilator("verilator-not-installed-here"));
        assertTrue(e.getMessage().contains("Verilator is not installed"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
