package director.tb.io.capture;

import director.tb.frame.EthernetFrame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The source MACs of the Ethernet frames placed by their MACs, in order of first appearance, each with the VLANs of
 * its frames (0 = untagged, 802.1Q VID otherwise) and the frame that first showed each: what {@link ImportedVnics}
 * and {@link MacMap} build vNICs from. Group source MACs (first byte odd) and frames too short to have a source MAC
 * are left out.
 */
final class MacSurvey {
    /** A source MAC: its first frame, and per VLAN its first frame, in order of appearance. */
    record Sender(long mac, CapturedFrame first, LinkedHashMap<Integer, CapturedFrame> vlanFirst) {
        /** Its VLANs, sorted. */
        TreeSet<Integer> vlans() {
            return new TreeSet<>(vlanFirst.keySet());
        }
    }

    private final LinkedHashMap<Long, Sender> senders = new LinkedHashMap<>();

    /** Takes an Ethernet frame (frames must come in time order). */
    void add(CapturedFrame f) {
        byte[] d = f.data();
        if (d.length < 12) return;
        long src = 0;
        for (int i = 6; i < 12; i++) src = (src << 8) | (d[i] & 0xFF);
        if ((d[6] & 1) != 0) return;
        Sender s = senders.computeIfAbsent(src, m -> new Sender(m, f, new LinkedHashMap<>()));
        s.vlanFirst().putIfAbsent(vlan(d), f);
    }

    /** The senders in order of first appearance. */
    List<Sender> senders() {
        return new ArrayList<>(senders.values());
    }

    boolean isEmpty() {
        return senders.isEmpty();
    }

    /** Per source MAC, its VLANs. */
    Map<Long, TreeSet<Integer>> vlans() {
        Map<Long, TreeSet<Integer>> m = new LinkedHashMap<>();
        senders.forEach((mac, s) -> m.put(mac, s.vlans()));
        return m;
    }

    /** The frame's VLAN as the director sees it (EthernetFrame.vlan), 0 when too short to tell. */
    private static int vlan(byte[] d) {
        return d.length >= 16 ? EthernetFrame.vlan(d) : 0;
    }
}
