package director.tb.io.trace;

import director.tb.stim.trace.TraceRow;
import director.tb.stim.trace.TraceRow.Protocol;

import java.util.List;
import java.util.Locale;

import static director.tb.io.trace.TraceColumn.*;

/**
 * One row of a CSV trace from its cells, every cell checked on its own and against the row's protocol
 * (docs/traces.md): ranges, the columns the protocol requires, no value in a column the protocol does not take,
 * {@code size} or {@code payload} (both: they must agree), not both {@code payload} and {@code seed}, and a time
 * not before the previous row's.
 */
final class TraceRows {
    private TraceRows() {}

    static TraceRow row(String file, long line, TraceHeader header, List<String> cells, TraceRow previous) {
        TraceCells c = new TraceCells(file, line);
        TraceColumn timeColumn = header.timeColumn();
        String timeText = header.cell(cells, timeColumn);
        if (timeText.isEmpty()) throw c.error(timeColumn, "empty: every row needs its arrival time");
        long time = c.number(timeColumn, timeText, 0, Long.MAX_VALUE);
        if (previous != null && time < previous.time())
            throw c.error(timeColumn, "time goes backwards: " + time + " after " + previous.time() + " on line " + previous.line());
        String portText = header.cell(cells, PORT);
        if (portText.isEmpty()) throw c.error(PORT, "empty: every row needs its ingress port");
        int port = (int) c.number(PORT, portText, 0, Integer.MAX_VALUE);
        Protocol protocol = protocol(c, header.cell(cells, PROTOCOL));

        for (TraceColumn col : TraceColumn.values()) {
            String text = header.cell(cells, col);
            if (col.requiredBy(protocol) && text.isEmpty())
                throw c.error(col, (header.has(col) ? "empty" : "missing (no such column)") + ": an " + protocol.label()
                        + " row needs its " + col.key());
            if (!col.appliesTo(protocol) && !text.isEmpty())
                throw c.error(col, "'" + text + "' does not apply to an " + protocol.label() + " row (it takes "
                        + TraceColumn.namesFor(protocol) + ")");
        }
        Integer dlid = integer(c, header.cell(cells, DLID), DLID, 0xFFFF);
        Integer sl = integer(c, header.cell(cells, SL), SL, 15);
        Integer qp = integer(c, header.cell(cells, QP), QP, 0xFFFFFF);
        Long dstMac = mac(c, header.cell(cells, DST_MAC), DST_MAC);
        Long srcMac = mac(c, header.cell(cells, SRC_MAC), SRC_MAC);
        Integer vlan = integer(c, header.cell(cells, VLAN), VLAN, 4095);
        Integer dId = fcId(c, header.cell(cells, D_ID), D_ID);
        Integer sId = fcId(c, header.cell(cells, S_ID), S_ID);
        Integer size = integer(c, header.cell(cells, SIZE), SIZE, Integer.MAX_VALUE);
        String payloadText = header.cell(cells, PAYLOAD);
        byte[] payload = payloadText.isEmpty() ? null : c.bytes(PAYLOAD, payloadText);
        String seedText = header.cell(cells, SEED);
        Long seed = seedText.isEmpty() ? null : c.number(SEED, seedText, Long.MIN_VALUE, Long.MAX_VALUE);

        if (size == null && payload == null)
            throw c.error(SIZE, "empty and no payload: give the size or the payload bytes");
        if (payload != null && seed != null)
            throw c.error(SEED, "'" + seedText + "' with a payload: a seed only generates payload bytes, give one of them");
        if (payload != null) checkPayload(c, protocol, vlan, size, payload);
        return new TraceRow(file, line, time, header.base(), port, protocol, dlid, sl, qp, dstMac, srcMac, vlan, dId, sId,
                size, payload, seed);
    }

    /** The payload fits its protocol's framing, and the size (when given) is the one it makes. */
    private static void checkPayload(TraceCells c, Protocol protocol, Integer vlan, Integer size, byte[] payload) {
        boolean ethernet = protocol == Protocol.ETH || protocol == Protocol.EOIB;
        if (ethernet && payload.length < 2)
            throw c.error(PAYLOAD, payload.length + " bytes: an " + protocol.label()
                    + " payload starts with the 2-byte EtherType");
        int made = TraceRow.sizeOf(protocol, vlan, payload.length);
        if (size != null && size != made)
            throw c.error(SIZE, size + " does not match the payload: " + payload.length + " payload bytes make "
                    + (ethernet ? "a frame of " + made + " bytes with MACs, " + (TraceRow.tagged(vlan) ? "802.1Q tag, " : "") + "FCS"
                                : made + " bytes of " + (protocol == Protocol.IB ? "IB payload" : "FC data field")));
    }

    private static Protocol protocol(TraceCells c, String text) {
        for (Protocol p : Protocol.values()) if (p.label().equals(text.toLowerCase(Locale.ROOT))) return p;
        throw c.error(PROTOCOL, text.isEmpty() ? "empty: expected ib, eoib, fcoib, eth or fc"
                : "'" + text + "' is not a protocol: expected ib, eoib, fcoib, eth or fc");
    }

    private static Integer integer(TraceCells c, String text, TraceColumn col, int max) {
        return text.isEmpty() ? null : (int) c.number(col, text, 0, max);
    }

    private static Long mac(TraceCells c, String text, TraceColumn col) {
        return text.isEmpty() ? null : c.mac(col, text);
    }

    private static Integer fcId(TraceCells c, String text, TraceColumn col) {
        return text.isEmpty() ? null : c.fcId(col, text);
    }
}
