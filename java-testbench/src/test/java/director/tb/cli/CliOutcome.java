package director.tb.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

/** What one in-process call of the command line gave: exit code, stdout, stderr. */
record CliOutcome(int code, String out, String err) {
    static CliOutcome execute(String... argv) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), argv);
        return new CliOutcome(code, out.toString(), err.toString());
    }

    /** The one-line error of a command line that must be refused before anything is simulated. */
    static String usageError(String... argv) {
        CliOutcome o = execute(argv);
        String e = o.err().strip();
        assertEquals(Main.EXIT_BAD_INPUT, o.code(), String.join(" ", argv) + " -> " + o);
        assertTrue(e.startsWith("director: "), e);
        assertFalse(e.contains("\n"), "one line: " + e);
        return e;
    }
}
