package director.tb.sched;

/**
 * One side of the lockstep: an iSLIP scheduler (the RTL unit or the Java model) that turns a slot's request rows
 * into a matching. Stateful: one call per slot, in order.
 */
public interface Matcher extends AutoCloseable {
    /**
     * Runs one slot. {@code rows[i]} bit j: input i has a cell for output j. Returns per input the output it is
     * matched with, or -1. The array may be reused by the next call.
     */
    int[] match(long[] rows);

    /** Back to the state after reset (every pointer 0). */
    void reset();

    @Override
    default void close() {}
}
