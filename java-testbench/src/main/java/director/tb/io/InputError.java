package director.tb.io;

/**
 * Bad outside input (a trace, a capture, a table, a config): the message names the file, where in it (line, frame or
 * record, byte offset) and the field, in one line: {@code traces/x.csv: line 7, column 'size': 70000 is over the
 * largest Ethernet frame (9600 bytes)}; input echoed in it has its control characters escaped ({@link #oneLine}).
 * Thrown before the first simulated cycle: nothing is half-run.
 */
public final class InputError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputError(String file, String where, String field, String problem) {
        super(oneLine(file + ": " + where + (field == null ? "" : ", " + field) + ": " + problem));
    }

    public InputError(String file, String problem) {
        super(oneLine(file + ": " + problem));
    }

    /**
     * {@code text} on one line: line breaks and other control characters (a quoted CSV cell holding a newline, echoed
     * in a message) written as escapes: backslash-n, backslash-r, backslash-u and four hex digits; tabs stay.
     */
    public static String oneLine(String text) {
        StringBuilder s = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = c != '\t' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
            if (escape && s == null) s = new StringBuilder(text.substring(0, i));
            if (s == null) continue;
            if (!escape) s.append(c);
            else if (c == '\n') s.append("\\n");
            else if (c == '\r') s.append("\\r");
            else s.append(String.format("\\u%04x", (int) c));
        }
        return s == null ? text : s.toString();
    }
}
