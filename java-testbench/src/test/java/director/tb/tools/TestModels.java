package director.tb.tools;

import director.rtl.params.DirectorParams;
import director.tb.run.DirectorModel;
import director.tb.sim.Models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The models the model tests ask for, each with the first test class that asks for it: the plan of
 * {@link ModelPrefetch}, declared as data, recorded from a test run. A test that stops asking for one of these costs
 * a build nobody uses, a test that starts asking for a new whole-director model builds it itself when it runs, as
 * before: at the end of a run the prefetch prints either (ModelPrefetch.drift, from ModelBuild.asked), naming the
 * model. {@code TestModelsTest} checks that every class named here exists and is a model test.
 */
public final class TestModels {
    private TestModels() {}

    /** One model and the test class that asks for it first. */
    public record Entry(String testClass, String what, Runnable build) {}

    private static Entry director(String testClass, String what, DirectorParams p, boolean trace, boolean coverage) {
        return new Entry(testClass, what, () -> DirectorModel.library(p, trace, coverage));
    }

    private static Entry unit(String testClass, String what, Runnable build) {
        return new Entry(testClass, what, build);
    }

    private static final String T = "director.tb.";

    private static DirectorParams small(String... overrides) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < overrides.length; i += 2) m.put(overrides[i], overrides[i + 1]);
        return DirectorParams.fromSpec("small", m);
    }

    /**
     * Every entry, each with the first class asking for it in a run's order (KindOrder: rtl before system, then by
     * name), recorded from a run; the run's plan orders them. The models
     * cheap to build and hard to name apart from their test (the input buffer's and egress port's shrunk parameters)
     * are left to their tests.
     */
    public static final List<Entry> PLAN = List.of(
            // rtl: the units
            unit(T + "cli.SchedStudyCliTest", "islip unit 16x4", () -> Models.islipUnit(16, 4)),
            unit(T + "cli.SchedStudyCliTest", "islip unit 8x4", () -> Models.islipUnit(8, 4)),
            unit(T + "model.gateway.PolicerLockstepTest", "policer unit 5 vNICs", () -> Models.policerUnit(5, 250)),
            unit(T + "model.gateway.ShaperLockstepTest", "shaper unit 4 flows", () -> Models.shaperUnit(4, 250)),
            unit(T + "sim.IslipLockstepTest", "islip unit 39x4", () -> Models.islipUnit(39, 4)),
            unit(T + "sim.PrecompiledHeaderTest", "islip unit 4x4", () -> Models.islipUnit(4, 4)),
            unit(T + "vlarb.VlArbiterLockstepTest", "vl arbiter unit 8 VLs 64 entries", () -> Models.vlArbUnit(8, 64)),
            unit(T + "xbar.CrossbarUnitTest", "crossbar unit 2 ports 32 B", () -> Models.crossbarUnit(small("ports", "2", "beatBytes", "32"))),
            unit(T + "xbar.CrossbarUnitTest", "crossbar unit 3 ports 16 B", () -> Models.crossbarUnit(small("ports", "3", "beatBytes", "16"))),
            unit(T + "xbar.CrossbarUnitTest", "crossbar unit 8 ports 8 B", () -> Models.crossbarUnit(small("ports", "8", "beatBytes", "8"))),
            unit(T + "xbar.CrossbarUnitTest", "crossbar unit 8 ports 64 B", () -> Models.crossbarUnit(small("ports", "8", "beatBytes", "64"))),
            unit(T + "xbar.CrossbarUnitTest", "crossbar unit 39 ports 8 B", () -> Models.crossbarUnit(small("ports", "39", "beatBytes", "8"))),
            // system: the whole director
            director(T + "cli.CliTest", "director small", DirectorParams.small(), false, false),
            director(T + "cli.RandomSettingsSystemTest", "director gateway, coverage", DirectorParams.gateway(), false, true),
            director(T + "debug.DebugFlowTest", "director small, egress-header fault, tracing", small("faultInject", "egress-header"), true, false),
            director(T + "debug.DebugFlowTest", "director small, tracing", DirectorParams.small(), true, false),
            director(T + "gateway.GatewaySmokeTest", "director gateway", DirectorParams.gateway(), false, false),
            director(T + "regress.RegressSystemTest", "director small, coverage", DirectorParams.small(), false, true),
            director(T + "regress.RegressSystemTest", "director small, egress-header fault, coverage", small("faultInject", "egress-header"), false, true),
            director(T + "run.DirectorModelTest", "director 16 ports (trained)", small("ports", "16"), false, false),
            director(T + "run.VlSystemTest", "director 11 ports", small("ports", "11"), false, false));

    /** The entries whose test class is among {@code classes}, in the order of {@code classes} (then of the plan). */
    public static List<Entry> inPlanOrder(List<String> classes) {
        List<Entry> out = new ArrayList<>();
        for (String c : classes)
            for (Entry e : PLAN)
                if (e.testClass().equals(c)) out.add(e);
        return out;
    }
}
