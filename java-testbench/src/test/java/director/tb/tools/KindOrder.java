package director.tb.tools;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;
import java.util.List;

/**
 * The order of the test classes in a run: the {@code fast} ones first, then {@code rtl}, then {@code system}, each
 * kind by class name (the same order in every run). The fast classes need no model: while they run on one core,
 * {@link ModelPrefetch} builds the models of the rtl and system classes on the other, in this same order.
 * Set for every run by {@code junit-platform.properties} ({@code junit.jupiter.testclass.order.default}).
 */
public final class KindOrder implements ClassOrderer {
    private static final List<String> ORDER = List.of(TestKinds.FAST, TestKinds.RTL, TestKinds.SYSTEM);

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(KindOrder::rank)
                .thenComparing(d -> d.getTestClass().getName()));
    }

    private static int rank(ClassDescriptor d) {
        String kind = TestKinds.declaredKind(d.getTestClass());
        return kind == null ? ORDER.size() : ORDER.indexOf(kind);  // a class without one kind last (TestKinds fails it anyway)
    }
}
