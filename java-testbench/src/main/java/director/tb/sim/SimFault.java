package director.tb.sim;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model stopped: an assertion or $fatal in the RTL, a protocol error seen by a bus-functional model, or
 * the watchdog. Carries the cycle, the port when one can be named, and the seed of the run.
 */
public class SimFault extends RuntimeException {
    private final long cycle;
    private final long seed;
    private final OptionalInt port;

    public SimFault(String message, long cycle, long seed, OptionalInt port) {
        super(message);
        this.cycle = cycle;
        this.seed = seed;
        this.port = port;
    }

    public long cycle() { return cycle; }
    public long seed() { return seed; }
    public OptionalInt port() { return port; }

    private static final Pattern PORT = Pattern.compile("(?:inputs_|outputs_|ingress port |egress port )(\\d+)");

    /** The port named by an instance path (core.inputs_3) or a harness message (egress port 3), if any. */
    static OptionalInt portIn(String message) {
        Matcher m = PORT.matcher(message);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
