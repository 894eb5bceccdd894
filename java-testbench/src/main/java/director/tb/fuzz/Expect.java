package director.tb.fuzz;

import director.tb.frame.FrameException;

/**
 * What a documented input error must be (the project's rule: bad input gets a clear error naming the input): a
 * message that names the input (a file, or for a frame decoder the field and its byte offset), says something more,
 * and fits on one line (the command line prints it as {@code director: <message>}).
 */
final class Expect {
    private Expect() {}

    /** {@code e}, the documented error of a reader of {@code input} (a file's name as the reader was given it), is one. */
    static void namesInput(Throwable e, String input) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) throw new FuzzFinding(e.getClass().getName() + " without a message", e);
        if (!m.contains(input)) throw new FuzzFinding("the message does not name the input " + input + ": " + m, e);
        if (m.strip().length() <= input.length() + 2) throw new FuzzFinding("the message says nothing but the input's name: " + m, e);
        oneLine(e, m);
    }

    /**
     * {@code e}, a frame decoder's documented error on a wire image of {@code length} bytes, names a field and an
     * offset inside the image (or just past it, for a frame cut short), and says what is wrong.
     */
    static void namesField(FrameException e, int length) {
        String m = e.getMessage();
        if (e.field() == null || e.field().isBlank()) throw new FuzzFinding("a FrameException naming no field: " + m, e);
        if (e.offset() < 0 || e.offset() > length)
            throw new FuzzFinding("a FrameException at offset " + e.offset() + " of a " + length + "-byte image: " + m, e);
        String head = e.field() + " @" + e.offset() + ": ";
        if (m == null || !m.startsWith(head) || m.length() == head.length())
            throw new FuzzFinding("a FrameException whose message is not 'field @offset: what': " + m, e);
        oneLine(e, m);
    }

    /** {@code e}, an IllegalArgumentException for a bad argument, names the argument. */
    static void namesArgument(IllegalArgumentException e, String... names) {
        String m = e.getMessage();
        if (e.getClass() != IllegalArgumentException.class)
            throw new FuzzFinding("a " + e.getClass().getName() + " where an IllegalArgumentException naming the argument was due", e);
        if (m == null || m.isBlank()) throw new FuzzFinding("an IllegalArgumentException without a message", e);
        for (String n : names) if (m.startsWith(n + ":") || m.startsWith(n + " ")) return;
        throw new FuzzFinding("the message names none of the arguments " + String.join(", ", names) + ": " + m, e);
    }

    private static void oneLine(Throwable e, String m) {
        if (m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) throw new FuzzFinding("a message of more than one line: " + m, e);
    }

    /** A property of a decoded value that does not hold. */
    static void check(boolean ok, String what) {
        if (!ok) throw new FuzzFinding(what);
    }
}
