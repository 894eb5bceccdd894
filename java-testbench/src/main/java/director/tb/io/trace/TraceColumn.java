package director.tb.io.trace;

import director.tb.stim.trace.TraceRow.Protocol;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The columns of a CSV trace (docs/traces.md), in the order {@link TraceCsv#write} writes them, with the protocols
 * each one applies to and those that require it. A cell of a column that does not apply to the row's protocol must
 * be empty: a value there would be ignored, so it is an error rather than silently lost. (Time, port and protocol,
 * which every row needs, are checked by {@link TraceRows} itself.)
 */
enum TraceColumn {
    TIME_NS(all(), none()),
    CYCLE(all(), none()),
    PORT(all(), none()),
    PROTOCOL(all(), none()),
    DLID(EnumSet.of(Protocol.IB), EnumSet.of(Protocol.IB)),
    SL(EnumSet.of(Protocol.IB), none()),
    QP(EnumSet.of(Protocol.IB), none()),
    DST_MAC(ethernet(), ethernet()),
    SRC_MAC(ethernet(), ethernet()),
    VLAN(ethernet(), none()),
    D_ID(fibre(), fibre()),
    S_ID(fibre(), fibre()),
    SIZE(all(), none()),
    PAYLOAD(all(), none()),
    SEED(all(), none());

    private final Set<Protocol> appliesTo;
    private final Set<Protocol> requiredBy;

    TraceColumn(Set<Protocol> appliesTo, Set<Protocol> requiredBy) {
        this.appliesTo = appliesTo;
        this.requiredBy = requiredBy;
    }

    /** The column's name in a header (lower case; headers are read case-insensitively). */
    String key() { return name().toLowerCase(Locale.ROOT); }

    boolean appliesTo(Protocol p) { return appliesTo.contains(p); }

    boolean requiredBy(Protocol p) { return requiredBy.contains(p); }

    /** The column named {@code name} (any case, trimmed), or null. */
    static TraceColumn named(String name) {
        for (TraceColumn c : values()) if (c.key().equals(name.trim().toLowerCase(Locale.ROOT))) return c;
        return null;
    }

    /** Every column name, for messages: {@code time_ns, cycle, port, ...}. */
    static String names() {
        StringBuilder s = new StringBuilder();
        for (TraceColumn c : values()) s.append(s.length() == 0 ? "" : ", ").append(c.key());
        return s.toString();
    }

    /** The columns a row of protocol {@code p} may fill besides time, port and protocol, for messages. */
    static String namesFor(Protocol p) {
        StringBuilder s = new StringBuilder();
        for (TraceColumn c : values())
            if (c.ordinal() > PROTOCOL.ordinal() && c.appliesTo(p)) s.append(s.length() == 0 ? "" : ", ").append(c.key());
        return s.toString();
    }

    private static Set<Protocol> all() { return EnumSet.allOf(Protocol.class); }
    private static Set<Protocol> none() { return EnumSet.noneOf(Protocol.class); }
    private static Set<Protocol> ethernet() { return EnumSet.of(Protocol.ETH, Protocol.EOIB); }
    private static Set<Protocol> fibre() { return EnumSet.of(Protocol.FC, Protocol.FCOIB); }
}
