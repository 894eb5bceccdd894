package director.tb.io.capture;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import director.rtl.params.DirectorParams;
import director.tb.frame.EthernetFrame;
import director.tb.io.InputError;
import director.tb.io.Pcap;
import director.tb.io.PcapReader;
import director.tb.io.PcapWriter;
import director.tb.io.PcapngBuilder;
import director.tb.model.SwitchConfig;
import director.tb.stim.trace.TraceInputs;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way an import can fail names the file, the frame (or block, record) and the field. */
@Tag("fast")
class CaptureImportErrorsTest {
    static final SwitchConfig GW = CaptureImportTest.GW;

    @TempDir
    Path dir;

    private static String read(Path file, MacMap map) throws IOException {
        return assertThrows(InputError.class, () -> CaptureImport.read(List.of(file), GW, map)).getMessage();
    }

    static byte[] ethernet(long dst, long src, int vid, int bytes) {
        EthernetFrame.Tag tag = vid == 0 ? null : new EthernetFrame.Tag(0, false, vid);
        int header = EthernetFrame.HEADER_BYTES + (tag == null ? 0 : EthernetFrame.TAG_BYTES);
        return new EthernetFrame(dst, src, tag, 0x0800, new byte[bytes - header]).encode();
    }

    private Path pcap(String name, Pcap.LinkType type, byte[]... frames) throws IOException {
        Path f = dir.resolve(name);
        try (PcapWriter w = new PcapWriter(f, type)) {
            long t = 0;
            for (byte[] b : frames) w.write(t += 1_000_000, b);
        }
        return f;
    }

    /**
     * Found by fuzzing (capture-import): a capture without packets reached the schedule, whose IllegalArgumentException
     * ("replay of x.pcap: 0 frames: no frames to replay") was not the replay's documented InputError.
     */
    @Test
    void aCaptureWithoutPacketsIsAnInputError() throws IOException {
        Path empty = pcap("empty.pcap", Pcap.LinkType.ETHERNET);
        assertEquals(empty + ": no frames: the capture holds no packet", assertThrows(InputError.class,
                () -> TraceInputs.load(List.of(empty), GW, null, 1.0, false, false)).getMessage());
        Path other = pcap("other.pcap", Pcap.LinkType.INFINIBAND);
        assertEquals("2 files (" + empty + ", ...): no frames: none of the 2 captures holds a packet", assertThrows(InputError.class,
                () -> TraceInputs.load(List.of(empty, other), GW, null, 1.0, false, false)).getMessage());
    }

    @Test
    void truncatedPcapNamesFileFrameAndField() throws IOException {
        byte[] raw = Files.readAllBytes(CaptureImportTest.TCPDUMP);
        List<PcapReader.Record> records = PcapReader.read(CaptureImportTest.TCPDUMP).records();
        long last = 24;
        for (int i = 0; i < records.size() - 1; i++) last += 16 + records.get(i).data().length;
        int lastLength = records.get(records.size() - 1).data().length;
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(raw, raw.length - 10));
        assertEquals(cut + ": frame " + records.size() + " at byte offset " + last + ", incl_len: truncated: " + lastLength
                + " bytes (orig_len " + lastLength + ") but only " + (lastLength - 10) + " bytes left in the file",
                read(cut, null));
    }

    @Test
    void truncatedPcapngNamesFileBlockFrameAndField() throws IOException {
        byte[] raw = Files.readAllBytes(CaptureImportTest.WIRESHARK);
        Path cut = Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(raw, 2000));
        String m = read(cut, null);
        assertTrue(m.matches(java.util.regex.Pattern.quote(cut.toString()) + ": block \\d+ at byte offset \\d+ \\(frame"
                + " \\d+\\), block_total_length: truncated block: block_total_length \\d+ but only \\d+ bytes left in the"
                + " file"), m);
    }

    @Test
    void unknownLinkTypeNamesFileFrameAndTheNumber() throws IOException {
        Path f = pcap("fc2.pcap", Pcap.LinkType.FC_2, new byte[40]);
        assertEquals(f + ": frame 1, link type: 224 is not one the director's ports carry: 1 (Ethernet), 225 (FC-2 with"
                + " frame delimiters), 247 or ERF type 21 (InfiniBand)", read(f, null));
    }

    @Test
    void unknownMacWithoutAutomaticMappingNamesBothMacsAndHints() throws IOException {
        long a = EthernetFrame.mac("02:00:00:00:00:0a"), b = EthernetFrame.mac("02:00:00:00:00:0b");
        Path f = pcap("ab.pcap", Pcap.LinkType.ETHERNET, ethernet(a, b, 0, 100), ethernet(b, 0x0A0000000001L, 0, 100));
        Path map = Files.writeString(dir.resolve("m.csv"), "mac,host_port,eth_port\n02:00:00:00:00:0a,0,5\n");
        assertEquals(f + ": frame 2, src_mac/dst_mac: neither src_mac 0a:00:00:00:00:01 nor dst_mac 02:00:00:00:00:0b"
                + " is a vNIC's MAC (the MAC map " + map + " names 1 vNICs; import without a MAC map to make every source"
                + " MAC a vNIC automatically)", read(f, MacMap.read(map)));
    }

    @Test
    void groupSourceMacToAnUnknownMacFailsEvenWithAutomaticMapping() throws IOException {
        Path f = pcap("group.pcap", Pcap.LinkType.ETHERNET,
                ethernet(EthernetFrame.mac("02:00:00:00:00:0b"), EthernetFrame.mac("03:00:00:00:00:01"), 0, 64));
        assertEquals(f + ": frame 1, src_mac/dst_mac: neither src_mac 03:00:00:00:00:01 nor dst_mac 02:00:00:00:00:0b"
                + " is a vNIC's MAC (automatic mapping makes a vNIC of every unicast source MAC; this one is a group"
                + " MAC)", read(f, null));
    }

    @Test
    void moreSourceMacsThanVnicsNamesTheCount() throws IOException {
        byte[][] frames = new byte[GW.vnics() + 1][];
        for (int i = 0; i < frames.length; i++) frames[i] = ethernet(0xFFFF_FFFF_FFFFL, 0x0200_0000_0000L + i, 0, 64);
        Path f = pcap("many.pcap", Pcap.LinkType.ETHERNET, frames);
        assertEquals(f + ": frame 17, src_mac: source MAC 02:00:00:00:00:10 would be vNIC 16: the captures have 17 source"
                + " MACs, the vNIC table of profile 'gateway' has 16 entries (--set vnics=N, or a MAC map naming fewer)",
                read(f, null));
    }

    @Test
    void moreVlansFromOneMacThanAVnicAllowsNamesTheMacAndFrame() throws IOException {
        long a = EthernetFrame.mac("02:00:00:00:00:0a");
        Path f = pcap("vlans.pcap", Pcap.LinkType.ETHERNET, ethernet(-1L >>> 16, a, 0, 64), ethernet(-1L >>> 16, a, 7, 64),
                ethernet(-1L >>> 16, a, 8, 64), ethernet(-1L >>> 16, a, 7, 64), ethernet(-1L >>> 16, a, 9, 64),
                ethernet(-1L >>> 16, a, 10, 64));
        assertEquals(f + ": frame 6, vlan: MAC 02:00:00:00:00:0a sends on VLANs [0, 7, 8, 9, 10]: with untagged, more"
                + " than the 4 a vNIC allows (a MAC map names the ones to allow)", read(f, null));
    }

    @Test
    void ethernetFramesNeedA10GbEPort() throws IOException {
        Path f = pcap("e.pcap", Pcap.LinkType.ETHERNET, ethernet(-1L >>> 16, 0x0200_0000_0001L, 0, 64));
        SwitchConfig small = SwitchConfig.of(DirectorParams.small());
        InputError e = assertThrows(InputError.class, () -> CaptureImport.read(List.of(f), small, null));
        assertEquals(f + ": frame 1, src_mac: an Ethernet frame, but profile 'small' has no 10GbE port (try --profile"
                + " gateway)", e.getMessage());
    }

    @Test
    void aFrameCutBySnaplenOrTooShortForItsMacsIsRefused() throws IOException {
        byte[] frame = ethernet(-1L >>> 16, 0x0200_0000_0001L, 0, 100);
        Path snapped = Files.write(dir.resolve("snap.pcapng"), new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN)
                .iface(1, 60, 9, -1).epb(0, 1, Arrays.copyOf(frame, 60), 100).bytes());
        assertEquals(snapped + ": block 3 at byte offset 60 (frame 1), captured length: 60 of 100 bytes captured"
                + " (snaplen): a cut frame cannot be replayed as it was", read(snapped, null));
        Path tiny = pcap("tiny.pcap", Pcap.LinkType.ETHERNET, new byte[11]);
        assertEquals(tiny + ": frame 1, src_mac: a frame of 11 bytes ends before its source MAC (bytes 6-11)",
                read(tiny, null));
    }

    @Test
    void unknownFormatNamesTheMagicFound() throws IOException {
        Path f = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertEquals(f + ": byte offset 0, magic: 0x68656C6C is no capture format's magic: pcap (A1B2C3D4, A1B23C4D,"
                + " either byte order), pcapng (0A0D0D0A), or ERF (no magic: the name must end in .erf)", read(f, null));
        Path empty = Files.write(dir.resolve("empty.cap"), new byte[0]);
        assertTrue(read(empty, null).startsWith(empty + ": byte offset 0, magic: empty file is no capture format's"));
    }

    @Test
    void ethernetFcsLengthOtherThanFourIsRefused() throws IOException {
        Path f = Files.write(dir.resolve("fcs2.pcapng"), new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN)
                .iface(1, 0, 9, 2).epb(0, 1, new byte[64]).bytes());
        assertEquals(f + ": block 3 at byte offset 68 (frame 1), if_fcslen: interface 0 of section 1 declares a 2-byte FCS:"
                + " an Ethernet frame has none or 4", read(f, null));
    }
}
