package director.tb.io.trace;

import director.tb.io.InputError;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * The cell syntaxes of a CSV trace (docs/traces.md), each parser turning a bad cell into an {@link InputError} naming
 * the file, the line, the column, the value and what was expected; and the forms {@link TraceCsv#write} writes.
 * <ul>
 *   <li>numbers: decimal ({@code 4096}, a leading {@code -} allowed) or hex with {@code 0x} ({@code 0x1000});</li>
 *   <li>MACs: {@code aa:bb:cc:dd:ee:ff} (or with {@code -}) or {@code aabbccddeeff};</li>
 *   <li>FC_IDs: {@code 0x010203} or {@code 01:02:03};</li>
 *   <li>bytes: pairs of hex digits, with or without spaces or colons between them ({@code 08 00 45}, {@code 08:00},
 *       {@code 080045}).</li>
 * </ul>
 */
final class TraceCells {
    private final String file;
    private final long line;

    TraceCells(String file, long line) {
        this.file = file;
        this.line = line;
    }

    InputError error(TraceColumn column, String problem) {
        return new InputError(file, "line " + line, "column '" + column.key() + "'", problem);
    }

    /** A number in {@code min..max}. */
    long number(TraceColumn column, String text, long min, long max) {
        long v;
        try {
            v = isHex(text) ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error(column, "'" + text + "' is not a number: expected decimal or 0x-hex " + range(min, max));
        }
        if (v < min || v > max) throw error(column, "'" + text + "' is outside " + range(min, max));
        return v;
    }

    private static String range(long min, long max) {
        if (min == Long.MIN_VALUE) return "(64-bit signed)";
        return max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? min + " or more" : min + ".." + max;
    }

    private static boolean isHex(String text) {
        return text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
    }

    /** A 48-bit MAC. */
    long mac(TraceColumn column, String text) {
        String digits = text.matches("\\p{XDigit}{2}([:-]\\p{XDigit}{2}){5}") ? text.replaceAll("[:-]", "")
                : text.matches("\\p{XDigit}{12}") ? text : null;
        if (digits == null) throw error(column, "'" + text + "' is not a MAC: expected aa:bb:cc:dd:ee:ff or aabbccddeeff");
        return Long.parseLong(digits, 16);
    }

    /** A 24-bit FC_ID. */
    int fcId(TraceColumn column, String text) {
        String digits = text.matches("\\p{XDigit}{2}:\\p{XDigit}{2}:\\p{XDigit}{2}") ? text.replace(":", "")
                : text.matches("0[xX]\\p{XDigit}{1,6}") ? text.substring(2) : null;
        if (digits == null) throw error(column, "'" + text + "' is not an FC_ID: expected 24 bits as 0x010203 or 01:02:03");
        return Integer.parseInt(digits, 16);
    }

    /** Hex bytes, separated by spaces or colons or not at all. */
    byte[] bytes(TraceColumn column, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String group : text.split("[ :]+")) {
            if (!group.matches("(\\p{XDigit}{2})+"))
                throw error(column, "'" + abbreviated(text) + "' is not hex bytes ('" + abbreviated(group)
                        + "'): expected pairs of hex digits, spaces or colons allowed between bytes");
            out.writeBytes(HexFormat.of().parseHex(group));
        }
        return out.toByteArray();
    }

    /** Long payloads cut for messages. */
    private static String abbreviated(String s) { return s.length() <= 40 ? s : s.substring(0, 37) + "..."; }

    // ---------------------------------------------------------------- the written forms

    static String macText(long mac) {
        StringBuilder s = new StringBuilder();
        for (int i = 5; i >= 0; i--) s.append(String.format("%02x", (mac >>> (8 * i)) & 0xFF)).append(i > 0 ? ":" : "");
        return s.toString();
    }

    static String fcIdText(int fcId) { return String.format("0x%06x", fcId); }

    static String bytesText(byte[] b) { return HexFormat.of().formatHex(b); }
}
