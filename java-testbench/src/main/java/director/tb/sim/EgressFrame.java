package director.tb.sim;

/** A whole frame that left an egress port, with the cycles of its first and last beat. */
public record EgressFrame(int port, byte[] bytes, long firstCycle, long lastCycle) {}
