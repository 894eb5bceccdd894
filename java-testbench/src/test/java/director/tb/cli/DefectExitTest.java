package director.tb.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.*;

/** An exception the testbench did not expect exits 3 (not 1, a failed check) with the exception and its stack trace;
 *  bad input stays exit 2 with one line. */
@Tag("fast")
class DefectExitTest {
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        RuntimeException thrown;

        @Override
        public Integer call() {
            throw thrown;
        }
    }

    private static String[] execute(RuntimeException ex) {
        Boom boom = new Boom();
        boom.thrown = ex;
        CommandLine cl = new CommandLine(boom);
        ErrorHandler errors = new ErrorHandler();
        cl.setExecutionExceptionHandler(errors);
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute();
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void aDefectExitsThreeWithItsStackTrace() {
        String[] r = execute(new IllegalStateException("boom"));
        assertEquals(Integer.toString(Main.EXIT_DEFECT), r[0]);
        assertTrue(r[1].startsWith("director: defect: java.lang.IllegalStateException: boom\n"), r[1]);
        assertTrue(r[1].contains("\tat director.tb.cli.DefectExitTest.aDefectExitsThreeWithItsStackTrace("), r[1]);
    }

    @Test
    void badInputStaysOneLineExitTwo() {
        String[] r = execute(new IllegalArgumentException("--load: must be in (0, 1], got 2"));
        assertEquals(Integer.toString(Main.EXIT_BAD_INPUT), r[0]);
        assertEquals("director: --load: must be in (0, 1], got 2", r[1].strip());
    }

    @Test
    void theHelpListsExitThree() {
        assertTrue(CliOutcome.execute("--help").out().contains("3   defect"), CliOutcome.execute("--help").out());
    }
}
