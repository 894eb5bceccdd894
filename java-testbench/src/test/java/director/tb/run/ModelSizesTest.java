package director.tb.run;

import org.junit.jupiter.api.Tag;
import director.rtl.params.DirectorParams;
import director.tb.io.InputError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The size table's shapes, its markdown and its place in the README, without building a model. */
@Tag("fast")
class ModelSizesTest {
    @Test
    void theVp780ShapeScaledToEachPortCount() {
        int[][] expect = {{8, 5, 2, 1}, {16, 10, 4, 2}, {24, 15, 6, 3}, {39, 24, 10, 5}};
        for (int[] e : expect) {
            DirectorParams p = ModelSizes.shape(e[0]);
            assertEquals(e[0], p.ports());
            assertEquals(e[1], p.hostPorts(), p.describe());
            assertEquals("eth:" + e[2] + ",fc:" + e[3], p.modules());
            assertEquals(5 * e[1], p.vnics());
            assertEquals(5 * e[1], p.vhbas());
            assertEquals(DirectorParams.vp780().islipIterations(), p.islipIterations());
        }
        // 39 ports is the vp780 profile itself: its model is the one the main job uses
        assertEquals(DirectorParams.vp780().describe(), ModelSizes.shape(39).describe());
        var e = assertThrows(IllegalArgumentException.class, () -> ModelSizes.shape(3));
        assertTrue(e.getMessage().contains("--ports") && e.getMessage().contains("got 3"), e.getMessage());
    }

    private static ModelSizes.Row row(int ports, long sv, double build, boolean cached, double rate) {
        DirectorParams p = ModelSizes.shape(ports);
        return new ModelSizes.Row(ports, p.hostPorts(), p.modules(), p.vnics(), p.vhbas(), ports >= 16 ? 2 : 1, sv, build, cached, rate, 100, 90);
    }

    @Test
    void theTableSaysWhatWasChosenAndTheGrowth() {
        List<ModelSizes.Row> rows = List.of(row(8, 1_000_000, 50, false, 40_000), row(16, 2_000_000, 100, true, 20_000),
                row(39, 5_200_000, 310, false, 4_000));
        String md = ModelSizes.markdown(rows, 20_000, 1, 3);
        assertTrue(md.contains("| 8 | 5 + eth:2,fc:1 | 25 / 25 | 1 | 1,000,000 | 50 | 40,000 | 90 / 100 |"), md);
        assertTrue(md.contains("| 16 | 10 + eth:4,fc:2 | 50 / 50 | 2 | 2,000,000 | 100 (cached) | 20,000 | 90 / 100 |"), md);
        assertTrue(md.contains("Growth 16 -> 39 ports: SV bytes x2.60, build seconds x3.10, C++ driver cycles/s x0.20."), md);
        assertTrue(md.contains("5 vNICs") || md.contains("vnics=5H"), md);
        assertTrue(md.contains("20,000 cycles, seed 1"), md);
        // without 16 and 39: the first and the last rows
        assertTrue(ModelSizes.markdown(rows.subList(0, 2), 20_000, 1, 3).contains("Growth 8 -> 16 ports: SV bytes x2.00, build seconds x2.00"));
    }

    @Test
    void theReadmeTableIsReplacedBetweenItsMarkers() {
        String readme = "# title\n\ntext\n" + ModelSizes.BEGIN + "\nold table\n" + ModelSizes.END + "\nafter\n";
        String once = ModelSizes.replaceTable(readme, "| new |\n", "README.md");
        assertEquals("# title\n\ntext\n" + ModelSizes.BEGIN + "\n| new |\n" + ModelSizes.END + "\nafter\n", once);
        assertEquals(once, ModelSizes.replaceTable(once, "| new |\n", "README.md"), "the same table: the same text");
        var e = assertThrows(InputError.class, () -> ModelSizes.replaceTable("# no markers\n", "| t |\n", "docs/x.md"));
        assertTrue(e.getMessage().startsWith("docs/x.md: ") && e.getMessage().contains(ModelSizes.BEGIN), e.getMessage());
        assertThrows(InputError.class, () -> ModelSizes.replaceTable(ModelSizes.END + "\n" + ModelSizes.BEGIN + "\n", "t", "R.md"));
    }
}
