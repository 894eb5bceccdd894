package director.tb.sim;

import director.rtl.params.DirectorParams;
import director.tb.run.DirectorModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.*;

/** PrecompiledHeaderTest's rules on a director model, which Verilator splits into files: its code run once (the
 *  __Slow files) compiled at -O0 with the second header, the rest at -O1 with the first. */
@Tag("system")
class PrecompiledHeaderSystemTest {
    @Test
    void aSplitModelsCodeRunOnceHasItsOwnHeader() throws IOException {
        int slow = PrecompiledHeaderTest.check(DirectorModel.library(DirectorParams.small(), false).resolveSibling("build.log"));
        assertTrue(slow >= 1, "the small director's code run once is in files of its own: " + slow);
    }
}
