package director.tb.tools;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Every test class of every module is one kind (fast, rtl, system), and the kinds' rules catch what they should. */
@Tag("fast")
class TestKindsTest {
    private static final Pattern TAG = Pattern.compile("^@Tag\\(\"(\\w+)\"\\)", Pattern.MULTILINE);
    /** The top-level class named as its file. */
    private static Pattern topClass(String name) {
        return Pattern.compile("^(?:public |final |abstract )*class " + name + "\\b", Pattern.MULTILINE);
    }

    @Test
    void everyTestClassInEveryModuleCarriesExactlyOneKind() throws IOException {
        Path root = Repo.root();
        List<String> bad = new ArrayList<>();
        int classes = 0;
        for (String module : List.of("rtl-model", "verilator-harness", "java-testbench")) {
            Path tests = root.resolve(module).resolve("src/test");
            try (Stream<Path> files = Files.walk(tests)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".scala")).toList()) {
                    String text = Files.readString(f);
                    if (!text.contains("@Test") && !text.contains("@FuzzTest")) continue;  // JUnit and Jazzer tests
                    classes++;
                    // the tags written directly above the top-level class (after its doc comment)
                    String file = f.getFileName().toString();
                    Matcher c = topClass(file.substring(0, file.lastIndexOf('.'))).matcher(text);
                    assertTrue(c.find(), "no top-level class named as its file in " + f);
                    // from the declaration before it (or the imports) to it
                    int from = Math.max(text.lastIndexOf("\n}", c.start()), text.lastIndexOf("\nimport ", c.start()));
                    String head = text.substring(Math.max(0, from), c.start());
                    List<String> kinds = new ArrayList<>();
                    Matcher t = TAG.matcher(head);
                    while (t.find()) if (TestKinds.ALL.contains(t.group(1))) kinds.add(t.group(1));
                    if (kinds.size() != 1) bad.add(root.relativize(f) + " " + kinds);
                }
            }
        }
        assertTrue(classes > 60, "found only " + classes + " test classes under " + root);
        assertEquals(List.of(), bad, "test classes without exactly one of @Tag(\"fast\"|\"rtl\"|\"system\")");
    }

    @Test
    void aClassWithNoKindOrTwoIsNamed() {
        assertEquals("rtl", TestKinds.kindOf("a.B", Set.of("rtl", "slow")));
        ExtensionConfigurationException none = assertThrows(ExtensionConfigurationException.class, () -> TestKinds.kindOf("a.B", Set.of()));
        assertTrue(none.getMessage().startsWith("a.B carries no kind tag"), none.getMessage());
        ExtensionConfigurationException two = assertThrows(ExtensionConfigurationException.class,
                () -> TestKinds.kindOf("a.C", Set.of("fast", "system")));
        assertTrue(two.getMessage().contains("a.C carries the kind tags [fast, system]"), two.getMessage());
    }

    @Test
    void fastAsksForNoModelAndRtlForNoWholeDirector() {
        Map<String, Long> before = Map.of("IslipUnit", 2L);
        Map<String, Long> unit = Map.of("IslipUnit", 3L);
        Map<String, Long> director = Map.of("IslipUnit", 2L, "DirectorTop", 1L);
        assertEquals(List.of(), TestKinds.violations("fast", before, before));
        assertEquals(List.of("asked for the IslipUnit model 1 time(s): tag it rtl (one unit) or system (the director)"),
                TestKinds.violations("fast", before, unit));
        assertEquals(List.of(), TestKinds.violations("rtl", before, unit));
        assertEquals(List.of("asked for the whole director (DirectorTop) 1 time(s): tag it system"),
                TestKinds.violations("rtl", before, director));
        assertEquals(List.of(), TestKinds.violations("system", before, director));
    }

    @org.junit.jupiter.api.Tag("rtl")
    @org.junit.jupiter.api.Tag("system")
    private static final class TwoKinds {}

    @Test
    void aClassDeclaresItsKindWithOneTag() {
        assertEquals(TestKinds.FAST, TestKinds.declaredKind(TestKindsTest.class));
        assertEquals(TestKinds.SYSTEM, TestKinds.declaredKind(KindOrderProbe.class), "inherited from its superclass");
        assertNull(TestKinds.declaredKind(TestKinds.class), "no tag");
        assertNull(TestKinds.declaredKind(TwoKinds.class), "two kinds");
    }

    @org.junit.jupiter.api.Tag("system")
    private static class SystemBase {}

    private static final class KindOrderProbe extends SystemBase {}
}
