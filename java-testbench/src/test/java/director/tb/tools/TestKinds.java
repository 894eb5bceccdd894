package director.tb.tools;

import director.harness.ModelBuild;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The three kinds of test, as JUnit tags, and their rules, checked around every test class (registered for all
 * tests by {@code META-INF/services}; {@code junit-platform.properties} turns autodetection on):
 * <ul>
 *   <li>{@code fast}: Java and Scala only, no simulation model (codecs, golden model, stimulus, readers, reports);
 *       the part a developer runs alone: {@code scripts/test -Dgroups=fast}.</li>
 *   <li>{@code rtl}: one unit of the silicon below the whole director (lockstep against its Java model, generated
 *       headers, elaboration).</li>
 *   <li>{@code system}: the whole director model, checked by the golden model and the scoreboard.</li>
 * </ul>
 * A test class carries exactly one of them; a {@code fast} class that asks for any model library, or an
 * {@code rtl} class that asks for the whole director, fails with the library it asked for (counted by
 * {@link ModelBuild#requests()}, cache hits included). Models started in another process are not seen here.
 */
public final class TestKinds implements BeforeAllCallback, AfterAllCallback {
    public static final String FAST = "fast";
    public static final String RTL = "rtl";
    public static final String SYSTEM = "system";
    public static final Set<String> ALL = Set.of(FAST, RTL, SYSTEM);
    /** The whole director's top module. */
    static final String DIRECTOR_TOP = "DirectorTop";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestKinds.class);

    /** The one kind among {@code tags}, or an error naming the class. */
    public static String kindOf(String className, Set<String> tags) {
        List<String> kinds = tags.stream().filter(ALL::contains).sorted().toList();
        if (kinds.size() != 1)
            throw new ExtensionConfigurationException(className + " carries " + (kinds.isEmpty() ? "no kind tag" : "the kind tags " + kinds)
                    + ": a test class carries exactly one of @Tag(\"fast\"), @Tag(\"rtl\"), @Tag(\"system\") (director.tb.tools.TestKinds)");
        return kinds.get(0);
    }

    /**
     * The kind a class declares with its {@code @Tag}s (inherited ones included), or null unless exactly one: for
     * whoever reads a class's kind outside a run of it (KindOrder, TestModelsTest); a run of it fails by
     * {@link #kindOf} when there is not exactly one.
     */
    public static String declaredKind(Class<?> c) {
        List<String> kinds = java.util.Arrays.stream(c.getAnnotationsByType(org.junit.jupiter.api.Tag.class))
                .map(org.junit.jupiter.api.Tag::value).filter(ALL::contains).distinct().toList();
        return kinds.size() == 1 ? kinds.get(0) : null;
    }

    /** What {@code kind} may not have asked for, given the requests before and after: empty when the rules hold. */
    public static List<String> violations(String kind, Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> asked = new TreeMap<>();
        after.forEach((top, n) -> {
            long d = n - before.getOrDefault(top, 0L);
            if (d > 0) asked.put(top, d);
        });
        List<String> out = new ArrayList<>();
        asked.forEach((top, n) -> {
            if (kind.equals(FAST)) out.add("asked for the " + top + " model " + n + " time(s): tag it rtl (one unit) or system (the director)");
            else if (kind.equals(RTL) && top.equals(DIRECTOR_TOP)) out.add("asked for the whole director (" + top + ") " + n + " time(s): tag it system");
        });
        return out;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> c = context.getRequiredTestClass();
        context.getStore(NS).put("kind", kindOf(c.getName(), context.getTags()));
        context.getStore(NS).put("before", ModelBuild.requests());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterAll(ExtensionContext context) {
        String kind = context.getStore(NS).get("kind", String.class);
        Map<String, Long> before = context.getStore(NS).get("before", Map.class);
        if (kind == null || before == null) return;
        List<String> v = violations(kind, before, ModelBuild.requests());
        if (!v.isEmpty())
            throw new AssertionError(context.getRequiredTestClass().getName() + " is tagged " + kind + " but " + String.join("; ", v));
    }
}
