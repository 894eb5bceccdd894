package director.tb.io;

/**
 * Bad outside input (a trace, a capture, a table, a config): the message names the file, where in it (line, frame or
 * record, byte offset) and the field, in one line: {@code traces/x.csv: line 7, column 'size': 70000 is over the
 * largest Ethernet frame (9600 bytes)}. Thrown before the first simulated cycle: nothing is half-run.
 */
public final class InputError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputError(String file, String where, String field, String problem) {
        super(file + ": " + where + (field == null ? "" : ", " + field) + ": " + problem);
    }

    public InputError(String file, String problem) {
        super(file + ": " + problem);
    }
}
