package director.tb.regress;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** How a run that wrote no result is read from its exit code and its log: a defect (exit 3) is an ERROR that names the
 *  exception, never a FAIL whose detail is the last line of a stack trace. */
@Tag("fast")
class OutcomeTest {
    private static RunSpec run(Path out) throws Exception {
        Plan.Test t = new Plan.Test("t", "run", List.of("--profile", "small"), 1, List.of("x"), 60);
        RunSpec r = new RunSpec(t, 0, 7, RunSpec.dirOf(out, "t", 7), false);
        Files.createDirectories(r.dir());
        return r;
    }

    @Test
    void aDefectIsAnErrorNamingItsException(@TempDir Path out) throws Exception {
        RunSpec r = run(out);
        Files.writeString(r.log(), """
                simulation: 0.5 s wall
                director: defect: java.lang.IllegalStateException: boom
                java.lang.IllegalStateException: boom
                \tat director.tb.X.y(X.java:1)
                Caused by: java.io.IOException: under
                \t... 21 more
                """);
        Outcome o = Outcome.of(r, 3, 1.0, false);
        assertEquals(Outcome.Status.ERROR, o.status());
        assertEquals("exit 3: director: defect: java.lang.IllegalStateException: boom", o.detail());
        assertEquals("error: exit N: director: defect: java.lang.IllegalStateException: boom", o.signature());
    }

    @Test
    void withoutADirectorLineTheLastLineSpeaks(@TempDir Path out) throws Exception {
        RunSpec r = run(out);
        Files.writeString(r.log(), "first\n\nkilled by signal 9\n  \n");
        assertEquals("exit 137: killed by signal 9", Outcome.of(r, 137, 1.0, false).detail());
        Files.writeString(r.log(), "");
        assertEquals("exit 2: (empty log)", Outcome.of(r, 2, 1.0, false).detail());
    }

    @Test
    void aFailWithoutAResultSaysWhatTheLogSaid(@TempDir Path out) throws Exception {
        RunSpec r = run(out);
        Files.writeString(r.log(), "director: no such trace file x.csv\n");
        Outcome o = Outcome.of(r, 1, 1.0, false);
        assertEquals(Outcome.Status.FAIL, o.status());
        assertEquals("director: no such trace file x.csv", o.detail());
    }
}
