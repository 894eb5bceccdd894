package director.tb.stim;

/** The LID plan of the testbench: port p's link partner has LID p + 1 (LID 0 is reserved in InfiniBand). */
public final class Addressing {
    private Addressing() {}

    public static int lid(int port) { return port + 1; }
}
