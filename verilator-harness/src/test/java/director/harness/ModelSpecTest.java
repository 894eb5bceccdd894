package director.harness;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A model in words ({@link ModelBuild.Spec#describe}): the top, its variant and the RTL's parameters, without the
 *  code's hash (the first line of the RTL identity), so the same model reads the same across code changes. */
@Tag("fast")
class ModelSpecTest {
    private static ModelBuild.Spec spec(String identity, boolean trace, boolean coverage, Training training) {
        return new ModelBuild.Spec("DirectorTop", identity, () -> "", "director_harness.cpp", Map.of(), Map.of(), trace, 1, coverage, training);
    }

    @Test
    void theTopItsVariantAndTheParametersWithoutTheCodesHash() {
        assertEquals("DirectorTop- small: ports=8", spec("0123abcd\nsmall: ports=8", false, false, null).describe());
        assertEquals("DirectorTop-trace-cov- small: ports=8 faultInject=x", spec("0123abcd\nsmall: ports=8\nfaultInject=x", true, true, null).describe());
        Training t = new Training() {
            @Override public String describe() { return "t"; }
            @Override public String run(java.nio.file.Path lib) { return null; }
        };
        assertEquals("DirectorTop-pgo- small: ports=16", spec("ffff\nsmall: ports=16", false, false, t).describe());
        assertEquals("DirectorTop- rtl", spec("rtl", false, false, null).describe(), "an identity of one line is all parameters");
    }
}
