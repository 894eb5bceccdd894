package director.tb.sim;

import director.harness.BuildException;
import director.harness.ModelBuild;
import director.harness.Training;
import director.rtl.top.Elaborate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A profile-guided build whose training fails ends the build with the training's reason, names the library it ran,
 * and leaves no model in the cache (the next request builds again): on the smallest unit model (iSLIP, 4 ports, 4 iterations: PrecompiledHeaderTest builds it untrained).
 * The trained build that succeeds is DirectorModelTest's.
 */
@Tag("rtl")
class TrainedBuildTest {
    /** An iSLIP unit built with {@code training}; the training's words are part of the key, so each case is its own model. */
    private static Path build(Training training) {
        return ModelBuild.library(new ModelBuild.Spec("IslipUnit", Models.rtlCodeHash() + "\nislip n=4 iterations=4",
                () -> Elaborate.islipUnit(4, 4), "islip_unit.cpp", Map.of("UNIT_N", "4"), Map.of(), false, 1, false, training));
    }

    @Test
    void aTrainingThatFailsFailsTheBuildWithItsReason() {
        Path[] ran = new Path[1];
        BuildException e = assertThrows(BuildException.class, () -> build(new Training() {
            public String describe() { return "a training that fails (TrainedBuildTest)"; }
            public String run(Path lib) {
                ran[0] = lib;
                throw new BuildException("the job stopped at cycle 12 (on purpose)");
            }
        }));
        assertEquals("the job stopped at cycle 12 (on purpose)", e.getMessage());
        assertNotNull(ran[0], "the training ran");
        // it ran the counting build, in the folder being built; no model was put in the cache
        assertTrue(ran[0].getParent().getFileName().toString().matches("IslipUnit-pgo-[0-9a-f]+\\.building"), ran[0].toString());
        String folder = ran[0].getParent().getFileName().toString().replace(".building", "");
        assertFalse(Files.exists(ran[0].getParent().resolveSibling(folder).resolve("libIslipUnit.so")));
    }

    @Test
    void aTrainingThatWritesNoCountsFailsTheBuildNamingTheFile() {
        BuildException e = assertThrows(BuildException.class, () -> build(new Training() {
            public String describe() { return "a training that writes nothing (TrainedBuildTest)"; }
            public String run(Path lib) {
                // runs nothing and never asks the library to write its counts
                return null;
            }
        }));
        assertTrue(e.getMessage().startsWith("training IslipUnit (a training that writes nothing (TrainedBuildTest)) wrote no counts to "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("/pgo/train.profraw"), e.getMessage());
    }

    @Test
    void aLibraryBuiltWithoutCountsHasNoneToWrite() {
        assertFalse(DirectorSim.writeProfile(Models.islipUnit(4, 4)), "an untrained library has no dir_profile_write");
    }
}
