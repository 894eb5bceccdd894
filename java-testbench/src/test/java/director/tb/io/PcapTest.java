package director.tb.io;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class PcapTest {
    @TempDir
    Path dir;

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void nanosecondEthernetWithFcsFileHasTheLibpcapLayout() throws IOException {
        Path f = dir.resolve("eth.pcap");
        try (PcapWriter w = new PcapWriter(f, Pcap.LinkType.ETHERNET_WITH_FCS)) {
            // 1.500001234567 s: 1 s and 500001234.567 ns, rounded to 500001235 ns
            w.write(1_500_001_234_567L, hex("AABBCC"));
            w.write(1_500_001_234_567L, hex("DD"));
        }
        byte[] expected = hex(
                "4D3CB2A1 0200 0400 00000000 00000000 00000400 01000024"   // magic LE, 2.4, snaplen 262144, 0x24000001
                + "01000000 D369CD1D 03000000 03000000 AABBCC"              // 1 s, 500001235 ns = 0x1DCD69D3
                + "01000000 D369CD1D 01000000 01000000 DD");
        assertArrayEquals(expected, Files.readAllBytes(f));
        PcapReader.Capture c = PcapReader.read(f);
        assertEquals(Pcap.Resolution.NANOSECONDS, c.resolution());
        assertEquals(0x24000001, c.network());
        assertEquals(Pcap.LinkType.ETHERNET_WITH_FCS, Pcap.LinkType.ofNetwork(c.network()));
        assertEquals(2, c.records().size());
        assertEquals(1_500_001_235_000L, c.records().get(0).timestampPicoseconds());
        assertArrayEquals(hex("AABBCC"), c.records().get(0).data());
        assertEquals(3, c.records().get(0).originalLength());
    }

    @Test
    void microsecondFileRoundsToTheNearestMicrosecond() throws IOException {
        Path f = dir.resolve("fc.pcap");
        try (PcapWriter w = new PcapWriter(f, Pcap.LinkType.FC_2_WITH_FRAME_DELIMS,
                Pcap.Resolution.MICROSECONDS)) {
            w.write(499_999L, new byte[4]);         // 0.499999 us -> 0
            w.write(500_000L, new byte[4]);         // 0.5 us -> 1 (halves up)
            w.write(2_999_999_500_000L, new byte[4]); // 2.9999995 s -> 3 s 0 us
        }
        byte[] raw = Files.readAllBytes(f);
        assertArrayEquals(hex("D4C3B2A1 0200 0400 00000000 00000000 00000400 E1000000"),
                Arrays.copyOf(raw, 24));
        PcapReader.Capture c = PcapReader.read(f);
        assertEquals(Pcap.Resolution.MICROSECONDS, c.resolution());
        assertEquals(225, c.network());
        assertEquals(0L, c.records().get(0).timestampPicoseconds());
        assertEquals(1_000_000L, c.records().get(1).timestampPicoseconds());
        assertEquals(3 * Pcap.PS_PER_SECOND, c.records().get(2).timestampPicoseconds());
    }

    @Test
    void badInputIsRefusedNamingTheFileAndRecord() throws IOException {
        Path f = dir.resolve("bad.pcap");
        try (PcapWriter w = new PcapWriter(f, Pcap.LinkType.ETHERNET)) {
            w.write(1000, new byte[1]);
            IllegalArgumentException back = assertThrows(IllegalArgumentException.class,
                    () -> w.write(999, new byte[1]));
            assertTrue(back.getMessage().contains(f + ", record #1: timestamp 999 ps is before"),
                    back.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.write(2000, new byte[0]));
            assertThrows(IllegalArgumentException.class,
                    () -> w.write(2000, new byte[Pcap.SNAPLEN + 1]));
            w.close();
            IOException closed = assertThrows(IOException.class, () -> w.write(3000, new byte[1]));
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        }
        byte[] raw = Files.readAllBytes(f);
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(raw, raw.length - 1));
        InputError e = assertThrows(InputError.class, () -> PcapReader.read(cut));
        assertEquals(cut + ": frame 1 at byte offset 24, incl_len: truncated: 1 bytes (orig_len 1) but only 0 bytes"
                + " left in the file", e.getMessage());
        Path header = Files.write(dir.resolve("header.pcap"), Arrays.copyOf(raw, 30));
        InputError h = assertThrows(InputError.class, () -> PcapReader.read(header));
        assertEquals(header + ": frame 1 at byte offset 24, record header: truncated: 6 bytes left, a record header"
                + " has 16", h.getMessage());
        Path erf = Files.write(dir.resolve("x.pcap"), new byte[24]);
        InputError m = assertThrows(InputError.class, () -> PcapReader.read(erf));
        assertTrue(m.getMessage().startsWith(erf + ": byte offset 0, magic: 0x00000000 is not"), m.getMessage());
    }
}
