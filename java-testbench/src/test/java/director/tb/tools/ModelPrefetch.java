package director.tb.tools;

import director.harness.ModelBuild;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the models of the test run's model tests ahead of them, on one background thread, while the tests before
 * them run. Most of the suite runs on one core (Java, the golden model, one-thread models), so on an empty model cache
 * the second core builds the next models meanwhile instead of each test class building its own when it starts.
 * <p>
 * What it builds is {@link TestModels#PLAN}: each model with the test class that asks for it; only the entries whose
 * class is in this run's test plan (so {@code -Dtest=...} or {@code -Dgroups=fast} builds nothing it does not need),
 * in the order the plan runs the classes. A test asking for a model the prefetch is building waits for it on the
 * model folder's lock (ModelBuild); a model already in the cache costs an index lookup. A prefetch that fails is
 * silent: the test that needs the model builds it and reports the error. The prefetch's requests are not counted
 * by {@link TestKinds} ({@link ModelBuild#ahead}).
 * <p>
 * On with {@code -Ddirector.prefetch=true} (the default test execution in java-testbench/pom.xml; not the fuzz
 * execution). Registered in {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class ModelPrefetch implements TestExecutionListener {
    private final java.util.function.Function<List<String>, List<TestModels.Entry>> planner;
    private volatile boolean stop;
    private Thread worker;

    /** Whether the end of the run prints the drift between the plan and the tests (the run's listener only). */
    private final boolean reportDrift;

    /** The listener JUnit loads: the plan is {@link TestModels}. */
    public ModelPrefetch() {
        this(TestModels::inPlanOrder, true);
    }

    /** With another plan (a test's), saying nothing of the JVM's models at its end. */
    ModelPrefetch(java.util.function.Function<List<String>, List<TestModels.Entry>> planner) {
        this(planner, false);
    }

    private ModelPrefetch(java.util.function.Function<List<String>, List<TestModels.Entry>> planner, boolean reportDrift) {
        this.planner = planner;
        this.reportDrift = reportDrift;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (!Boolean.getBoolean("director.prefetch")) return;
        List<TestModels.Entry> todo = planner.apply(classesOf(plan));
        if (todo.isEmpty()) return;
        worker = new Thread(() -> ModelBuild.ahead(() -> {
            for (TestModels.Entry e : todo) {
                if (stop) return;
                try {
                    e.build().run();
                } catch (RuntimeException | Error ex) {
                    // the test that needs this model builds it again and reports what went wrong
                }
            }
        }), "model-prefetch");
        worker.setDaemon(true);
        worker.start();
        System.out.printf(Locale.ROOT, "model prefetch: %d model(s) for %s, built ahead in the background%n", todo.size(),
                String.join(", ", todo.stream().map(e -> e.testClass().substring(e.testClass().lastIndexOf('.') + 1)).distinct().toList()));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        stop = true;
        Thread w = worker;
        if (w == null) return;
        try {
            w.join();  // a build in progress finishes (no compiler left running after the JVM, no half-built folder)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (reportDrift) for (String line : drift(ModelBuild.asked(true), ModelBuild.asked(false))) System.out.println(line);
    }

    /**
     * Where the plan and the tests parted: models built ahead that no test of the run asked for (a build wasted on
     * every empty cache), and whole-director models the tests asked for that the plan lacks (built by their test,
     * without the head start). Lines to print; none when they agree.
     */
    static List<String> drift(Set<String> ahead, Set<String> asked) {
        List<String> out = new ArrayList<>();
        List<String> unused = ahead.stream().filter(m -> !asked.contains(m)).sorted().toList();
        List<String> missing = asked.stream().filter(m -> m.startsWith(TestKinds.DIRECTOR_TOP) && !ahead.contains(m)).sorted().toList();
        if (!unused.isEmpty())
            out.add("model prefetch: built ahead, asked for by no test of this run (director.tb.tools.TestModels lists it): " + String.join("; ", unused));
        if (!missing.isEmpty())
            out.add("model prefetch: asked for by a test, not built ahead (director.tb.tools.TestModels lists it under no class of this run): " + String.join("; ", missing));
        return out;
    }

    /** Waits for the prefetch to go through its whole plan (a test's; the run itself stops it at its end). */
    void awaitDone() throws InterruptedException {
        if (worker != null) worker.join();
    }

    /** Whether this listener started a prefetch. */
    boolean started() {
        return worker != null;
    }

    /** The test classes of a plan, in the order it runs them. */
    static List<String> classesOf(TestPlan plan) {
        Set<String> out = new LinkedHashSet<>();
        for (TestIdentifier root : plan.getRoots()) collect(plan, root, out);
        return new ArrayList<>(out);
    }

    private static void collect(TestPlan plan, TestIdentifier id, Set<String> out) {
        TestSource src = id.getSource().orElse(null);
        if (src instanceof ClassSource c) out.add(c.getClassName());
        for (TestIdentifier child : plan.getChildren(id)) collect(plan, child, out);
    }
}
