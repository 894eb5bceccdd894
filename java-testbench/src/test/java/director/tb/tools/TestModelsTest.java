package director.tb.tools;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The prefetch plan names real model tests (rtl or system), each model once; the plan's order follows the run's. */
@Tag("fast")
class TestModelsTest {
    @Test
    void everyEntryNamesAModelTestAndEachModelIsListedOnce() throws Exception {
        assertFalse(TestModels.PLAN.isEmpty());
        Set<String> seen = new HashSet<>();
        for (TestModels.Entry e : TestModels.PLAN) {
            String kind = TestKinds.declaredKind(Class.forName(e.testClass()));
            assertNotNull(kind, e.testClass() + " has no kind");
            assertTrue(kind.equals(TestKinds.RTL) || kind.equals(TestKinds.SYSTEM), e.testClass() + " is a " + kind + " test: it asks for no model");
            if (e.what().startsWith("director"))
                assertEquals(TestKinds.SYSTEM, kind, e.testClass() + " asks for the whole director: a system test");
            assertTrue(seen.add(e.what()), "listed twice: " + e.what());
        }
    }

    @Test
    void onlyThePlansClassesInThePlansOrder() {
        String first = TestModels.PLAN.get(0).testClass(), last = TestModels.PLAN.get(TestModels.PLAN.size() - 1).testClass();
        List<TestModels.Entry> some = TestModels.inPlanOrder(List.of(last, "director.tb.NoSuchTest", first));
        assertFalse(some.isEmpty());
        assertEquals(last, some.get(0).testClass(), "the run's order");
        assertEquals(first, some.get(some.size() - 1).testClass());
        assertTrue(some.stream().allMatch(e -> e.testClass().equals(first) || e.testClass().equals(last)));
        assertEquals(List.of(), TestModels.inPlanOrder(List.of("director.tb.frame.CrcTest")), "a fast test: nothing to build");
    }
}
