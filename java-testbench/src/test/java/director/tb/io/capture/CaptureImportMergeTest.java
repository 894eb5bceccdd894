package director.tb.io.capture;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import director.tb.frame.Eoib;
import director.tb.frame.EthernetFrame;
import director.tb.io.Pcap;
import director.tb.io.PcapWriter;
import director.tb.io.PcapngBuilder;
import director.tb.model.SwitchConfig;
import director.tb.stim.VnicPlan;
import director.tb.stim.trace.TraceFrame;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several files at once, pcapng time resolutions and FCS lengths, files named for a 10GbE port. */
@Tag("fast")
class CaptureImportMergeTest {
    static final SwitchConfig GW = CaptureImportTest.GW;
    static final long A = EthernetFrame.mac("02:00:00:00:00:0a"), B = EthernetFrame.mac("02:00:00:00:00:0b");

    @TempDir
    Path dir;

    private Path pcap(String name, Pcap.LinkType type, long[] ps, byte[]... frames) throws IOException {
        Path f = dir.resolve(name);
        try (PcapWriter w = new PcapWriter(f, type)) {
            for (int i = 0; i < frames.length; i++) w.write(ps[i], frames[i]);
        }
        return f;
    }

    private static byte[] eth(long dst, long src, int seed) {
        byte[] f = CaptureImportErrorsTest.ethernet(dst, src, 0, 80);
        f[20] = (byte) seed;
        return f;
    }

    @Test
    void framesOfAllFilesAreSortedByTimeStablyFromTheEarliest() throws IOException {
        Path one = pcap("one.pcap", Pcap.LinkType.ETHERNET, new long[] {5_000_000, 9_000_000, 9_000_000},
                eth(B, A, 1), eth(B, A, 2), eth(B, A, 3));
        Path two = pcap("two.pcap", Pcap.LinkType.ETHERNET, new long[] {3_000_000, 9_000_000, 12_000_000},
                eth(A, B, 4), eth(A, B, 5), eth(A, B, 6));
        CaptureImport.Imported im = CaptureImport.read(List.of(one, two), GW, null);
        assertEquals(List.of(two + "#1", one + "#1", one + "#2", one + "#3", two + "#2", two + "#3"),
                im.frames().stream().map(TraceFrame::origin).toList(), "equal times keep file order");
        assertEquals(List.of(0L, 2000L, 6000L, 6000L, 6000L, 9000L), im.frames().stream().map(TraceFrame::time).toList());
        assertEquals(List.of(B, A), im.vnics().stream().map(v -> v.mac()).toList(), "in order of first appearance");
    }

    @Test
    void pcapngResolutionsAndFcsLengthsAreHonoured() throws IOException {
        byte[] noFcs = eth(B, A, 1), withFcs = EthernetFrame.appendFcs(eth(A, B, 2));
        Path f = Files.write(dir.resolve("res.pcapng"), new PcapngBuilder().section(ByteOrder.BIG_ENDIAN)
                .iface(1, 0, 3, 0)                                          // milliseconds, no FCS
                .iface(1, 0, 0x80 | 10, 4)                                  // 2^-10 s, FCS included
                .epb(0, 2_001, noFcs)                                       // 2.001 s
                .epb(1, 2 * 1024 + 1, withFcs)                              // 2 s + 1/1024 s = 2.0009765625 s
                .bytes());
        CaptureImport.Imported im = CaptureImport.read(List.of(f), GW, null);
        List<TraceFrame> t = im.frames();
        assertEquals(List.of(f + "#2", f + "#1"), t.stream().map(TraceFrame::origin).toList());
        assertEquals(List.of(0L, 1_000_000L - 976_563L), t.stream().map(TraceFrame::time).toList(),
                "2.001 s - 2.0009765625 s, the latter rounded to 2.000976563 s");
        assertArrayEquals(Arrays.copyOf(withFcs, withFcs.length - 4), Eoib.decapsulate(t.get(0).wire()),
                "the captured FCS is not carried inside EoIB");
        assertArrayEquals(noFcs, Eoib.decapsulate(t.get(1).wire()));
    }

    @Test
    void aFileNamedForA10GbEPortEntersThereWithItsFcs() throws IOException {
        byte[] captured = EthernetFrame.appendFcs(eth(A, B, 1));
        captured[30] ^= 1;                                                  // a bad FCS stays bad
        byte[] runt = Arrays.copyOf(eth(A, B, 2), 20);
        Path withFcs = pcap("port-05.pcap", Pcap.LinkType.ETHERNET_WITH_FCS, new long[] {0, 2_000_000}, captured,
                EthernetFrame.appendFcs(runt));
        Path plain = pcap("port-06.pcapng.pcap", Pcap.LinkType.ETHERNET, new long[] {1_000_000}, runt);
        CaptureImport.Imported im = CaptureImport.read(List.of(withFcs, plain), GW, null);
        List<TraceFrame> t = im.frames();
        assertEquals(List.of(5, 6, 5), t.stream().map(TraceFrame::port).toList());
        assertArrayEquals(captured, t.get(0).wire());
        assertArrayEquals(EthernetFrame.appendFcs(runt), t.get(1).wire(), "the FCS computed and added");
        assertArrayEquals(EthernetFrame.appendFcs(runt), t.get(2).wire());
        assertEquals(VnicPlan.standard(GW), im.vnics(), "nothing placed by MAC: the standard table");
    }

    @Test
    void portNames() {
        assertEquals(5, PortName.of(Path.of("/x/port-05.pcap")).getAsInt());
        assertEquals(12, PortName.of(Path.of("port-12")).getAsInt());
        assertEquals(3, PortName.of(Path.of("port-3.erf.gz")).getAsInt());
        assertEquals(false, PortName.of(Path.of("myport-05.pcap")).isPresent());
        assertEquals(false, PortName.of(Path.of("port-05b.pcap")).isPresent());
        assertEquals(false, PortName.of(Path.of("port-.pcap")).isPresent());
    }
}
