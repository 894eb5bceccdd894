package director.tb.io;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class PcapngReaderTest {
    @TempDir
    Path dir;

    private static byte[] data(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (seed + i);
        return b;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Two sections (little- then big-endian), several interfaces and resolutions, blocks to skip, every packet kind. */
    @Test
    void readsSectionsInterfacesAndEveryPacketBlock() throws IOException {
        byte[] a = data(60, 1), b = data(61, 2), c = data(5, 3), d = data(64, 4), e = data(9, 5);
        byte[] oldPacket = new byte[20 + 8];                       // obsolete Packet Block, little-endian
        java.nio.ByteBuffer.wrap(oldPacket).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).putShort((short) 0)
                .putInt(0).putInt(7).putInt(5).putInt(5).put(c);
        Path f = write("x.pcapng", new PcapngBuilder()
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(1, 0, -1, -1)                               // microseconds, no FCS option
                .iface(1, 65535, 9, 4)                             // nanoseconds, FCS 4
                .block(4, new byte[8])                             // name resolution: skipped
                .epb(0, 1_700_000_000_000_001L, a)                 // 1.7e9 s + 1 us
                .epb(1, 1_700_000_000_000_000_123L, b)             // ns
                .block(PcapngReader.PACKET_BLOCK, oldPacket)       // 7 us on interface 1 (ns resolution: 7 ns)
                .block(5, new byte[16])                            // interface statistics: skipped
                .section(ByteOrder.BIG_ENDIAN)
                .iface(105, 0, 0x80 | 10, 0)                       // 2^-10 s
                .epb(0, 3 * 1024 + 512, d)                         // 3.5 s
                .spb(e)                                            // no time: the previous packet's
                .bytes());
        PcapngReader.Capture cap = PcapngReader.read(f);
        assertEquals(3, cap.interfaces().size());
        assertEquals(new PcapngReader.Interface(1, 1, 1, 65535, 9, 4, 0), cap.interfaces().get(1));
        assertEquals(new PcapngReader.Interface(2, 0, 105, 0, 0x8A, 0, 0), cap.interfaces().get(2));
        List<PcapngReader.Packet> p = cap.packets();
        assertEquals(5, p.size());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), p.stream().map(PcapngReader.Packet::frame).toList());
        assertEquals(List.of(1_700_000_000_000_001_000L, 1_700_000_000_000_000_123L, 7L, 3_500_000_000L, 3_500_000_000L),
                p.stream().map(PcapngReader.Packet::timestampNanoseconds).toList());
        assertEquals(List.of(0, 1, 1, 0, 0), p.stream().map(x -> x.iface().id()).toList());
        assertArrayEquals(a, p.get(0).data());
        assertArrayEquals(b, p.get(1).data());
        assertArrayEquals(c, p.get(2).data());
        assertArrayEquals(d, p.get(3).data());
        assertArrayEquals(e, p.get(4).data());
        assertEquals(105, p.get(4).iface().linkType());
        assertEquals("block 12 at byte offset " + p.get(4).offset() + " (frame 5)", p.get(4).where());
    }

    @Test
    void timestampsOfEveryResolutionRoundToTheNearestNanosecond() throws IOException {
        Path f = write("t.pcapng", new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN)
                .iface(1, 0, 3, -1)                                // milliseconds
                .iface(1, 0, 12, -1)                               // picoseconds
                .iface(1, 0, 0x80 | 32, -1)                        // 2^-32 s (ERF's ticks)
                .epb(0, 1500, new byte[1])                         // 1.5 s
                .epb(1, 2_000_000_000_499L, new byte[1])           // 2 s + 0.499 ns -> 2 s
                .epb(1, 2_000_000_000_500L, new byte[1])           // 2 s + 0.5 ns -> 2 s + 1 ns
                .epb(2, (5L << 32) | (1L << 31), new byte[1])      // 5.5 s
                .epb(2, 0xFFFF_FFFF_FFFF_FFFFL, new byte[1])       // 2^32 s - 1 tick: still fits
                .bytes());
        assertEquals(List.of(1_500_000_000L, 2_000_000_000L, 2_000_000_001L, 5_500_000_000L, 4_294_967_296_000_000_000L),
                PcapngReader.read(f).packets().stream().map(PcapngReader.Packet::timestampNanoseconds).toList());
        Path big = write("big.pcapng", new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN).iface(1, 0, 9, -1)
                .epb(0, -1L, new byte[1]).bytes());
        InputError e = assertThrows(InputError.class, () -> PcapngReader.read(big));
        assertEquals(big + ": block 3 at byte offset 60 (frame 1), timestamp: 18446744073709551615 units of if_tsresol 9"
                + " is past the year 2262", e.getMessage());
    }

    @Test
    void malformedFilesNameTheBlockItsOffsetAndTheField() throws IOException {
        byte[] good = new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN).iface(1, 0, -1, -1)
                .epb(0, 5, data(60, 0)).bytes();                  // SHB 28 bytes, IDB 24, EPB 92 at offset 52
        assertEquals(144, good.length);
        assertMessage("cut.pcapng", Arrays.copyOf(good, 143), "block 3 at byte offset 52 (frame 1), block_total_length:"
                + " truncated block: block_total_length 92 but only 91 bytes left in the file");
        assertMessage("stub.pcapng", Arrays.copyOf(good, 60), "block 3 at byte offset 52 (frame 1), block_total_length:"
                + " truncated block: 8 bytes left, a block has at least 12");
        byte[] odd = good.clone();
        odd[56] = 90;                                              // EPB total length 90: not a multiple of 4
        assertMessage("odd.pcapng", odd, "block 3 at byte offset 52 (frame 1), block_total_length: bad block length 90:"
                + " must be a multiple of 4, at least 12");
        byte[] trailing = good.clone();
        trailing[140] = 96;
        assertMessage("trailing.pcapng", trailing, "block 3 at byte offset 52 (frame 1), block_total_length: bad block"
                + " length: the trailing copy 96 differs from 92");
        byte[] magic = good.clone();
        magic[8] = 0x4E;
        assertMessage("magic.pcapng", magic, "block 1 at byte offset 0, byte_order_magic: unknown byte-order magic:"
                + " bytes 4E 3C 2B 1A, expected 4D 3C 2B 1A (little-endian) or 1A 2B 3C 4D (big-endian)");
        byte[] undefined = good.clone();
        undefined[60] = 1;                                         // EPB interface ID 1: only 0 is defined
        assertMessage("if.pcapng", undefined, "block 3 at byte offset 52 (frame 1), interface_id: EPB on undefined"
                + " interface 1: section 1 defines 1 interface(s) before this block");
        byte[] caplen = good.clone();
        caplen[72] = 100;                                          // captured length 100 > 60 + padding
        assertMessage("caplen.pcapng", caplen, "block 3 at byte offset 52 (frame 1), captured_packet_length: truncated"
                + " block: 100 bytes do not fit the 60 bytes of packet data the block has");
        assertMessage("noshb.pcapng", Arrays.copyOfRange(good, 28, good.length), "block 1 at byte offset 0, block_type:"
                + " bytes 01 00 00 00: a pcapng file starts with a section header block (0A 0D 0D 0A)");
        byte[] version = good.clone();
        version[12] = 2;
        assertMessage("v2.pcapng", version, "block 1 at byte offset 0, major_version: 2: only pcapng version 1 is"
                + " defined");
    }

    private void assertMessage(String name, byte[] bytes, String expected) throws IOException {
        Path f = write(name, bytes);
        InputError e = assertThrows(InputError.class, () -> PcapngReader.read(f));
        assertEquals(f + ": " + expected, e.getMessage());
    }
}
