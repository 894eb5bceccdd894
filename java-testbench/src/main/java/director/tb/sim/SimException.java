package director.tb.sim;

/** The simulator could not do what was asked (bad input to the harness, a library that will not load). */
public class SimException extends RuntimeException {
    public SimException(String message) { super(message); }
}
