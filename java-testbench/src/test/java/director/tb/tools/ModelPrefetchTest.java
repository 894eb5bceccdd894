package director.tb.tools;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The prefetch reads the run's test classes from its plan, in its order; off unless asked for. */
@Tag("fast")
class ModelPrefetchTest {
    private static final String POLICER = "director.tb.model.gateway.PolicerLockstepTest";

    private static TestPlan plan(String... classes) {
        var request = LauncherDiscoveryRequestBuilder.request();
        for (String c : classes) request.selectors(selectClass(c));
        return LauncherFactory.create().discover(request.build());
    }

    @Test
    void thePlansClassesInItsOrder() {
        List<String> classes = ModelPrefetch.classesOf(plan(TestModelsTest.class.getName(), POLICER));
        assertEquals(List.of(TestModelsTest.class.getName(), POLICER), classes);
        // the policer unit is the lockstep test's entry: the one model this plan would build ahead
        assertEquals(List.of("policer unit 5 vNICs"), TestModels.inPlanOrder(classes).stream().map(TestModels.Entry::what).toList());
    }

    @Test
    void buildsItsEntriesInTurnInTheBackgroundUncountedAndAFailureIsSilent() throws Exception {
        String before = System.getProperty("director.prefetch");
        System.setProperty("director.prefetch", "true");
        List<String> done = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try {
            ModelPrefetch p = new ModelPrefetch(classes -> List.of(
                    new TestModels.Entry(POLICER, "fails", () -> { throw new IllegalStateException("no such model"); }),
                    new TestModels.Entry(POLICER, "second", () -> done.add(Thread.currentThread().getName())),
                    new TestModels.Entry(POLICER, "third", () -> done.add("ahead " + director.harness.ModelBuild.buildingAhead()))));
            p.testPlanExecutionStarted(plan(POLICER));
            assertTrue(p.started());
            p.awaitDone();
            p.testPlanExecutionFinished(null);
            assertEquals(List.of("model-prefetch", "ahead true"), done,
                    "after a failing entry the next ones still run, in order, with their requests uncounted");
            assertFalse(director.harness.ModelBuild.buildingAhead(), "the test's own thread counts its requests");
        } finally {
            if (before != null) System.setProperty("director.prefetch", before);
            else System.clearProperty("director.prefetch");
        }
    }

    @Test
    void aRunTakesTheFastClassesFirstThenRtlThenSystem() {
        String system = "director.tb.run.DirectorSmallTest", rtl = "director.tb.xbar.CrossbarUnitTest", fast = TestModelsTest.class.getName();
        assertEquals(List.of(fast, POLICER, rtl, system), ModelPrefetch.classesOf(plan(system, rtl, POLICER, fast)), "KindOrder");
    }

    @Test
    void saysWhereThePlanAndTheTestsParted() {
        String small = "DirectorTop- small: ports=8", unit = "IslipUnit- islip n=4 iterations=4", other = "DirectorTop-trace- small: ports=8";
        assertEquals(List.of(), ModelPrefetch.drift(Set.of(small, unit), Set.of(small, unit, "InputBufferUnit- input buffer small")),
                "they agree: a unit left to its test is no drift");
        List<String> d = ModelPrefetch.drift(Set.of(small, unit), Set.of(small, other));
        assertEquals(2, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("model prefetch: built ahead, asked for by no test") && d.get(0).endsWith(unit), d.get(0));
        assertTrue(d.get(1).startsWith("model prefetch: asked for by a test, not built ahead (director.tb.tools.TestModels lists it under no class of this run): ") && d.get(1).endsWith(other), d.get(1));
    }

    @Test
    void offUnlessAskedFor() {
        String before = System.getProperty("director.prefetch");
        System.clearProperty("director.prefetch");
        try {
            ModelPrefetch p = new ModelPrefetch();
            p.testPlanExecutionStarted(plan(POLICER));
            assertFalse(p.started(), "without -Ddirector.prefetch=true nothing is built ahead");
            p.testPlanExecutionFinished(null);  // nothing started: nothing to wait for
        } finally {
            if (before != null) System.setProperty("director.prefetch", before);
        }
    }
}
