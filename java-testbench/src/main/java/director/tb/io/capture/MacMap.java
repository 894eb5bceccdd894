package director.tb.io.capture;

import director.tb.frame.EthernetFrame;
import director.tb.io.InputError;
import director.tb.io.TextFiles;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vnic;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which MAC of a capture is which vNIC: a CSV file (UTF-8, read with Commons CSV), a header line naming the columns,
 * then one line per vNIC, vNIC n being the n-th line; {@code #} starts a comment line, blank lines are skipped.
 *
 * <pre>
 * mac,host_port,eth_port,vlans
 * 02:ca:e4:8d:7e:6e,0,5,0;100
 * a2:b9:39:51:a2:44,1,6
 * </pre>
 *
 * <ul>
 *   <li>{@code mac}: the vNIC's MAC, six hex bytes separated by {@code :} or {@code -}; unicast (first byte even);
 *       each MAC once.</li>
 *   <li>{@code host_port}: the host port (0 .. hostPorts-1) whose server owns the vNIC: its frames are sent from
 *       there as EoIB, frames to it are delivered there.</li>
 *   <li>{@code eth_port}: the 10GbE port the vNIC is bound to: frames to its MAC from the LAN enter there.</li>
 *   <li>{@code vlans} (optional column, may be empty): the allowed VLANs, {@code ;}-separated VIDs 0..4095, 0 =
 *       untagged, at most {@link Vnic#VLAN_SLOTS}. Empty or absent: untagged plus every VLAN the captures show in
 *       frames from that MAC (as automatic mapping does).</li>
 * </ul>
 * SL and host QP follow {@code VnicPlan.standard}: SL 2 + n mod 3, QP 0x1000 + n, DLID the host port's LID.
 * Every problem is an {@link InputError} naming the file, the line and the column.
 *
 * @param file    the file, for messages
 * @param entries one per vNIC, in file order
 */
public record MacMap(Path file, List<Entry> entries) {
    /** The columns. */
    public static final String MAC = "mac", HOST_PORT = "host_port", ETH_PORT = "eth_port", VLANS = "vlans";

    /**
     * One line.
     *
     * @param line  its line number in the file
     * @param vlans null when the line gives none (derived from the captures)
     */
    public record Entry(long line, long mac, int hostPort, int ethPort, int[] vlans) {
    }

    public MacMap {
        entries = List.copyOf(entries);
    }

    /**
     * Reads and checks the syntax of {@code file} (the ports are checked against a switch by {@link #vnics}).
     *
     * @throws InputError naming the file, line and column of the first problem (or the byte that is not UTF-8)
     * @throws IOException when it cannot be read
     */
    public static MacMap read(Path file) throws IOException {
        String name = file.toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                .setIgnoreEmptyLines(true).setTrim(true).get();
        List<Entry> entries = new ArrayList<>();
        Map<Long, Long> lineOfMac = new HashMap<>();
        String text = TextFiles.readUtf8(file);
        try (CSVParser p = parser(name, text, format)) {
            List<String> header = p.getHeaderNames();
            for (String column : List.of(MAC, HOST_PORT, ETH_PORT))
                if (!header.contains(column))
                    throw new InputError(name, "header line", "column '" + column + "'", "missing: the header"
                            + " names " + header + ", the MAC map needs mac,host_port,eth_port[,vlans]");
            for (String column : header)
                if (!Set.of(MAC, HOST_PORT, ETH_PORT, VLANS).contains(column))
                    throw new InputError(name, "header line", "column '" + column + "'", "unknown: the columns are"
                            + " mac,host_port,eth_port[,vlans]");
            Iterator<CSVRecord> it = p.iterator();
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) break;
                    r = it.next();
                } catch (UncheckedIOException e) {   // Commons CSV's report of a malformed line (an unclosed quote)
                    throw new InputError(name, "line " + p.getCurrentLineNumber(), null, "not CSV: "
                            + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
                }
                long line = p.getCurrentLineNumber();
                if (r.size() > header.size())
                    throw new InputError(name, "line " + line, null, r.size() + " fields, the header names "
                            + header.size());
                long mac = mac(name, line, field(name, line, r, MAC));
                Long before = lineOfMac.putIfAbsent(mac, line);
                if (before != null)
                    throw new InputError(name, "line " + line, "column 'mac'", "MAC " + EthernetFrame.macString(mac)
                            + " is already the vNIC of line " + before);
                int host = number(name, line, HOST_PORT, field(name, line, r, HOST_PORT));
                int eth = number(name, line, ETH_PORT, field(name, line, r, ETH_PORT));
                String v = r.isSet(VLANS) ? r.get(VLANS) : "";
                entries.add(new Entry(line, mac, host, eth, v.isEmpty() ? null : vlans(name, line, v)));
            }
        }
        return new MacMap(file, entries);
    }

    /**
     * The vNIC table: line n is vNIC n.
     *
     * @param seenVlans per MAC, the VLANs (0 = untagged) of the captured frames it sent, for lines without vlans
     * @throws InputError naming the line and column: more lines than the switch has vNICs, a host port that is not
     *     one, an eth_port that is not a 10GbE port, more VLANs than a vNIC allows
     */
    public List<Vnic> vnics(SwitchConfig cfg, Map<Long, TreeSet<Integer>> seenVlans) {
        String name = file.toString();
        if (entries.size() > cfg.vnics())
            throw new InputError(name, "line " + entries.get(cfg.vnics()).line(), null, entries.size() + " vNICs, the"
                    + " vNIC table of profile '" + cfg.profile() + "' has " + cfg.vnics() + " entries (--set vnics=N)");
        List<Vnic> out = new ArrayList<>();
        for (Entry e : entries) {
            String where = "line " + e.line();
            if (!cfg.isHost(e.hostPort()))
                throw new InputError(name, where, "column 'host_port'", e.hostPort() + " is not a host port (0.."
                        + (cfg.hostPorts() - 1) + ")");
            if (e.ethPort() >= cfg.ports() || !cfg.isEth(e.ethPort()))
                throw new InputError(name, where, "column 'eth_port'", e.ethPort() + " is not a 10GbE port of profile '"
                        + cfg.profile() + "' (" + ImportedVnics.ethPorts(cfg) + ")");
            int[] vlans = e.vlans();
            if (vlans == null) {
                TreeSet<Integer> v = new TreeSet<>(seenVlans.getOrDefault(e.mac(), new TreeSet<>()));
                v.add(0);
                if (v.size() > Vnic.VLAN_SLOTS)
                    throw new InputError(name, where, "column 'vlans'", "empty, and the captures show VLANs " + v
                            + " from MAC " + EthernetFrame.macString(e.mac()) + ": a vNIC allows at most "
                            + Vnic.VLAN_SLOTS + " (untagged counts as one); name the ones to allow");
                vlans = v.stream().mapToInt(Integer::intValue).toArray();
            }
            out.add(ImportedVnics.vnic(out.size(), e.mac(), vlans, e.hostPort(), e.ethPort()));
        }
        return out;
    }

    /**
     * The parser, its header read: a header naming a column twice (refused by Commons CSV) or one that is not CSV (an
     * unclosed quote: Commons CSV's CSVException, an IOException) is an InputError.
     */
    private static CSVParser parser(String name, String text, CSVFormat format) {
        try {
            return CSVParser.parse(text, format);
        } catch (IllegalArgumentException e) {
            throw new InputError(name, "header line", null, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new InputError(name, "header line", null, "not CSV: " + e.getMessage());
        }
    }

    private static String field(String name, long line, CSVRecord r, String column) {
        String v = r.isSet(column) ? r.get(column) : "";
        if (v.isEmpty()) throw new InputError(name, "line " + line, "column '" + column + "'", "empty");
        return v;
    }

    private static long mac(String name, long line, String text) {
        long mac;
        try {
            mac = EthernetFrame.mac(text);
        } catch (IllegalArgumentException e) {
            throw new InputError(name, "line " + line, "column 'mac'", "'" + text + "' is not a MAC (six hex bytes"
                    + " separated by ':' or '-')");
        }
        if ((mac >>> 40 & 1) != 0)
            throw new InputError(name, "line " + line, "column 'mac'", text + " is a group MAC (first byte odd): a"
                    + " vNIC's MAC is unicast");
        return mac;
    }

    private static int number(String name, long line, String column, String text) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 0) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputError(name, "line " + line, "column '" + column + "'", "'" + text + "' is not a port number");
    }

    private static int[] vlans(String name, long line, String text) {
        String[] parts = text.split(";", -1);
        TreeSet<Integer> set = new TreeSet<>();
        for (String part : parts) {
            String t = part.trim();
            int vid;
            try {
                vid = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                vid = -1;
            }
            if (vid < 0 || vid > 4095)
                throw new InputError(name, "line " + line, "column 'vlans'", "'" + t + "' is not a VLAN id (0..4095, 0"
                        + " = untagged)");
            if (!set.add(vid))
                throw new InputError(name, "line " + line, "column 'vlans'", "VLAN " + vid + " twice");
        }
        if (set.size() > Vnic.VLAN_SLOTS)
            throw new InputError(name, "line " + line, "column 'vlans'", set.size() + " VLANs, a vNIC allows at most "
                    + Vnic.VLAN_SLOTS);
        return set.stream().mapToInt(Integer::intValue).toArray();
    }
}
