package director.tb.check;

/**
 * The first thing that went wrong in a run, where the debug flow opens its waves: the model cycle (since reset, as
 * GTKWave shows it), the port it concerns (-1 when none can be named) and one line saying what.
 */
public record Failure(long cycle, int port, String what) {
    @Override
    public String toString() { return "cycle " + cycle + (port >= 0 ? ", port " + port : "") + ": " + what; }
}
