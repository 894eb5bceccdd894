package director.tb.sched;

/**
 * The RTL scheduler and the Java model disagreed (or a matching was not valid) in one slot of one study point:
 * which slot, which ports, both matchings and the requests they were given.
 */
public final class LockstepMismatch extends RuntimeException {
    private final int iterations;
    private final double load;
    private final long slot;

    LockstepMismatch(int iterations, double load, long slot, String message) {
        super(message);
        this.iterations = iterations;
        this.load = load;
        this.slot = slot;
    }

    public int iterations() { return iterations; }

    public double load() { return load; }

    public long slot() { return slot; }
}
