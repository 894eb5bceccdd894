package director.tb.sim;

/** The RTL took the last beat of an injected frame: its id and the cycles of its first and last beat. */
public record IngressDone(int port, long id, long firstCycle, long lastCycle, long bytes) {}
