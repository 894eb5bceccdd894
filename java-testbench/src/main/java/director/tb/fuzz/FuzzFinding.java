package director.tb.fuzz;

/**
 * A reader broke its contract without crashing: its documented error came with an empty message or one that does not
 * name the input, or a decoded frame does not encode back to itself. The reader's exception, when there is one, is
 * the cause.
 */
public final class FuzzFinding extends AssertionError {
    private static final long serialVersionUID = 1L;

    public FuzzFinding(String message) {
        super(message);
    }

    public FuzzFinding(String message, Throwable cause) {
        super(message, cause);
    }
}
